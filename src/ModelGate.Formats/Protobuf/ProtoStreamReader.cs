using System.Buffers.Binary;
using System.Text;

namespace ModelGate.Formats.Protobuf;

/// <summary>
/// Walks protobuf fields through a seekable stream without loading it: a message is the byte range
/// [position, end), nested messages are entered by computing their end, and bulk fields (TensorProto.raw_data,
/// weights inlined in a GraphDef) are skipped by moving the position, never read. Reads are buffered in a small
/// window. Every failure, including I/O past the end, is a <see cref="MalformedDataException"/>.
/// </summary>
internal sealed class ProtoStreamReader
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private long _bufferStart;
    private int _bufferLength;

    public ProtoStreamReader(Stream stream, string format)
    {
        if (!stream.CanSeek || !stream.CanRead)
            throw new ArgumentException("The stream must be readable and seekable.", nameof(stream));
        _stream = stream;
        Format = format;
        Length = stream.Length;
        Position = 0;
    }

    public string Format { get; }

    /// <summary>Length of the whole input: the end of the outermost message.</summary>
    public long Length { get; }

    public long Position { get; private set; }

    /// <summary>Reads the next key of the message that ends at <paramref name="end"/>; false when the message is done.</summary>
    public bool TryReadTag(long end, out int fieldNumber, out ProtoWireType wireType)
    {
        if (Position >= end)
        {
            fieldNumber = 0;
            wireType = default;
            return false;
        }
        var start = Position;
        var key = ReadVarint(end);
        (fieldNumber, wireType) = ProtoWire.DecodeKey(key, Format, start);
        if (wireType == ProtoWireType.EndGroup)
            throw Error($"end-group for field {fieldNumber} without a matching start", start);
        return true;
    }

    public ulong ReadVarint(long end)
    {
        ulong value = 0;
        var start = Position;
        for (var i = 0; i < ProtoWire.MaxVarintBytes; i++)
        {
            if (Position >= end)
                throw Error("truncated varint", start);
            var b = ReadByte();
            if (i == ProtoWire.MaxVarintBytes - 1 && b > 1)
                throw Error("varint overflows 64 bits", start);
            value |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
                return value;
        }
        throw Error("varint longer than 10 bytes", start);
    }

    /// <summary>Reads a varint that must fit a non-negative <see cref="long"/> (int64 fields written by honest producers).</summary>
    public long ReadInt64(long end) => unchecked((long)ReadVarint(end));

    public uint ReadFixed32(long end)
    {
        Span<byte> bytes = stackalloc byte[4];
        ReadExactly(bytes, end);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    public ulong ReadFixed64(long end)
    {
        Span<byte> bytes = stackalloc byte[8];
        ReadExactly(bytes, end);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    /// <summary>Reads a length prefix and returns where the payload ends; the payload must fit before <paramref name="end"/>.</summary>
    public long ReadLengthDelimitedEnd(long end)
    {
        var start = Position;
        var length = ReadVarint(end);
        if (length > (ulong)(end - Position))
            throw Error($"length {length} runs past the end of the enclosing message ({end - Position} bytes left)", start);
        return Position + (long)length;
    }

    /// <summary>Reads a length-delimited UTF-8 string of at most <paramref name="maxBytes"/> bytes.</summary>
    public string ReadString(long end, int maxBytes) => Encoding.UTF8.GetString(ReadBytes(end, maxBytes));

    /// <summary>Reads a length-delimited payload of at most <paramref name="maxBytes"/> bytes (checked before allocating).</summary>
    public byte[] ReadBytes(long end, int maxBytes)
    {
        var start = Position;
        var payloadEnd = ReadLengthDelimitedEnd(end);
        var length = payloadEnd - Position;
        if (length > maxBytes)
            throw Error($"field of {length} bytes exceeds the limit of {maxBytes}", start);
        var bytes = new byte[length];
        ReadExactly(bytes, payloadEnd);
        return bytes;
    }

    /// <summary>Moves to <paramref name="position"/>, which must lie within the input.</summary>
    public void Seek(long position)
    {
        if ((ulong)position > (ulong)Length)
            throw Error($"seek to {position} outside the input", Position);
        Position = position;
    }

    /// <summary>Counts the varints in a packed field's payload [Position, end) and moves past it.</summary>
    public long CountPackedVarints(long end)
    {
        long count = 0;
        var start = Position;
        while (Position < end)
        {
            if (ReadByte() < 0x80)
                count++;
        }
        if (Position > start && PeekPrevious() >= 0x80)
            throw Error("packed varints end inside a varint", start);
        return count;
    }

    /// <summary>Skips one field's value; a group is skipped to its matching end key, depth-limited.</summary>
    public void Skip(int fieldNumber, ProtoWireType wireType, long end, int depth = 0)
    {
        switch (wireType)
        {
            case ProtoWireType.Varint:
                ReadVarint(end);
                break;
            case ProtoWireType.Fixed64:
                SkipBytes(8, end);
                break;
            case ProtoWireType.Fixed32:
                SkipBytes(4, end);
                break;
            case ProtoWireType.LengthDelimited:
                Position = ReadLengthDelimitedEnd(end);
                break;
            case ProtoWireType.StartGroup:
                SkipGroup(fieldNumber, end, depth);
                break;
            default:
                throw Error($"unexpected wire type {wireType} for field {fieldNumber}", Position);
        }
    }

    public MalformedDataException Error(string message, long offset) => new(Format, message, offset);

    private void SkipGroup(int fieldNumber, long end, int depth)
    {
        if (depth >= ReaderLimits.MaxProtobufGroupDepth)
            throw Error("groups nested too deeply", Position);
        while (true)
        {
            if (Position >= end)
                throw Error($"unterminated group {fieldNumber}", Position);
            var start = Position;
            var (inner, innerType) = ProtoWire.DecodeKey(ReadVarint(end), Format, start);
            if (innerType == ProtoWireType.EndGroup)
            {
                if (inner != fieldNumber)
                    throw Error($"group {fieldNumber} closed by end-group {inner}", start);
                return;
            }
            Skip(inner, innerType, end, depth + 1);
        }
    }

    private void SkipBytes(int count, long end)
    {
        if (end - Position < count)
            throw Error("truncated fixed-width field", Position);
        Position += count;
    }

    private void ReadExactly(Span<byte> destination, long end)
    {
        if (end - Position < destination.Length)
            throw Error("truncated field", Position);
        var done = 0;
        while (done < destination.Length)
        {
            Fill();
            var offset = (int)(Position - _bufferStart);
            var n = Math.Min(destination.Length - done, _bufferLength - offset);
            _buffer.AsSpan(offset, n).CopyTo(destination[done..]);
            done += n;
            Position += n;
        }
    }

    private byte ReadByte()
    {
        Fill();
        return _buffer[(int)(Position++ - _bufferStart)];
    }

    private byte PeekPrevious()
    {
        Position--;
        return ReadByte();
    }

    // Makes the buffer hold the byte at Position, reading a new window when it does not.
    private void Fill()
    {
        if (Position >= _bufferStart && Position < _bufferStart + _bufferLength)
            return;
        if (Position >= Length)
            throw Error("unexpected end of input", Position);
        try
        {
            _stream.Seek(Position, SeekOrigin.Begin);
            var want = (int)Math.Min(BufferSize, Length - Position);
            var read = _stream.ReadAtLeast(_buffer.AsSpan(0, want), want, throwOnEndOfStream: false);
            if (read == 0)
                throw Error("unexpected end of input", Position);
            _bufferStart = Position;
            _bufferLength = read;
        }
        catch (IOException e)
        {
            throw new MalformedDataException(Format, "read failed: " + e.Message, Position, inner: e);
        }
    }
}
