using System.IO.Compression;
using ModelGate.Formats.Archives;

namespace ModelGate.Formats.Tests.Archives;

public sealed class CompressedStreamTests
{
    private static byte[] Payload => Enumerable.Repeat(ArchiveFixtures.Pickle, 20).SelectMany(b => b).ToArray();

    [Theory]
    [InlineData("sample.gz", CompressionKind.Gzip)]
    [InlineData("sample.zlib", CompressionKind.Zlib)]
    [InlineData("sample.bz2", CompressionKind.Bzip2)]
    [InlineData("sample.xz", CompressionKind.Xz)]
    [InlineData("sample.lzma", CompressionKind.Lzma)]
    [InlineData("sample.lz4", CompressionKind.Lz4Frame)]
    [InlineData("sample.zst", CompressionKind.Zstd)]
    [InlineData("joblib-zf.pkl", CompressionKind.JoblibZf)]
    public void Each_kind_is_detected_and_decodes(string fixture, CompressionKind kind)
    {
        var bytes = ArchiveFixtures.Bytes(fixture);
        Assert.Equal(kind, CompressedStream.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, CompressedStream.PrefixLength))));
        using var input = new ArchiveFixtures.ForwardOnly(bytes);
        using var output = CompressedStream.Open(input, kind, 1024 * 1024, 1000);
        Assert.Equal(Payload, ArchiveFixtures.ReadAll(output));
    }

    [Theory]
    [InlineData("simple.tar")]
    [InlineData("simple-stored.zip")]
    public void Uncompressed_inputs_are_not_detected(string fixture) =>
        Assert.Equal(CompressionKind.None, CompressedStream.Detect(ArchiveFixtures.Bytes(fixture).AsSpan(0, CompressedStream.PrefixLength)));

    [Fact]
    public void Pickles_are_not_mistaken_for_compressed_streams() =>
        Assert.Equal(CompressionKind.None, CompressedStream.Detect(ArchiveFixtures.Pickle));

    [Fact]
    public void Multi_member_gzip_reads_every_member()
    {
        using var input = ArchiveFixtures.Open("multi-member.gz");
        using var output = CompressedStream.Open(input, CompressionKind.Gzip, 1024 * 1024, 1000);
        Assert.Equal([.. Payload, .. "second member"u8.ToArray()], ArchiveFixtures.ReadAll(output));
    }

    [Theory]
    [InlineData("sample.gz", CompressionKind.Gzip)]
    [InlineData("sample.zlib", CompressionKind.Zlib)]
    [InlineData("sample.bz2", CompressionKind.Bzip2)]
    [InlineData("sample.xz", CompressionKind.Xz)]
    [InlineData("sample.lz4", CompressionKind.Lz4Frame)]
    [InlineData("joblib-zf.pkl", CompressionKind.JoblibZf)]
    public void Truncated_streams_fail_with_malformed_data(string fixture, CompressionKind kind)
    {
        var bytes = ArchiveFixtures.Bytes(fixture);
        for (var length = 0; length < bytes.Length; length++)
        {
            using var input = new MemoryStream(bytes, 0, length);
            var ex = Assert.Throws<MalformedDataException>(() =>
            {
                using var output = CompressedStream.Open(input, kind, 1024 * 1024, 1000);
                output.CopyTo(Stream.Null);
            });
            Assert.NotNull(ex.Offset);
        }
    }

    // LZMA-alone with an end marker and zstd end quietly when cut inside a block: what comes out is a prefix of
    // the data (a loader would fail on the same file), never anything else.
    [Theory]
    [InlineData("sample.lzma", CompressionKind.Lzma)]
    [InlineData("sample.zst", CompressionKind.Zstd)]
    public void Truncated_streams_give_a_prefix_or_malformed_data(string fixture, CompressionKind kind)
    {
        var bytes = ArchiveFixtures.Bytes(fixture);
        for (var length = 0; length < bytes.Length; length++)
        {
            using var input = new MemoryStream(bytes, 0, length);
            try
            {
                using var output = CompressedStream.Open(input, kind, 1024 * 1024, 1000);
                var decoded = ArchiveFixtures.ReadAll(output);
                Assert.Equal(Payload[..decoded.Length], decoded);
            }
            catch (MalformedDataException)
            {
            }
        }
    }

    [Theory]
    [InlineData("sample.gz", CompressionKind.Gzip)]
    [InlineData("sample.bz2", CompressionKind.Bzip2)]
    [InlineData("sample.xz", CompressionKind.Xz)]
    [InlineData("sample.lzma", CompressionKind.Lzma)]
    [InlineData("sample.lz4", CompressionKind.Lz4Frame)]
    [InlineData("sample.zst", CompressionKind.Zstd)]
    public void Corrupted_bytes_give_output_or_malformed_data(string fixture, CompressionKind kind)
    {
        var original = ArchiveFixtures.Bytes(fixture);
        for (var i = 0; i < original.Length; i++)
        {
            var bytes = (byte[])original.Clone();
            bytes[i] ^= 0x55;
            using var input = new MemoryStream(bytes);
            try
            {
                using var output = CompressedStream.Open(input, kind, 1024 * 1024, 1000);
                output.CopyTo(Stream.Null);
            }
            catch (MalformedDataException)
            {
            }
        }
    }

    [Fact]
    public void A_gigabyte_of_zeros_stops_at_the_output_limit()
    {
        using var input = new MemoryStream(GzipZeros(1L << 30));
        using var output = CompressedStream.Open(input, CompressionKind.Gzip, 32 * 1024 * 1024, 2000);
        var ex = Assert.Throws<MalformedDataException>(() => output.CopyTo(Stream.Null));
        Assert.Contains("exceeds the limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gigabyte_of_zeros_stops_at_the_ratio_limit()
    {
        using var input = new MemoryStream(GzipZeros(1L << 30));
        using var output = CompressedStream.Open(input, CompressionKind.Gzip, long.MaxValue, 100);
        var ex = Assert.Throws<MalformedDataException>(() => output.CopyTo(Stream.Null));
        Assert.Contains("ratio", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] GzipZeros(long size)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            var chunk = new byte[1024 * 1024];
            for (long written = 0; written < size; written += chunk.Length)
                gzip.Write(chunk, 0, (int)Math.Min(chunk.Length, size - written));
        }
        return buffer.ToArray();
    }
}
