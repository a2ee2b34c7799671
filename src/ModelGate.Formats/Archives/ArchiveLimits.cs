namespace ModelGate.Formats.Archives;

/// <summary>
/// Bounds for reading one archive. Limits across a whole recursive walk (depth, total bytes) are the
/// engine's; these keep a single archive's directory and each entry's output bounded.
/// </summary>
public sealed class ArchiveLimits
{
    /// <summary>The defaults described on each property.</summary>
    public static ArchiveLimits Default { get; } = new();

    /// <summary>
    /// Most entries in one archive (default 100,000). Large sharded checkpoints and npz files have a few
    /// thousand; a directory claiming millions is checked against this before anything is read.
    /// </summary>
    public int MaxEntries { get; init; } = 100_000;

    /// <summary>
    /// Most bytes produced from one entry (default 64 GiB): the largest single tensors files seen in model
    /// repositories are tens of GiB; a declared size is never trusted, the output is counted.
    /// </summary>
    public long MaxEntryUncompressedBytes { get; init; } = 64L * 1024 * 1024 * 1024;

    /// <summary>
    /// Highest ratio of output to compressed input (default 1000) once the output passes
    /// <see cref="CompressionRatioFloorBytes"/>. Deflate's own ceiling is about 1032:1, so only stacked or
    /// overlapping constructions exceed it; float weights compress about 1.1:1.
    /// </summary>
    public int MaxCompressionRatio { get; init; } = 1000;

    /// <summary>Output below this many bytes (default 1 MiB) is not ratio-checked: small repetitive members harm nothing.</summary>
    public long CompressionRatioFloorBytes { get; init; } = 1024 * 1024;

    /// <summary>Longest entry name (default 4096 bytes, PATH_MAX on Linux); pax and GNU long names are checked before allocation.</summary>
    public int MaxNameLength { get; init; } = 4096;

    /// <summary>
    /// Largest zip central directory read into memory (default 128 MiB): 100,000 entries with 1 KiB of
    /// names and extras each. The directory must also fit inside the file.
    /// </summary>
    public long MaxCentralDirectoryBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>
    /// Most bytes outside the central directory's entries scanned for unlisted local headers (default 256 MiB).
    /// Honest zips have no gaps; a gap this large is scanned up to the bound only.
    /// </summary>
    public long MaxGapScanBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Most unlisted local entries reported (default 1000).</summary>
    public int MaxUnlistedEntries { get; init; } = 1000;

    /// <summary>Largest pax extended header read (default 1 MiB); real ones carry a path and a few times.</summary>
    public int MaxPaxHeaderBytes { get; init; } = 1024 * 1024;

    /// <summary>Most anomalies recorded per archive (default 10,000), so a hostile directory cannot grow the list without bound.</summary>
    public int MaxAnomalies { get; init; } = 10_000;
}
