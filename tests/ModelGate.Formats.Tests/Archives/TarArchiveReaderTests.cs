using ModelGate.Formats.Archives;

namespace ModelGate.Formats.Tests.Archives;

public sealed class TarArchiveReaderTests
{
    private static readonly string LongName = "model/" + string.Concat(Enumerable.Repeat("deep/", 30)) + "data.pkl";

    [Theory]
    [InlineData("simple.tar", "model/data.pkl|model|model/version")]
    [InlineData("torch-legacy.tar", "sys_info|pickle|tensors|storages")]
    [InlineData("gnu-longname.tar", "{long}|short.txt")]
    [InlineData("pax.tar", "{long}|caf\u00e9.pkl")]
    public void Archives_list_their_members(string fixture, string names)
    {
        using var file = ArchiveFixtures.Open(fixture);
        var entries = TarArchiveReader.ReadEntries(file, ArchiveLimits.Default).ToList();
        Assert.Equal(names.Replace("{long}", LongName, StringComparison.Ordinal).Split('|'), entries.Select(e => e.Name));
        Assert.All(entries, e => Assert.Empty(e.Anomalies));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Member_data_reads_on_seekable_and_forward_only_streams(bool seekable)
    {
        var bytes = ArchiveFixtures.Bytes("gnu-longname.tar");
        using Stream file = seekable ? new MemoryStream(bytes) : new ArchiveFixtures.ForwardOnly(bytes);
        var contents = new List<byte[]>();
        foreach (var entry in TarArchiveReader.ReadEntries(file, ArchiveLimits.Default))
        {
            using var data = entry.Open();
            contents.Add(ArchiveFixtures.ReadAll(data));
        }
        Assert.Equal([ArchiveFixtures.Pickle, "x"u8.ToArray()], contents);
    }

    [Fact]
    public void Forward_only_stream_skips_unread_data()
    {
        using var file = new ArchiveFixtures.ForwardOnly(ArchiveFixtures.Bytes("torch-legacy.tar"));
        var entries = TarArchiveReader.ReadEntries(file, ArchiveLimits.Default).ToList();
        Assert.Equal(4, entries.Count);
        Assert.Throws<InvalidOperationException>(() => entries[0].Open());
    }

    [Fact]
    public void Tar_inside_gzip_reads_through_the_decompressor()
    {
        using var gz = ArchiveFixtures.Open("sample.tar.gz");
        using var tar = CompressedStream.Open(gz, CompressionKind.Gzip, 1024 * 1024, 1000);
        var entry = TarArchiveReader.ReadEntries(tar, ArchiveLimits.Default).First();
        Assert.Equal("model/data.pkl", entry.Name);
        using var data = entry.Open();
        Assert.Equal(ArchiveFixtures.Pickle, ArchiveFixtures.ReadAll(data));
    }

    [Theory]
    [InlineData("bad-checksum.tar", "second.pkl", ArchiveAnomalyKind.BadChecksum)]
    [InlineData("symlink.tar", "link.pkl", ArchiveAnomalyKind.Symlink)]
    [InlineData("symlink.tar", "hard.pkl", ArchiveAnomalyKind.Hardlink)]
    [InlineData("symlink.tar", "dev", ArchiveAnomalyKind.DeviceOrFifo)]
    [InlineData("symlink.tar", "fifo", ArchiveAnomalyKind.DeviceOrFifo)]
    [InlineData("traversal-names.tar", "../evil.pkl", ArchiveAnomalyKind.PathTraversal)]
    [InlineData("traversal-names.tar", "/abs.pkl", ArchiveAnomalyKind.AbsolutePath)]
    [InlineData("lone-zero-block.tar", "hidden.pkl", ArchiveAnomalyKind.DataAfterEndMarker)]
    [InlineData("unknown-type.tar", "odd.bin", ArchiveAnomalyKind.UnknownEntryType)]
    public void Each_irregularity_is_reported_on_its_member(string fixture, string name, ArchiveAnomalyKind kind)
    {
        using var file = ArchiveFixtures.Open(fixture);
        var entry = TarArchiveReader.ReadEntries(file, ArchiveLimits.Default).Single(e => e.Name == name);
        Assert.Contains(entry.Anomalies, a => a.Kind == kind);
    }

    [Fact]
    public void Links_are_reported_with_their_targets_and_carry_no_data()
    {
        using var file = ArchiveFixtures.Open("symlink.tar");
        var link = TarArchiveReader.ReadEntries(file, ArchiveLimits.Default).First();
        Assert.Equal(TarEntryKind.Symlink, link.Kind);
        Assert.Equal("/etc/passwd", link.LinkName);
        Assert.False(link.HasData);
        Assert.Equal(0, link.Size);
    }

    [Fact]
    public void Base256_size_of_eight_gigabytes_fails_when_the_data_is_missing()
    {
        var bytes = ArchiveFixtures.Bytes("simple.tar");
        // GNU base-256: first byte 0x80, then the big-endian value; 8 GiB = 0x2_0000_0000.
        var size = new byte[12];
        size[0] = 0x80;
        size[7] = 0x02;
        size.CopyTo(bytes, 124);
        FixChecksum(bytes, 0);
        using var file = new MemoryStream(bytes);
        using var entries = TarArchiveReader.ReadEntries(file, ArchiveLimits.Default).GetEnumerator();
        Assert.True(entries.MoveNext());
        Assert.Equal(8L << 30, entries.Current.Size);
        Assert.Throws<MalformedDataException>(() => entries.MoveNext());
    }

    [Fact]
    public void Entry_count_is_limited()
    {
        using var file = ArchiveFixtures.Open("torch-legacy.tar");
        Assert.Throws<MalformedDataException>(() => TarArchiveReader.ReadEntries(file, new ArchiveLimits { MaxEntries = 3 }).ToList());
    }

    [Fact]
    public void Huge_pax_header_is_refused_before_allocation()
    {
        var bytes = ArchiveFixtures.Bytes("pax.tar");
        Assert.Equal((byte)'x', bytes[156]);
        "77777777777\0"u8.CopyTo(bytes.AsSpan(124));
        FixChecksum(bytes, 0);
        using var file = new MemoryStream(bytes);
        Assert.Throws<MalformedDataException>(() => TarArchiveReader.ReadEntries(file, ArchiveLimits.Default).ToList());
    }

    [Theory]
    [InlineData("simple.tar", true)]
    [InlineData("pax.tar", true)]
    [InlineData("gnu-longname.tar", false)]
    public void Truncated_at_every_offset_gives_entries_or_malformed_data(string fixture, bool seekable)
    {
        var bytes = ArchiveFixtures.Bytes(fixture);
        for (var length = 0; length < bytes.Length; length += length < 2048 ? 1 : 97)
        {
            var cut = bytes[..length];
            using Stream file = seekable ? new MemoryStream(cut) : new ArchiveFixtures.ForwardOnly(cut);
            try
            {
                foreach (var entry in TarArchiveReader.ReadEntries(file, ArchiveLimits.Default))
                {
                    using var data = entry.Open();
                    data.CopyTo(Stream.Null);
                }
            }
            catch (MalformedDataException)
            {
            }
        }
    }

    [Fact]
    public void Every_single_byte_corruption_of_the_headers_gives_entries_or_malformed_data()
    {
        var original = ArchiveFixtures.Bytes("pax.tar");
        for (var i = 0; i < 2048; i++)
        {
            foreach (var value in new byte[] { 0x00, 0xFF, (byte)'9', (byte)' ' })
            {
                var bytes = (byte[])original.Clone();
                bytes[i] = value;
                FixChecksum(bytes, i / 512 * 512);
                using var file = new MemoryStream(bytes);
                try
                {
                    foreach (var entry in TarArchiveReader.ReadEntries(file, ArchiveLimits.Default))
                    {
                        using var data = entry.Open();
                        data.CopyTo(Stream.Null);
                    }
                }
                catch (MalformedDataException)
                {
                }
            }
        }
    }

    private static void FixChecksum(byte[] tar, int header)
    {
        var block = tar.AsSpan(header, 512);
        "        "u8.CopyTo(block[148..]);
        var sum = 0;
        foreach (var b in block)
            sum += b;
        System.Text.Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(block[148..]);
    }
}
