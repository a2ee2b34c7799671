using SharpCompress.Archives;

namespace ModelGate.Formats.Archives;

/// <summary>An open 7z archive: its listing, anomalies, and bounded access to each member's data.</summary>
public sealed class SevenZipArchive : IDisposable
{
    private readonly IArchive _archive;
    private readonly IArchiveEntry[] _handles;
    private readonly ArchiveLimits _limits;
    private readonly long _archiveLength;

    internal SevenZipArchive(IArchive archive, IArchiveEntry[] handles, IReadOnlyList<SevenZipEntry> entries, IReadOnlyList<ArchiveAnomaly> anomalies, bool isSolid, ArchiveLimits limits, long archiveLength)
    {
        _archive = archive;
        _handles = handles;
        Entries = entries;
        Anomalies = anomalies;
        IsSolid = isSolid;
        _limits = limits;
        _archiveLength = archiveLength;
    }

    /// <summary>Members in archive order.</summary>
    public IReadOnlyList<SevenZipEntry> Entries { get; }

    /// <summary>Encrypted members, unsafe names, duplicates.</summary>
    public IReadOnlyList<ArchiveAnomaly> Anomalies { get; }

    /// <summary>True when members share compressed folders (reading one decodes those before it).</summary>
    public bool IsSolid { get; }

    /// <summary>
    /// Opens a member's data, bounded by <paramref name="maxUncompressedBytes"/> and by the ratio limit
    /// (taken against the whole archive's size, since solid members share their packed bytes).
    /// </summary>
    /// <exception cref="MalformedDataException">The member is encrypted, a directory, or its data is corrupt.</exception>
    public Stream OpenEntry(SevenZipEntry entry, long maxUncompressedBytes)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.IsEncrypted)
            throw new MalformedDataException(SevenZipArchiveReader.Format, $"entry '{entry.Name}' is encrypted and cannot be read");
        if (entry.IsDirectory)
            throw new MalformedDataException(SevenZipArchiveReader.Format, $"entry '{entry.Name}' is a directory");
        Stream data;
        try
        {
            data = _handles[entry.Index].OpenEntryStream();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new MalformedDataException(SevenZipArchiveReader.Format, $"entry '{entry.Name}' cannot be opened: {ex.Message}", inner: ex);
        }
        var counter = new InputCounter(Stream.Null, SevenZipArchiveReader.Format, 0, expectedLength: null);
        return new BoundedDecodeStream(data, counter, SevenZipArchiveReader.Format, maxUncompressedBytes, _limits.MaxCompressionRatio, _limits.CompressionRatioFloorBytes, Math.Max(1, _archiveLength));
    }

    public void Dispose() => _archive.Dispose();
}
