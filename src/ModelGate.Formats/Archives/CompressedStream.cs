using System.Buffers.Binary;
using System.IO.Compression;
using K4os.Compression.LZ4.Streams;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.LZMA;
using SharpCompress.Compressors.Xz;
using SharpCompress.Compressors.ZStandard;

namespace ModelGate.Formats.Archives;

/// <summary>
/// Recognises and opens single compressed streams (a joblib dump, a <c>.pt.gz</c>, a tar inside gzip) with
/// bounded output: every opened stream fails with <see cref="MalformedDataException"/> once it would exceed the
/// output limit or the ratio limit, or when the input is corrupt or truncated.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "The name the engine codes against: it opens streams, it is not one.")]
public static class CompressedStream
{
    private const string Format = "compressed-stream";

    /// <summary>Bytes of the joblib "ZF" header: "ZF" and <c>len(hex(2**64))</c> = 19 characters (joblib numpy_pickle_compat).</summary>
    private const int JoblibZfHeaderLength = 2 + 19;

    private static readonly System.Buffers.SearchValues<byte> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF"u8);

    /// <summary>How many leading bytes <see cref="Detect"/> wants.</summary>
    public const int PrefixLength = 32;

    /// <summary>The compression the prefix shows, or <see cref="CompressionKind.None"/>.</summary>
    public static CompressionKind Detect(ReadOnlySpan<byte> prefix)
    {
        if (prefix is [0x1F, 0x8B, ..])
            return CompressionKind.Gzip;
        if (prefix is [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00, ..])
            return CompressionKind.Xz;
        if (prefix is [0x04, 0x22, 0x4D, 0x18, ..])
            return CompressionKind.Lz4Frame;
        if (prefix is [0x28, 0xB5, 0x2F, 0xFD, ..])
            return CompressionKind.Zstd;
        if (prefix.Length >= 4 && prefix.StartsWith("BZh"u8) && prefix[3] is >= (byte)'1' and <= (byte)'9')
            return CompressionKind.Bzip2;
        if (prefix.StartsWith("ZF0x"u8) || prefix.StartsWith("ZF0X"u8))
            return CompressionKind.JoblibZf;
        if (IsZlib(prefix))
            return CompressionKind.Zlib;
        if (IsLzmaAlone(prefix))
            return CompressionKind.Lzma;
        return CompressionKind.None;
    }

