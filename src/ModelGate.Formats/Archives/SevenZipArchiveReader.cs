using SharpCompress.Archives;
using SharpCompress.Readers;

namespace ModelGate.Formats.Archives;

/// <summary>
/// Lists and opens 7z archives through SharpCompress (7-Zip's own format documentation, DOC/7zFormat.txt):
/// names, sizes, packed sizes and encryption per member, solid archives included.
/// </summary>
public static class SevenZipArchiveReader
{
    internal const string Format = "7z";

    /// <summary>The 7z signature header's first six bytes: '7' 'z' BC AF 27 1C.</summary>
    public static bool IsSevenZip(ReadOnlySpan<byte> prefix) => prefix is [(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C, ..];

    /// <summary>Opens <paramref name="seekableArchive"/>; the stream must stay open while the result is used.</summary>
    /// <exception cref="MalformedDataException">Not a readable 7z archive, encrypted headers, or too many entries.</exception>
    public static SevenZipArchive Open(Stream seekableArchive, ArchiveLimits limits)
    {
        ArgumentNullException.ThrowIfNull(seekableArchive);
        ArgumentNullException.ThrowIfNull(limits);
        if (!seekableArchive.CanSeek)
            throw new ArgumentException("the 7z reader needs a seekable stream", nameof(seekableArchive));
        Span<byte> signature = stackalloc byte[6];
        seekableArchive.Position = 0;
        if (seekableArchive.ReadAtLeast(signature, signature.Length, throwOnEndOfStream: false) < signature.Length || !IsSevenZip(signature))
            throw new MalformedDataException(Format, "no 7z signature", 0);
        seekableArchive.Position = 0;
        IArchive? archive = null;
        try
        {
            archive = SharpCompress.Archives.SevenZip.SevenZipArchive.OpenArchive(seekableArchive, new ReaderOptions { LeaveStreamOpen = true });
            var anomalies = new AnomalyList(limits.MaxAnomalies);
            var handles = new List<IArchiveEntry>();
            var entries = new List<SevenZipEntry>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var handle in archive.Entries)
            {
                if (handles.Count >= limits.MaxEntries)
                    throw new MalformedDataException(Format, $"more than {limits.MaxEntries} entries");
                var name = handle.Key ?? "";
                if (name.Length > limits.MaxNameLength)
                    throw new MalformedDataException(Format, $"entry name of {name.Length} characters exceeds the limit of {limits.MaxNameLength}");
                var entry = new SevenZipEntry(handles.Count, name, handle.Size, handle.CompressedSize, handle.IsEncrypted, handle.IsDirectory);
                if (entry.IsEncrypted)
                    anomalies.Add(ArchiveAnomalyKind.Encrypted, name, null, "member is encrypted; its data cannot be scanned");
                if (!names.Add(name))
                    anomalies.Add(ArchiveAnomalyKind.DuplicateName, name, null, "another entry has the same name");
                ArchiveNames.Check(name, null, anomalies);
                handles.Add(handle);
                entries.Add(entry);
            }
            var result = new SevenZipArchive(archive, handles.ToArray(), entries, anomalies.ToList(), archive.IsSolid, limits, seekableArchive.Length);
            archive = null;
            return result;
        }
        catch (Exception ex) when (ex is not (MalformedDataException or OperationCanceledException))
        {
            throw new MalformedDataException(Format, $"cannot read the archive: {ex.Message}", inner: ex);
        }
        finally
        {
            archive?.Dispose();
        }
    }
}
