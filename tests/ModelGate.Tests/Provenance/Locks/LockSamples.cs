using System.Security.Cryptography;
using System.Text;
using ModelGate.Provenance.Hub;
using ModelGate.Provenance.Locks;

namespace ModelGate.Tests.Provenance.Locks;

/// <summary>Small locks and the digests of known bytes, shared by the lock tests.</summary>
internal static class LockSamples
{
    public const string BertCommit = "86b5e0934494bd15c9632b12f734a8a67f723594";
    public const string OtherCommit = "1111111111111111111111111111111111111111";
    public const string WeightsSha256 = "68d45e234eb4a928074dfd868cead0219ab85354cc53d20e772753c6bb9169d3";
    public const string PointerBlob = "2a0ce1d44a3b4d7b1c7a8e76ab0c6dcbbdf93b4f";
    public const string ConfigBlob = "45a2321a7ecfdaaf60a6c1fd7f5463994cc8907d";

    public static HubRepoId Bert { get; } = HubRepoId.Parse("google-bert/bert-base-uncased");

    public static LockedModel BertModel() => new(
        Bert, "main", BertCommit, ["*.json", "*.safetensors"], false,
        [
            new LockedFile("config.json", 570, null, ConfigBlob, false),
            new LockedFile("model.safetensors", 440449768, WeightsSha256, PointerBlob, true),
        ]);

    public static LockedModel Gpt2Model() => new(
        HubRepoId.Parse("gpt2"), null, OtherCommit, [], true,
        [
            new LockedFile("tokenizer/vocab.json", 12, "0000000000000000000000000000000000000000000000000000000000000000", "0000000000000000000000000000000000000000", false),
        ]);

    /// <summary>Two models given in reverse order, so writing must sort them.</summary>
    public static ModelLock TwoModels() => new([Gpt2Model(), BertModel()]);

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string GitBlob(byte[] bytes)
    {
        var header = Encoding.ASCII.GetBytes($"blob {bytes.Length}\0");
#pragma warning disable CA5350 // git names blobs by SHA-1; this is the independent oracle for that id, not a security choice.
        return Convert.ToHexStringLower(SHA1.HashData([.. header, .. bytes]));
#pragma warning restore CA5350
    }

    /// <summary>A lock entry pinning <paramref name="files"/> by SHA-256 (and git blob id) of their content.</summary>
    public static LockedModel Pin(IReadOnlyDictionary<string, byte[]> files, string commit = BertCommit, IReadOnlyList<string>? include = null, bool sha256 = true) => new(
        Bert, "main", commit, include ?? [], sha256,
        files.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new LockedFile(f.Key, f.Value.Length, sha256 ? Sha256(f.Value) : null, GitBlob(f.Value), false))
            .ToArray());
}
