using ModelGate.Formats.Archives;

namespace ModelGate.Artifacts.Inspectors;

/// <summary>
/// Single compressed streams — gzip, bzip2, xz, lzma, lz4 frames, zstd, zlib, joblib's legacy <c>ZF</c>
/// — as joblib's compressors and hand-made <c>.pkl.gz</c> files use them: decompressed in a bounded way and
/// the content scanned as a member named like the file without its compression extension.
/// </summary>
internal static class CompressedInspector
{
    private static readonly string[] CompressionExtensions = [".gz", ".gzip", ".bz2", ".xz", ".lzma", ".lz4", ".zst", ".z", ".zlib"];

    public static bool IsCompressed(ReadOnlySpan<byte> prefix, string name)
    {
        var kind = CompressedStream.Detect(prefix);
        // zlib's two-byte header is a weak signature: trust it only where zlib is expected (joblib, .z names).
        return kind != CompressionKind.None && (kind != CompressionKind.Zlib || ExpectsZlib(name));
    }

    public static void Inspect(ArtifactNode node, Stream stream, byte[] prefix)
    {
        node.Recognised = true;
        var kind = CompressedStream.Detect(prefix);
        node.Format = node.Name.EndsWith(".joblib", StringComparison.OrdinalIgnoreCase) ? $"joblib-{Name(kind)}" : Name(kind);
        var child = node.AddChild(InnerName(node.Name), 0);
        ArtifactScanner.Guard(child, () =>
        {
            var budget = Math.Min(child.Walk.Limits.MaxMemberBytes, child.Walk.RemainingUncompressedBytes);
            using var decompressed = new BudgetStream(CompressedStream.Open(stream, kind, budget, child.Walk.Limits.MaxCompressionRatio), child.Walk);
            ArtifactScanner.Scan(child, decompressed);
        });
    }

    private static bool ExpectsZlib(string name) =>
        name.EndsWith(".joblib", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".z", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".zlib", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".pkl", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".pickle", StringComparison.OrdinalIgnoreCase);

    private static string InnerName(string name)
    {
        foreach (var extension in CompressionExtensions)
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) && name.Length > extension.Length)
                return name[..^extension.Length];
        }
        return name;
    }

    private static string Name(CompressionKind kind) => kind.ToString().ToLowerInvariant();
}
