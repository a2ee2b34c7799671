using System.Buffers.Binary;
using System.IO.Compression;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Deflate64;
using SharpCompress.Compressors.LZMA;
using SharpCompress.Compressors.Xz;
using SharpCompress.Compressors.ZStandard;

namespace ModelGate.Formats.Archives;

/// <summary>
/// Opens a zip member's data where the lenient loader finds it (<see cref="ZipEntry.DataOffset"/>), ignoring
/// the encryption flag and the CRC as PyTorch does, and bounds what it produces.
/// </summary>
public static class ZipEntryReader
{
    private const string Format = ZipDirectoryReader.Format;

    /// <summary>Opens <paramref name="entry"/> with the default ratio limit.</summary>
    public static ZipEntryStream Open(Stream archive, ZipEntry entry, long maxUncompressedBytes) =>
        Open(archive, entry, ArchiveLimits.Default, maxUncompressedBytes);

    /// <summary>Opens <paramref name="entry"/> bounded by <paramref name="limits"/> (entry size and ratio).</summary>
    public static ZipEntryStream Open(Stream archive, ZipEntry entry, ArchiveLimits limits) =>
        Open(archive, entry, limits, limits.MaxEntryUncompressedBytes);

    private static ZipEntryStream Open(Stream archive, ZipEntry entry, ArchiveLimits limits, long maxUncompressedBytes)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(entry);
        if (!archive.CanSeek)
            throw new ArgumentException("the zip reader needs a seekable stream", nameof(archive));
        if (entry.DataOffset < 0)
            throw new MalformedDataException(Format, $"entry '{entry.Name}': local header unreadable", entry.LocalHeaderOffset);
        var length = archive.Length;
        var available = Math.Max(0, Math.Min(entry.CompressedSize, length - entry.DataOffset));
        var input = new InputCounter(new WindowStream(archive, entry.DataOffset, entry.CompressedSize), Format, entry.DataOffset, entry.CompressedSize);
        Stream decoder;
        try
        {
            decoder = CreateDecoder(entry, input);
        }
        catch (MalformedDataException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new MalformedDataException(Format, $"entry '{entry.Name}': corrupt compressed data: {ex.Message}", input.Offset, inner: ex);
        }
        var bounded = new BoundedDecodeStream(decoder, input, Format, maxUncompressedBytes, limits.MaxCompressionRatio, limits.CompressionRatioFloorBytes, available);
        return new ZipEntryStream(bounded, entry.Crc32);
    }

    private static Stream CreateDecoder(ZipEntry entry, InputCounter input) => entry.Method switch
    {
        0 => input,
        8 => new DeflateStream(input, CompressionMode.Decompress, leaveOpen: true),
        9 => new Deflate64Stream(input, SharpCompress.Compressors.CompressionMode.Decompress),
        12 => BZip2Stream.Create(input, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: false, leaveOpen: true, tolerateTruncatedStream: false),
        14 => CreateLzma(entry, input),
        93 => new DecompressionStream(input, bufferSize: 0, checkEndOfStream: false, leaveOpen: true),
        95 => new XZStream(input),
        _ => throw new MalformedDataException(Format, $"entry '{entry.Name}': compression method {entry.Method} is not supported", entry.DataOffset),
    };

    // APPNOTE 5.8.8: LZMA data starts with a 2-byte LZMA SDK version and a 2-byte properties length, then the
    // properties (5 bytes for LZMA1); flag bit 1 says an end-of-stream marker ends the data.
    private static LzmaStream CreateLzma(ZipEntry entry, InputCounter input)
    {
        Span<byte> head = stackalloc byte[4];
        input.ReadExactly(head);
        int propertiesLength = BinaryPrimitives.ReadUInt16LittleEndian(head[2..]);
        if (propertiesLength != 5)
            throw new MalformedDataException(Format, $"entry '{entry.Name}': LZMA properties of {propertiesLength} bytes, expected 5", input.Offset);
        var properties = new byte[propertiesLength];
        input.ReadExactly(properties);
        var hasEndMarker = (entry.Flags & 2) != 0;
        return LzmaStream.Create(properties, input, entry.CompressedSize - 4 - propertiesLength, hasEndMarker ? -1 : entry.UncompressedSize, leaveOpen: true);
    }
}
