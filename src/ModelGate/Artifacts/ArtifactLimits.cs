namespace ModelGate.Artifacts;

/// <summary>
/// Bounds on one walk through a model file and everything nested in it. A zip bomb, a 10,000-deep archive
/// chain or a million-member archive ends in an MG2004 finding and an "error" verdict, not in exhausted
/// memory, disk or time.
/// </summary>
internal sealed record ArtifactLimits
{
    public static ArtifactLimits Default { get; } = new();

    /// <summary>Deepest nesting of containers (zip in tar in gzip ...). Real model files nest two or three deep.</summary>
    public int MaxDepth { get; init; } = 8;

    /// <summary>Most archive members visited in one file, all levels together (a large TorchScript model has a few thousand).</summary>
    public int MaxMembers { get; init; } = 100_000;

    /// <summary>Most bytes decompressed in one file, all members together.</summary>
    public long MaxTotalUncompressedBytes { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Largest single member decompressed.</summary>
    public long MaxMemberBytes { get; init; } = 8L * 1024 * 1024 * 1024;

    /// <summary>
    /// Highest decompressed:compressed ratio for members above 1 MiB. Real checkpoints compress 1-10:1 and
    /// joblib arrays of zeros a few hundred:1; a deflate bomb reaches 1000:1.
    /// </summary>
    public int MaxCompressionRatio { get; init; } = 1000;

    /// <summary>Members up to this size are buffered in memory when a reader needs to seek; larger ones go to a temporary file.</summary>
    public long MaxInMemorySpoolBytes { get; init; } = 64L * 1024 * 1024;
}
