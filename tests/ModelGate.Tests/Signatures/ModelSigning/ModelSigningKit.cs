using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelGate.Signatures.ModelSigning;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Signatures.ModelSigning;

/// <summary>Keys, signing and checking shortcuts for the model-signing tests.</summary>
internal static class ModelSigningKit
{
    public static string Testdata(string name) => Path.Combine(AppContext.BaseDirectory, "Signatures", "ModelSigning", "testdata", name);

    /// <summary>The public-good production trusted root, from ../shared/testdata/sigstore-trust (never copied into the repository).</summary>
    public static string ProductionTrustedRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "testdata", "sigstore-trust", "trusted_root.production.json");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new InvalidOperationException("shared/testdata/sigstore-trust not found above " + AppContext.BaseDirectory);
    }

    public static ECDsa NewKey(string curve) => ECDsa.Create(curve switch
    {
        "P-256" => ECCurve.NamedCurves.nistP256,
        "P-384" => ECCurve.NamedCurves.nistP384,
        "P-521" => ECCurve.NamedCurves.nistP521,
        _ => throw new ArgumentOutOfRangeException(nameof(curve)),
    });

    /// <summary>Writes the private key as PKCS#8 or SEC1 PEM; returns its path.</summary>
    public static string WritePrivateKey(TempTree tree, ECDsa key, bool sec1 = false) =>
        tree.Write(sec1 ? "keys/sec1.pem" : "keys/pkcs8.pem", sec1 ? key.ExportECPrivateKeyPem() : key.ExportPkcs8PrivateKeyPem());

    public static ModelSigningTrust Trust(ECDsa key, string display = "test-key") =>
        new() { PublicKeys = [new TrustedKey(display, key)] };

    /// <summary>A small model: nested folders, an empty file, a git folder.</summary>
    public static string WriteModel(TempTree tree, string folder = "model")
    {
        tree.Write($"{folder}/config.json", "{\"model_type\": \"bert\"}\n");
        tree.WriteBytes($"{folder}/weights/model.safetensors", [.. Enumerable.Range(0, 5000).Select(i => (byte)i)]);
        tree.Write($"{folder}/tokenizer/deep/vocab.txt", "[PAD]\n[UNK]\n");
        tree.Write($"{folder}/empty.txt", string.Empty);
        tree.Write($"{folder}/.git/HEAD", "ref: refs/heads/main\n");
        return Path.Combine(tree.Root, folder);
    }

    public static async Task<string> SignAsync(string model, ECDsa key, TempTree tree, IReadOnlyList<string>? ignore = null)
    {
        var keyPath = WritePrivateKey(tree, key);
        var signature = Path.Combine(model, ModelSigningFormat.DefaultSignatureName);
        await ModelSigner.SignAsync(model, keyPath, signature, ignore ?? [], ModelSigningLimits.Default, CancellationToken.None);
        return signature;
    }

    public static Task<ModelSignatureCheck> CheckAsync(string model, ModelSigningTrust trust, string? signature = null, ModelSigningLimits? limits = null) =>
        ModelSigningVerification.CheckAsync(model, signature ?? Path.Combine(model, ModelSigningFormat.DefaultSignatureName), trust, [], limits ?? ModelSigningLimits.Default, CancellationToken.None);

    /// <summary>A statement with the given resources (name, sha256 hex), its subject digest computed over them in order.</summary>
    public static byte[] Statement(IEnumerable<(string Name, string Digest)> resources, string method = "files", string? rootDigest = null)
    {
        var list = resources.ToList();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (_, digest) in list)
            hash.AppendData(Convert.FromHexString(digest));
        var root = rootDigest ?? Convert.ToHexStringLower(hash.GetHashAndReset());
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("_type", ModelSigningFormat.StatementType);
            w.WriteStartArray("subject");
            w.WriteStartObject();
            w.WriteString("name", "model");
            w.WriteStartObject("digest");
            w.WriteString("sha256", root);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("predicateType", ModelSigningFormat.PredicateType);
            w.WriteStartObject("predicate");
            w.WriteStartObject("serialization");
            w.WriteString("method", method);
            w.WriteString("hash_type", "sha256");
            w.WriteBoolean("allow_symlinks", false);
            w.WriteEndObject();
            w.WriteStartArray("resources");
            foreach (var (name, digest) in list)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("algorithm", "sha256");
                w.WriteString("digest", digest);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Copies a committed fixture folder to a temp tree (tests that change files never touch the originals).</summary>
    public static string CopyFixture(TempTree tree, string name)
    {
        var source = Testdata(name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            tree.WriteBytes(Path.Combine(name, Path.GetRelativePath(source, file)), File.ReadAllBytes(file));
        return Path.Combine(tree.Root, name);
    }
}
