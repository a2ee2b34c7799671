using ModelGate.Formats.Archives;

namespace ModelGate.Formats.Tests.Archives;

public sealed class SevenZipArchiveReaderTests
{
    [Fact]
    public void Solid_archive_lists_and_reads_members()
    {
        using var file = ArchiveFixtures.Open("solid.7z");
        using var archive = SevenZipArchiveReader.Open(file, ArchiveLimits.Default);
        Assert.Equal(["data.pkl", "version", "weights.bin"], archive.Entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Empty(archive.Anomalies);
        var pickle = archive.Entries.Single(e => e.Name == "data.pkl");
        Assert.Equal(ArchiveFixtures.Pickle.Length, pickle.Size);
        using var data = archive.OpenEntry(pickle, 1024 * 1024);
        Assert.Equal(ArchiveFixtures.Pickle, ArchiveFixtures.ReadAll(data));
    }

    [Fact]
    public void Encrypted_members_are_listed_reported_and_unreadable()
    {
        using var file = ArchiveFixtures.Open("encrypted.7z");
        using var archive = SevenZipArchiveReader.Open(file, ArchiveLimits.Default);
        Assert.All(archive.Entries, e => Assert.True(e.IsEncrypted));
        Assert.Contains(archive.Anomalies, a => a.Kind == ArchiveAnomalyKind.Encrypted);
        Assert.Throws<MalformedDataException>(() => archive.OpenEntry(archive.Entries[0], 1024 * 1024));
    }

    [Fact]
    public void Encrypted_headers_cannot_be_listed()
    {
        using var file = ArchiveFixtures.Open("encrypted-headers.7z");
        Assert.Throws<MalformedDataException>(() => SevenZipArchiveReader.Open(file, ArchiveLimits.Default));
    }

    [Fact]
    public void Output_limit_applies()
    {
        using var file = ArchiveFixtures.Open("solid.7z");
        using var archive = SevenZipArchiveReader.Open(file, ArchiveLimits.Default);
        using var data = archive.OpenEntry(archive.Entries.Single(e => e.Name == "weights.bin"), 10);
        Assert.Throws<MalformedDataException>(() => data.CopyTo(Stream.Null));
    }

    [Fact]
    public void Truncated_at_every_offset_gives_a_result_or_malformed_data()
    {
        var bytes = ArchiveFixtures.Bytes("solid.7z");
        for (var length = 0; length < bytes.Length; length++)
        {
            using var file = new MemoryStream(bytes, 0, length);
            try
            {
                using var archive = SevenZipArchiveReader.Open(file, ArchiveLimits.Default);
                foreach (var entry in archive.Entries.Where(e => !e.IsDirectory))
                {
                    using var data = archive.OpenEntry(entry, 1024 * 1024);
                    data.CopyTo(Stream.Null);
                }
            }
            catch (MalformedDataException)
            {
            }
        }
    }
}