    /// <summary>Opens <paramref name="compressed"/> (from its current position) as <paramref name="kind"/>, bounded.</summary>
    /// <param name="compressed">The compressed bytes; need not be seekable.</param>
    /// <param name="kind">The format, usually from <see cref="Detect"/>.</param>
    /// <param name="maxOutputBytes">Most bytes the returned stream produces before it throws.</param>
    /// <param name="maxRatio">Highest output-to-input ratio once the output passes <see cref="ArchiveLimits.CompressionRatioFloorBytes"/> (default limits).</param>
    public static Stream Open(Stream compressed, CompressionKind kind, long maxOutputBytes, int maxRatio)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        var input = new InputCounter(compressed, Format, 0, expectedLength: null);
        Stream decoder;
        try
        {
            decoder = kind switch
            {
                CompressionKind.Gzip => new GZipStream(input, CompressionMode.Decompress, leaveOpen: true),
                CompressionKind.Zlib => new ZLibStream(input, CompressionMode.Decompress, leaveOpen: true),
                CompressionKind.JoblibZf => OpenJoblibZf(input),
                CompressionKind.Bzip2 => BZip2Stream.Create(input, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: true, leaveOpen: true, tolerateTruncatedStream: false),
                CompressionKind.Xz => new XZStream(input),
                CompressionKind.Lzma => OpenLzmaAlone(input),
                CompressionKind.Lz4Frame => LZ4Stream.Decode(input, leaveOpen: true),
                CompressionKind.Zstd => new DecompressionStream(input, bufferSize: 0, checkEndOfStream: true, leaveOpen: true),
                _ => throw new ArgumentException($"cannot open compression kind {kind}", nameof(kind)),
            };
        }
        catch (Exception ex) when (ex is not (MalformedDataException or ArgumentException or OperationCanceledException))
        {
            throw new MalformedDataException(Format, $"{kind} header is corrupt: {ex.Message}", input.Offset, inner: ex);
        }
        return new BoundedDecodeStream(decoder, input, $"{Format} ({kind})", maxOutputBytes, maxRatio, ArchiveLimits.Default.CompressionRatioFloorBytes, declaredCompressedSize: null)
        {
            EndCheck = kind switch
            {
                CompressionKind.Gzip => CheckGzipTrailer,
                CompressionKind.Zlib or CompressionKind.JoblibZf => CheckZlibTrailer,
                CompressionKind.Lz4Frame => CheckLz4EndMark,
                _ => null,
            },
        };
    }

    // .NET's inflate verifies each gzip member's CRC-32 and ISIZE (RFC 1952 2.3.1) when it reaches them but ends
    // quietly when the input stops first. The input must end with a trailer: the CRC-32 and length of the whole
    // output (one member), or, for several members, a length shorter than the output (only the last member's).
    private static string? CheckGzipTrailer(BoundedDecodeStream s)
    {
        var tail = s.Input.Tail;
        if (tail.Length < 8)
            return "gzip stream truncated before its trailer";
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(tail[^8..]);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(tail[^4..]);
        if (crc == s.Crc && size == (uint)s.Produced)
            return null;
        return size < s.Produced && s.Produced < uint.MaxValue ? null : "gzip stream truncated: no valid trailer at the end of the input";
    }

    // RFC 1950 2.2: a zlib stream ends with the big-endian Adler-32 of the uncompressed data.
    private static string? CheckZlibTrailer(BoundedDecodeStream s)
    {
        var tail = s.Input.Tail;
        return tail.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(tail[^4..]) == s.Adler
            ? null
            : "zlib stream truncated: no Adler-32 trailer matching the data at the end of the input";
    }

    // LZ4 frame format 1.6.x: the last block is followed by the EndMark (four zero bytes) and, when the frame
    // descriptor's content-checksum flag is set, a 4-byte checksum.
    private static string? CheckLz4EndMark(BoundedDecodeStream s)
    {
        var tail = s.Input.Tail;
        var endsWithMark = tail.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(tail[^4..]) == 0;
        var endsWithMarkAndChecksum = tail.Length >= 8 && BinaryPrimitives.ReadUInt32LittleEndian(tail[^8..]) == 0;
        return endsWithMark || endsWithMarkAndChecksum ? null : "LZ4 frame truncated: no end mark at the end of the input";
    }

    // RFC 1950 2.2: CM = 8 (deflate), CINFO <= 7, and the 16-bit big-endian header is a multiple of 31.
    private static bool IsZlib(ReadOnlySpan<byte> prefix) =>
        prefix.Length >= 2 && (prefix[0] & 0x0F) == 8 && prefix[0] >> 4 <= 7 && BinaryPrimitives.ReadUInt16BigEndian(prefix) % 31 == 0
        && (prefix[1] & 0x20) == 0;

    // LZMA alone (.lzma, lzma-utils "LZMA_Alone"): properties byte lc + lp*9 + pb*45 < 225, a 32-bit dictionary size that
    // is 2^n or 2^n + 2^(n-1) as the encoders write it, and a 64-bit uncompressed size that is -1 (unknown) or below 2^48.
    private static bool IsLzmaAlone(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length < 13 || prefix[0] >= 225)
            return false;
        var dictionary = BinaryPrimitives.ReadUInt32LittleEndian(prefix[1..]);
        var size = BinaryPrimitives.ReadUInt64LittleEndian(prefix[5..]);
        var lowest = dictionary & (~dictionary + 1);
        var rest = dictionary - lowest;
        var dictionaryOk = dictionary >= 4096 && (rest == 0 || rest == lowest << 1);
        return dictionaryOk && (size == ulong.MaxValue || size < 1UL << 48);
    }

    // joblib numpy_pickle_compat.read_zfile: "ZF", then hex(len) space-padded to 19 bytes (joblib <= 0.8.4 on Python 2
    // wrote one more space, which the reader skips), then zlib.compress(data).
    private static ZLibStream OpenJoblibZf(InputCounter input)
    {
        Span<byte> header = stackalloc byte[JoblibZfHeaderLength];
        if (input.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            throw new MalformedDataException(Format, "joblib ZF header truncated", input.Offset);
        var length = header[2..].Trim((byte)' ');
        if (length.Length < 3 || length[0] != '0' || (length[1] | 0x20) != 'x' || length[2..].IndexOfAnyExcept(HexDigits) >= 0)
            throw new MalformedDataException(Format, "joblib ZF header length is not hexadecimal", 2);
        var rest = new PrefixedStream(input, out var first);
        if (first == ' ')
            rest.DropFirst();
        return new ZLibStream(rest, CompressionMode.Decompress, leaveOpen: true);
    }

    // LZMA alone header: 5 property bytes, then the uncompressed size as 64-bit little-endian (-1 = unknown, end marker).
    private static LzmaStream OpenLzmaAlone(InputCounter input)
    {
        var header = new byte[13];
        if (input.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            throw new MalformedDataException(Format, "LZMA header truncated", input.Offset);
        var size = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(5));
        return LzmaStream.Create(header[..5], input, -1, size < 0 ? -1 : size, leaveOpen: true);
    }

    /// <summary>Reads one byte ahead so an optional padding byte can be dropped on a forward-only stream.</summary>
    private sealed class PrefixedStream : Stream
    {
        private readonly Stream _source;
        private int _pending;

        public PrefixedStream(Stream source, out int first)
        {
            _source = source;
            first = source.ReadByte();
            _pending = first;
        }

        public void DropFirst() => _pending = -1;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
                return 0;
            if (_pending >= 0)
            {
                buffer[0] = (byte)_pending;
                _pending = -1;
                return 1;
            }
            return _source.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
