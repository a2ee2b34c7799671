using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelGate.Signatures.Tuf;

namespace ModelGate.Tests.Signatures.Tuf;

/// <summary>
/// A TUF repository the test builds, signs and serves on 127.0.0.1: keys per role, versions and expiry per
/// role, a hook to change any "signed" object before it is signed, and targets stored under
/// "targets/SHA256.name" (consistent snapshots) as the Sigstore repository publishes them.
/// </summary>
internal sealed class TufTestRepository : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<TufTestKey> _allKeys = [];

    public TufTestRepository()
    {
        RoleKeys["root"] = [NewKey(ed25519: false), NewKey(ed25519: true)];
        RoleKeys["timestamp"] = [NewKey(ed25519: false)];
        RoleKeys["snapshot"] = [NewKey(ed25519: true)];
        RoleKeys["targets"] = [NewKey(ed25519: false)];
        Thresholds["root"] = 2;
        Thresholds["timestamp"] = 1;
        Thresholds["snapshot"] = 1;
        Thresholds["targets"] = 1;
        foreach (var role in RoleKeys.Keys)
            Expires[role] = Now.AddDays(30);
        Versions["root"] = 1;
        Versions["timestamp"] = 1;
        Versions["snapshot"] = 1;
        Versions["targets"] = 1;
    }

    public TufTestServer Server { get; } = new();

    public Dictionary<string, List<TufTestKey>> RoleKeys { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Thresholds { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DateTimeOffset> Expires { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Versions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, byte[]> Targets { get; } = new(StringComparer.Ordinal) { ["trusted_root.json"] = "{\"a\":1}"u8.ToArray() };

    public bool ConsistentSnapshot { get; set; } = true;

    /// <summary>Changes a role's "signed" object before it is signed (role name, object).</summary>
    public Action<string, JsonObject>? Tweak { get; set; }

    /// <summary>The first root published (what a client is bootstrapped with).</summary>
    public byte[] InitialRoot { get; private set; } = [];

    public TufTestKey NewKey(bool ed25519)
    {
        var key = ed25519 ? TufTestKey.Ed25519() : TufTestKey.Ecdsa();
        _allKeys.Add(key);
        return key;
    }

    /// <summary>Publishes root version Versions["root"] signed by <paramref name="signers"/> (default: the current root keys).</summary>
    public byte[] PublishRoot(IEnumerable<TufTestKey>? signers = null)
    {
        var signed = new JsonObject
        {
            ["_type"] = "root",
            ["spec_version"] = "1.0.31",
            ["version"] = Versions["root"],
            ["expires"] = Format(Expires["root"]),
            ["consistent_snapshot"] = ConsistentSnapshot,
            ["keys"] = Keys(),
            ["roles"] = Roles(),
        };
        var bytes = Sign("root", signed, signers ?? RoleKeys["root"]);
        Server.Put($"{Versions["root"].ToString(CultureInfo.InvariantCulture)}.root.json", bytes);
        if (InitialRoot.Length == 0)
            InitialRoot = bytes;
        return bytes;
    }

    /// <summary>Publishes targets, snapshot and timestamp at their current versions, each naming the next by version, length and SHA-256.</summary>
    public void PublishMetadata()
    {
        var targetsList = new JsonObject();
        foreach (var (name, content) in Targets)
        {
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
            targetsList[name] = new JsonObject { ["length"] = content.Length, ["hashes"] = new JsonObject { ["sha256"] = sha256 } };
            Server.Put(ConsistentSnapshot ? $"targets/{sha256}.{name}" : $"targets/{name}", content);
        }
        var targets = Sign("targets", Common("targets", new JsonObject { ["targets"] = targetsList }), RoleKeys["targets"]);
        Server.Put(MetadataPath("targets"), targets);

        var snapshot = Sign("snapshot", Common("snapshot", new JsonObject { ["meta"] = new JsonObject { ["targets.json"] = MetaFile(Versions["targets"], targets) } }), RoleKeys["snapshot"]);
        Server.Put(MetadataPath("snapshot"), snapshot);

        var timestamp = Sign("timestamp", Common("timestamp", new JsonObject { ["meta"] = new JsonObject { ["snapshot.json"] = MetaFile(Versions["snapshot"], snapshot) } }), RoleKeys["timestamp"]);
        Server.Put("timestamp.json", timestamp);
    }

    public string MetadataPath(string role) =>
        ConsistentSnapshot && role != "timestamp" ? $"{Versions[role].ToString(CultureInfo.InvariantCulture)}.{role}.json" : $"{role}.json";

    public string TargetPath(string name)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Targets[name]));
        return ConsistentSnapshot ? $"targets/{sha256}.{name}" : $"targets/{name}";
    }

    /// <summary>Signs <paramref name="signed"/> (after <see cref="Tweak"/>) over its canonical JSON and returns the envelope.</summary>
    public byte[] Sign(string role, JsonObject signed, IEnumerable<TufTestKey> signers)
    {
        Tweak?.Invoke(role, signed);
        var signedBytes = Serialize(signed);
        using var document = JsonDocument.Parse(signedBytes);
        var canonical = TufCanonicalJson.Encode(document.RootElement, role);
        var signatures = new JsonArray();
        foreach (var key in signers.DistinctBy(k => k.KeyId))
            signatures.Add(new JsonObject { ["keyid"] = key.KeyId, ["sig"] = Convert.ToHexStringLower(key.Sign(canonical)) });
        return Serialize(new JsonObject { ["signatures"] = signatures, ["signed"] = JsonNode.Parse(signedBytes) });
    }

    public static byte[] Serialize(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            node.WriteTo(writer);
        return buffer.ToArray();
    }

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private JsonObject Common(string role, JsonObject body)
    {
        var signed = new JsonObject
        {
            ["_type"] = role,
            ["spec_version"] = "1.0.31",
            ["version"] = Versions[role],
            ["expires"] = Format(Expires[role]),
        };
        foreach (var (name, value) in body.ToList())
        {
            body.Remove(name);
            signed[name] = value;
        }
        return signed;
    }

    private static JsonObject MetaFile(long version, byte[] content) => new()
    {
        ["version"] = version,
        ["length"] = content.Length,
        ["hashes"] = new JsonObject { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content)) },
    };

    private JsonObject Keys()
    {
        var keys = new JsonObject();
        foreach (var key in RoleKeys.Values.SelectMany(k => k).DistinctBy(k => k.KeyId))
            keys[key.KeyId] = key.ToJson();
        return keys;
    }

    private JsonObject Roles()
    {
        var roles = new JsonObject();
        foreach (var (role, keys) in RoleKeys)
            roles[role] = new JsonObject { ["keyids"] = new JsonArray([.. keys.Select(k => (JsonNode)k.KeyId)]), ["threshold"] = Thresholds[role] };
        return roles;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        foreach (var key in _allKeys)
            key.Dispose();
    }
}
