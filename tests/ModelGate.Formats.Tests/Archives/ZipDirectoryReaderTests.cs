using System.IO.Compression;
using ModelGate.Formats.Archives;

namespace ModelGate.Formats.Tests.Archives;

public sealed class ZipDirectoryReaderTests
{
    private static readonly string[] TorchLikeNames = ["archive/data.pkl", "archive/version", "archive/data/0"];

    [Theory]
    [InlineData("simple-deflate.zip")]
    [InlineData("simple-stored.zip")]
    [InlineData("bzip2.zip")]
    [InlineData("lzma.zip")]
    [InlineData("zip64.zip")]
    public void Clean_archives_list_and_read_without_anomalies(string fixture)
    {
        using var file = ArchiveFixtures.Open(fixture);
        var directory = ZipDirectoryReader.Read(file, ArchiveLimits.Default);

        Assert.Empty(directory.Anomalies);
        Assert.Empty(directory.UnlistedLocalEntries);
        Assert.Equal(TorchLikeNames, directory.Entries.Select(e => e.Name));
        var pickle = directory.Entries[0];
        Assert.Equal(pickle.Name, pickle.LocalName);
        using var data = ZipEntryReader.Open(file, pickle, 1024 * 1024);
        Assert.Equal(ArchiveFixtures.Pickle, ArchiveFixtures.ReadAll(data));
        Assert.True(data.CrcMatched);
        Assert.Equal(fixture == "zip64.zip", directory.IsZip64);
    }

    [Fact]
    public void Deflate64_member_written_by_7zip_decodes()
    {
        using var file = ArchiveFixtures.Open("deflate64.zip");
        var entry = Assert.Single(ZipDirectoryReader.Read(file, ArchiveLimits.Default).Entries);
        Assert.Equal(9, entry.Method);
        using var data = ZipEntryReader.Open(file, entry, 1024 * 1024);
        Assert.Equal(Enumerable.Repeat(ArchiveFixtures.Pickle, 50).SelectMany(b => b), ArchiveFixtures.ReadAll(data));
        Assert.True(data.CrcMatched);
    }

    [Theory]
    [InlineData("name-mismatch.zip", ArchiveAnomalyKind.LocalNameMismatch)]
    [InlineData("encrypted-flag-stored.zip", ArchiveAnomalyKind.EncryptedFlag)]
    [InlineData("flags-mismatch.zip", ArchiveAnomalyKind.FlagsMismatch)]
    [InlineData("crc-field-mismatch.zip", ArchiveAnomalyKind.CrcFieldMismatch)]
    [InlineData("size-mismatch.zip", ArchiveAnomalyKind.SizeMismatch)]
    [InlineData("method-mismatch.zip", ArchiveAnomalyKind.MethodMismatch)]
    [InlineData("local-signature-missing.zip", ArchiveAnomalyKind.LocalHeaderSignatureMissing)]
    [InlineData("duplicate-names.zip", ArchiveAnomalyKind.DuplicateName)]
    [InlineData("overlapping-entries.zip", ArchiveAnomalyKind.OverlappingEntries)]
    [InlineData("unlisted-local-entry.zip", ArchiveAnomalyKind.UnlistedLocalEntry)]
    [InlineData("prepended-data.zip", ArchiveAnomalyKind.PrependedData)]
    [InlineData("traversal-names.zip", ArchiveAnomalyKind.PathTraversal)]
    [InlineData("traversal-names.zip", ArchiveAnomalyKind.AbsolutePath)]
    [InlineData("traversal-names.zip", ArchiveAnomalyKind.BackslashInName)]
    [InlineData("traversal-names.zip", ArchiveAnomalyKind.NulInName)]
    [InlineData("data-descriptor.zip", ArchiveAnomalyKind.DataDescriptor)]
    [InlineData("unsupported-method.zip", ArchiveAnomalyKind.UnsupportedMethod)]
    [InlineData("data-beyond-eof.zip", ArchiveAnomalyKind.DataBeyondEndOfFile)]
    [InlineData("entry-count-mismatch.zip", ArchiveAnomalyKind.EntryCountMismatch)]
    public void Each_irregularity_is_reported_as_its_anomaly(string fixture, ArchiveAnomalyKind kind)
    {
        using var file = ArchiveFixtures.Open(fixture);
        var directory = ZipDirectoryReader.Read(file, ArchiveLimits.Default);
        Assert.Contains(directory.Anomalies, a => a.Kind == kind);
    }

