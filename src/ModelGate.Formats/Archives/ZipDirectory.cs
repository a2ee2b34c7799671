namespace ModelGate.Formats.Archives;

/// <summary>A zip archive's directory as lenient loaders see it, plus every irregularity found on the way.</summary>
public sealed class ZipDirectory
{
    internal ZipDirectory(IReadOnlyList<ZipEntry> entries, IReadOnlyList<ZipEntry> unlisted, IReadOnlyList<ArchiveAnomaly> anomalies, bool isZip64, long centralDirectoryOffset, long prependedBytes)
    {
        Entries = entries;
        UnlistedLocalEntries = unlisted;
        Anomalies = anomalies;
        IsZip64 = isZip64;
        CentralDirectoryOffset = centralDirectoryOffset;
        PrependedBytes = prependedBytes;
    }

    /// <summary>Entries in central directory order (every entry Python's zipfile lists, which includes those miniz lists).</summary>
    public IReadOnlyList<ZipEntry> Entries { get; }

    /// <summary>Local headers found in the file that the central directory does not reference; their data may hide a payload.</summary>
    public IReadOnlyList<ZipEntry> UnlistedLocalEntries { get; }

    /// <summary>Irregularities, each with the entry and offset it concerns.</summary>
    public IReadOnlyList<ArchiveAnomaly> Anomalies { get; }

    /// <summary>True when a zip64 end of central directory record was used.</summary>
    public bool IsZip64 { get; }

    /// <summary>Where the central directory actually starts in the file.</summary>
    public long CentralDirectoryOffset { get; }

    /// <summary>Bytes before the archive proper (self-extracting stub), by which all offsets were shifted.</summary>
    public long PrependedBytes { get; }
}
