using System.Text.Json;

namespace ModelGate.Signatures.Tuf;

/// <summary>
/// Reads the four top-level metadata files. Only the format is checked here (types, required members, integer
/// ranges, spec version 1.x); signatures, versions and expiry are the updater's business (§5).
/// </summary>
internal static class TufMetadataReader
{
    public static TufRoot ReadRoot(byte[] bytes, string file, TufLimits limits)
    {
        using var document = TufJson.Parse(bytes, file, limits.MaxJsonDepth);
        var (metadata, signed) = ReadCommon(document, bytes, file, TufRoot.RootRole);
        var keys = new Dictionary<string, TufKey>(StringComparer.Ordinal);
        foreach (var key in TufJson.Object(signed, "keys", file, "signed").EnumerateObject())
        {
            var keyId = TufJson.PropertyName(key, file, "signed.keys");
            var path = $"signed.keys.{keyId}";
            if (key.Value.ValueKind != JsonValueKind.Object)
                throw new TufException($"{file}: {path} must be an object");
            keys[keyId] = TufKey.Read(keyId, key.Value, file, path);
        }
        var rolesElement = TufJson.Object(signed, "roles", file, "signed");
        var roles = new Dictionary<string, TufRole>(StringComparer.Ordinal);
        foreach (var name in (string[])[TufRoot.RootRole, TufRoot.TimestampRole, TufRoot.SnapshotRole, TufRoot.TargetsRole])
        {
            var path = "signed.roles";
            var role = TufJson.Object(rolesElement, name, file, path);
            path = $"{path}.{name}";
            var keyIds = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var keyId in TufJson.Array(role, "keyids", file, path).EnumerateArray())
            {
                var id = TufJson.StringValue(keyId, file, $"{path}.keyids[{index++}]");
                if (!seen.Add(id))
                    throw new TufException($"{file}: {path}.keyids lists {Net.ServerText.Quote(id, 80)} twice");
                keyIds.Add(id);
            }
            // §4.3: "threshold ... the number of keys required to sign the role"; 0 would accept unsigned metadata.
            roles[name] = new TufRole(keyIds, TufJson.Integer(role, "threshold", file, path, minimum: 1));
        }
        return new TufRoot
        {
            Metadata = metadata,
            Keys = keys,
            Roles = roles,
            ConsistentSnapshot = signed.TryGetProperty("consistent_snapshot", out _) && TufJson.Boolean(signed, "consistent_snapshot", file, "signed"),
        };
    }

    public static TufTimestamp ReadTimestamp(byte[] bytes, string file, TufLimits limits)
    {
        using var document = TufJson.Parse(bytes, file, limits.MaxJsonDepth);
        var (metadata, signed) = ReadCommon(document, bytes, file, TufRoot.TimestampRole);
        var meta = ReadMetaFiles(TufJson.Object(signed, "meta", file, "signed"), file);
        // §4.6: timestamp.json lists snapshot.json and nothing else.
        if (meta.Count != 1 || !meta.TryGetValue("snapshot.json", out var snapshot))
            throw new TufException($"{file}: signed.meta must list exactly snapshot.json");
        return new TufTimestamp { Metadata = metadata, Snapshot = snapshot };
    }

    public static TufSnapshot ReadSnapshot(byte[] bytes, string file, TufLimits limits)
    {
        using var document = TufJson.Parse(bytes, file, limits.MaxJsonDepth);
        var (metadata, signed) = ReadCommon(document, bytes, file, TufRoot.SnapshotRole);
        return new TufSnapshot { Metadata = metadata, Meta = ReadMetaFiles(TufJson.Object(signed, "meta", file, "signed"), file) };
    }

    public static TufTargets ReadTargets(byte[] bytes, string file, TufLimits limits)
    {
        using var document = TufJson.Parse(bytes, file, limits.MaxJsonDepth);
        var (metadata, signed) = ReadCommon(document, bytes, file, TufRoot.TargetsRole);
        var targets = new Dictionary<string, TufTargetFile>(StringComparer.Ordinal);
        foreach (var target in TufJson.Object(signed, "targets", file, "signed").EnumerateObject())
        {
            var name = TufJson.PropertyName(target, file, "signed.targets");
            var path = $"signed.targets.{name}";
            if (target.Value.ValueKind != JsonValueKind.Object)
                throw new TufException($"{file}: {path} must be an object");
            targets[name] = new TufTargetFile(
                TufJson.Integer(target.Value, "length", file, path, minimum: 0),
                ReadHashes(TufJson.Object(target.Value, "hashes", file, path), file, $"{path}.hashes"));
        }
        return new TufTargets
        {
            Metadata = metadata,
            Targets = targets,
            HasDelegations = TufJson.OptionalObject(signed, "delegations", file, "signed") is not null,
        };
    }

    private static (TufMetadata Metadata, JsonElement Signed) ReadCommon(JsonDocument document, byte[] bytes, string file, string expectedType)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new TufException($"{file}: the document must be a JSON object with \"signed\" and \"signatures\"");
        var signed = TufJson.Object(root, "signed", file, "$");
        var type = TufJson.String(signed, "_type", file, "signed");
        if (!string.Equals(type, expectedType, StringComparison.Ordinal))
            throw new TufException($"{file}: signed._type is \"{Net.ServerText.Quote(type, 40)}\", expected \"{expectedType}\"");
        var specVersion = TufJson.String(signed, "spec_version", file, "signed");
        CheckSpecVersion(specVersion, file);
        var version = TufJson.Integer(signed, "version", file, "signed", minimum: 1);
        var expires = TufJson.Expires(signed, file, "signed");

        var signatures = new List<TufSignature>();
        var signers = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var entry in TufJson.Array(root, "signatures", file, "$").EnumerateArray())
        {
            var path = $"signatures[{index++}]";
            if (entry.ValueKind != JsonValueKind.Object)
                throw new TufException($"{file}: {path} must be an object");
            var keyId = TufJson.String(entry, "keyid", file, path);
            var sig = TufJson.String(entry, "sig", file, path);
            // python-tuf refuses two signatures by one key id: which one counts would be ambiguous.
            if (!signers.Add(keyId))
                throw new TufException($"{file}: key id {Net.ServerText.Quote(keyId, 80)} signs twice (signatures)");
            signatures.Add(new TufSignature(keyId, TryHex(sig)));
        }

        var metadata = new TufMetadata
        {
            File = file,
            Type = type,
            Version = version,
            Expires = expires,
            SpecVersion = specVersion,
            SignedCanonical = TufCanonicalJson.Encode(signed, file),
            Signatures = signatures,
            Bytes = bytes,
        };
        return (metadata, signed);
    }

    /// <summary>"1.0", "1.0.31": major version 1 is what this client implements (as python-tuf's check).</summary>
    private static void CheckSpecVersion(string specVersion, string file)
    {
        var parts = specVersion.Split('.');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)) || parts[0] != "1")
            throw new TufException($"{file}: signed.spec_version \"{Net.ServerText.Quote(specVersion, 40)}\" is not a TUF 1.x specification version");
    }

    private static Dictionary<string, TufMetaFile> ReadMetaFiles(JsonElement meta, string file)
    {
        var files = new Dictionary<string, TufMetaFile>(StringComparer.Ordinal);
        foreach (var entry in meta.EnumerateObject())
        {
            var name = TufJson.PropertyName(entry, file, "signed.meta");
            var path = $"signed.meta.{name}";
            if (entry.Value.ValueKind != JsonValueKind.Object)
                throw new TufException($"{file}: {path} must be an object");
            var hashes = TufJson.OptionalObject(entry.Value, "hashes", file, path) is { } h
                ? ReadHashes(h, file, $"{path}.hashes")
                : new Dictionary<string, string>(StringComparer.Ordinal);
            files[name] = new TufMetaFile(
                TufJson.Integer(entry.Value, "version", file, path, minimum: 1),
                TufJson.OptionalInteger(entry.Value, "length", file, path, minimum: 1),
                hashes);
        }
        return files;
    }

    private static Dictionary<string, string> ReadHashes(JsonElement hashes, string file, string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var hash in hashes.EnumerateObject())
        {
            var algorithm = TufJson.PropertyName(hash, file, path);
            result[algorithm] = TufJson.StringValue(hash.Value, file, $"{path}.{algorithm}").ToLowerInvariant();
        }
        if (result.Count == 0)
            throw new TufException($"{file}: {path} is empty");
        return result;
    }

    private static byte[] TryHex(string text)
    {
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