    [Fact]
    public void Name_mismatch_keeps_the_central_name_and_exposes_the_local_one()
    {
        using var file = ArchiveFixtures.Open("name-mismatch.zip");
        var entry = Assert.Single(ZipDirectoryReader.Read(file, ArchiveLimits.Default).Entries);
        Assert.Equal("archive/data.pkl", entry.Name);
        Assert.Equal("archive/evil.pkl", entry.LocalName);
    }

    [Theory]
    [InlineData("encrypted-flag-stored.zip")]
    [InlineData("local-signature-missing.zip")]
    [InlineData("data-descriptor.zip")]
    [InlineData("flags-mismatch.zip")]
    public void Irregular_members_are_still_read_as_PyTorch_reads_them(string fixture)
    {
        using var file = ArchiveFixtures.Open(fixture);
        var entry = Assert.Single(ZipDirectoryReader.Read(file, ArchiveLimits.Default).Entries);
        using var data = ZipEntryReader.Open(file, entry, 1024 * 1024);
        Assert.Equal(ArchiveFixtures.Pickle, ArchiveFixtures.ReadAll(data));
        Assert.True(data.CrcMatched);
    }

    [Fact]
    public void Bad_crc_is_exposed_after_reading_to_the_end()
    {
        using var file = ArchiveFixtures.Open("bad-crc.zip");
        var entry = Assert.Single(ZipDirectoryReader.Read(file, ArchiveLimits.Default).Entries);
        using var data = ZipEntryReader.Open(file, entry, 1024 * 1024);
        Assert.Null(data.CrcMatched);
        Assert.Equal(ArchiveFixtures.Pickle, ArchiveFixtures.ReadAll(data));
        Assert.False(data.CrcMatched);
    }

    [Fact]
    public void Unlisted_local_entry_is_exposed_with_readable_data()
    {
        using var file = ArchiveFixtures.Open("unlisted-local-entry.zip");
        var directory = ZipDirectoryReader.Read(file, ArchiveLimits.Default);
        Assert.Equal(["archive/version"], directory.Entries.Select(e => e.Name));
        var hidden = Assert.Single(directory.UnlistedLocalEntries);
        Assert.Equal("hidden.pkl", hidden.Name);
        Assert.True(hidden.IsUnlisted);
        using var data = ZipEntryReader.Open(file, hidden, 1024 * 1024);
        Assert.Equal(ArchiveFixtures.Pickle, ArchiveFixtures.ReadAll(data));
    }

    [Fact]
    public void Prepended_data_shifts_offsets_as_python_does()
    {
        using var file = ArchiveFixtures.Open("prepended-data.zip");
        var directory = ZipDirectoryReader.Read(file, ArchiveLimits.Default);
        Assert.True(directory.PrependedBytes > 0);
        Assert.Equal(TorchLikeNames, directory.Entries.Select(e => e.Name));
        Assert.Empty(directory.UnlistedLocalEntries);
        using var data = ZipEntryReader.Open(file, directory.Entries[0], 1024 * 1024);
        Assert.Equal(ArchiveFixtures.Pickle, ArchiveFixtures.ReadAll(data));
    }

    [Fact]
    public void Unsupported_method_fails_closed_when_opened()
    {
        using var file = ArchiveFixtures.Open("unsupported-method.zip");
        var entry = Assert.Single(ZipDirectoryReader.Read(file, ArchiveLimits.Default).Entries);
        Assert.Throws<MalformedDataException>(() => ZipEntryReader.Open(file, entry, 1024 * 1024));
    }

    [Fact]
    public void Data_beyond_end_of_file_fails_when_read()
    {
        using var file = ArchiveFixtures.Open("data-beyond-eof.zip");
        var entry = Assert.Single(ZipDirectoryReader.Read(file, ArchiveLimits.Default).Entries);
        using var data = ZipEntryReader.Open(file, entry, 1024 * 1024);
        Assert.Throws<MalformedDataException>(() => ArchiveFixtures.ReadAll(data));
    }

    [Fact]
    public void Ten_thousand_entries_list_fine()
    {
        var bytes = BuildZip(Enumerable.Range(0, 10_000).Select(i => ($"weights/{i}.bin", new byte[] { (byte)i })));
        using var file = new MemoryStream(bytes);
        var directory = ZipDirectoryReader.Read(file, ArchiveLimits.Default);
        Assert.Equal(10_000, directory.Entries.Count);
        Assert.Empty(directory.Anomalies);
    }

    [Fact]
    public void Entry_count_above_the_limit_fails_before_the_directory_is_read()
    {
        var bytes = BuildZip(Enumerable.Range(0, 20).Select(i => ($"{i}", new byte[] { 1 })));
        using var file = new MemoryStream(bytes);
        var ex = Assert.Throws<MalformedDataException>(() => ZipDirectoryReader.Read(file, new ArchiveLimits { MaxEntries = 10 }));
        Assert.Contains("claims 20 entries", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zip64_end_record_claiming_2_to_the_32_entries_fails_fast()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Archives", "testdata", "zip64.zip"));
        var record = LastIndexOf(bytes, [0x50, 0x4B, 0x06, 0x06]);
        BitConverter.TryWriteBytes(bytes.AsSpan(record + 24), 1UL << 32);
        BitConverter.TryWriteBytes(bytes.AsSpan(record + 32), 1UL << 32);
        using var file = new MemoryStream(bytes);
        Assert.Throws<MalformedDataException>(() => ZipDirectoryReader.Read(file, ArchiveLimits.Default));
    }

    [Theory]
    [InlineData(12, 0xFFFFFFF0u)]  // central directory size larger than the file
    [InlineData(16, 0x7FFFFFFFu)]  // central directory offset beyond the end of the file
    [InlineData(16, 0xFFFFFFFFu)]
    public void Lying_end_record_fields_fail_cleanly_or_are_reported(int field, uint value)
    {
        var bytes = ArchiveFixtures.Bytes("simple-stored.zip");
        var end = LastIndexOf(bytes, [0x50, 0x4B, 0x05, 0x06]);
        BitConverter.TryWriteBytes(bytes.AsSpan(end + field), value);
        using var file = new MemoryStream(bytes);
        var directory = ReadOrMalformed(file);
        if (directory is not null)
            Assert.NotEmpty(directory.Anomalies);
    }

    [Fact]
    public void Four_gigabyte_sizes_are_reported_not_trusted()
    {
        var bytes = ArchiveFixtures.Bytes("simple-stored.zip");
        var central = IndexOf(bytes, [0x50, 0x4B, 0x01, 0x02]);
        BitConverter.TryWriteBytes(bytes.AsSpan(central + 20), 0xFFFFFFFEu);
        BitConverter.TryWriteBytes(bytes.AsSpan(central + 24), 0xFFFFFFFEu);
        using var file = new MemoryStream(bytes);
        var directory = ZipDirectoryReader.Read(file, ArchiveLimits.Default);
        Assert.Contains(directory.Anomalies, a => a.Kind == ArchiveAnomalyKind.DataBeyondEndOfFile);
        Assert.Contains(directory.Anomalies, a => a.Kind == ArchiveAnomalyKind.SizeMismatch);
        using var data = ZipEntryReader.Open(file, directory.Entries[0], 1024);
        Assert.Throws<MalformedDataException>(() => ArchiveFixtures.ReadAll(data));
    }

    [Theory]
    [InlineData("simple-deflate.zip")]
    [InlineData("zip64.zip")]
    [InlineData("data-descriptor.zip")]
    public void Truncated_at_every_offset_gives_a_result_or_malformed_data(string fixture)
    {
        var bytes = ArchiveFixtures.Bytes(fixture);
        for (var length = 0; length < bytes.Length; length++)
        {
            using var file = new MemoryStream(bytes, 0, length, writable: false);
            var directory = ReadOrMalformed(file);
            foreach (var entry in directory?.Entries.Concat(directory.UnlistedLocalEntries) ?? [])
                ReadEntryOrMalformed(file, entry);
        }
    }

    [Fact]
    public void Every_single_byte_corruption_gives_a_result_or_malformed_data()
    {
        var original = ArchiveFixtures.Bytes("simple-deflate.zip");
        for (var i = 0; i < original.Length; i++)
        {
            foreach (var value in new byte[] { 0x00, 0xFF, 0x7F })
            {
                var bytes = (byte[])original.Clone();
                bytes[i] = value;
                using var file = new MemoryStream(bytes, writable: false);
                var directory = ReadOrMalformed(file);
                foreach (var entry in directory?.Entries.Concat(directory.UnlistedLocalEntries) ?? [])
                    ReadEntryOrMalformed(file, entry);
            }
        }
    }

    [Fact]
    public void A_gigabyte_of_zeros_stops_at_the_output_limit()
    {
        using var file = new MemoryStream(BuildZeroBomb(1L << 30));
        var entry = Assert.Single(ZipDirectoryReader.Read(file, ArchiveLimits.Default).Entries);
        using var data = ZipEntryReader.Open(file, entry, 16 * 1024 * 1024);
        var ex = Assert.Throws<MalformedDataException>(() => data.CopyTo(Stream.Null));
        Assert.Contains("exceeds the limit", ex.Message, StringComparison.Ordinal);
        Assert.True(data.BytesRead <= 16 * 1024 * 1024 + 1);
    }

    [Fact]
    public void A_gigabyte_of_zeros_stops_at_the_ratio_limit()
    {
        using var file = new MemoryStream(BuildZeroBomb(1L << 30));
        var entry = Assert.Single(ZipDirectoryReader.Read(file, ArchiveLimits.Default).Entries);
        using var data = ZipEntryReader.Open(file, entry, new ArchiveLimits { MaxCompressionRatio = 100 });
        var ex = Assert.Throws<MalformedDataException>(() => data.CopyTo(Stream.Null));
        Assert.Contains("ratio", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_bomb_is_bounded_at_each_level()
    {
        // 42.zip style: each level holds copies of the level below; the innermost member is 64 MiB of zeros.
        var level = BuildZeroBomb(64L * 1024 * 1024);
        for (var depth = 0; depth < 3; depth++)
            level = BuildZip(Enumerable.Range(0, 4).Select(i => ($"{depth}-{i}.zip", level)), CompressionLevel.Optimal);
        var limits = new ArchiveLimits { MaxEntryUncompressedBytes = 8 * 1024 * 1024 };
        var current = level;
        for (var depth = 0; depth < 3; depth++)
        {
            using var file = new MemoryStream(current);
            var directory = ZipDirectoryReader.Read(file, limits);
            Assert.Equal(4, directory.Entries.Count);
            using var inner = ZipEntryReader.Open(file, directory.Entries[0], limits);
            current = ArchiveFixtures.ReadAll(inner);
        }
        using var innermost = new MemoryStream(current);
        var bomb = Assert.Single(ZipDirectoryReader.Read(innermost, limits).Entries);
        using var zeros = ZipEntryReader.Open(innermost, bomb, limits);
        Assert.Throws<MalformedDataException>(() => zeros.CopyTo(Stream.Null));
    }

    private static ZipDirectory? ReadOrMalformed(Stream file)
    {
        try
        {
            return ZipDirectoryReader.Read(file, ArchiveLimits.Default);
        }
        catch (MalformedDataException)
        {
            return null;
        }
    }

    private static void ReadEntryOrMalformed(Stream file, ZipEntry entry)
    {
        try
        {
            using var data = ZipEntryReader.Open(file, entry, 1024 * 1024);
            data.CopyTo(Stream.Null);
        }
        catch (MalformedDataException)
        {
        }
    }

    private static byte[] BuildZip(IEnumerable<(string Name, byte[] Data)> members, CompressionLevel level = CompressionLevel.NoCompression)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in members)
            {
                using var entry = zip.CreateEntry(name, level).Open();
                entry.Write(data);
            }
        }
        return buffer.ToArray();
    }

    // One deflated member of `size` zeros, compressed as it is written so the zeros never sit in memory.
    private static byte[] BuildZeroBomb(long size)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("zeros.bin", CompressionLevel.Optimal).Open();
            var chunk = new byte[1024 * 1024];
            for (long written = 0; written < size; written += chunk.Length)
                entry.Write(chunk, 0, (int)Math.Min(chunk.Length, size - written));
        }
        return buffer.ToArray();
    }

    private static int IndexOf(byte[] data, byte[] pattern) => data.AsSpan().IndexOf(pattern);

    private static int LastIndexOf(byte[] data, byte[] pattern) => data.AsSpan().LastIndexOf(pattern);
}
