using System.Buffers.Binary;
using System.Text;

namespace ModelGate.Formats.Protobuf;

/// <summary>
/// Reads protobuf fields from the front of an in-memory span (protobuf.dev/programming-guides/encoding).
/// Used for small, bounded messages (OperatorSetIdProto, StringStringEntryProto, OpDef) once their bytes are
/// read; large messages go through <see cref="ProtoStreamReader"/>. Every failure is a <see cref="MalformedDataException"/>.
/// </summary>
internal ref struct ProtobufReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly string _format;
    private readonly long _baseOffset;
    private int _position;

    public ProtobufReader(ReadOnlySpan<byte> data, string format, long baseOffset = 0)
    {
        _data = data;
        _format = format;
        _baseOffset = baseOffset;
        _position = 0;
    }

    public readonly bool AtEnd => _position >= _data.Length;

    public readonly int Position => _position;

    /// <summary>Reads the next field key; false at the end of the span.</summary>
    public bool TryReadTag(out int fieldNumber, out ProtoWireType wireType)
    {
        if (AtEnd)
        {
            fieldNumber = 0;
            wireType = default;
            return false;
        }
        var start = _position;
        var key = ReadVarint();
        (fieldNumber, wireType) = ProtoWire.DecodeKey(key, _format, _baseOffset + start);
        return true;
    }

    public ulong ReadVarint()
    {
        var consumed = ProtoWire.TryDecodeVarint(_data[_position..], out var value);
        if (consumed <= 0)
            throw Error(consumed == 0 ? "truncated varint" : "varint longer than 10 bytes or overflowing 64 bits");
        _position += consumed;
        return value;
    }

    public uint ReadFixed32()
    {
        if (_data.Length - _position < 4)
            throw Error("truncated fixed32");
        var value = BinaryPrimitives.ReadUInt32LittleEndian(_data[_position..]);
        _position += 4;
        return value;
    }

    public ulong ReadFixed64()
    {
        if (_data.Length - _position < 8)
            throw Error("truncated fixed64");
        var value = BinaryPrimitives.ReadUInt64LittleEndian(_data[_position..]);
        _position += 8;
        return value;
    }

    /// <summary>Reads a length-delimited field's payload (the length is checked against the rest of the span).</summary>
    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
            throw Error($"length {length} runs past the end of the message");
        var payload = _data.Slice(_position, (int)length);
        _position += (int)length;
        return payload;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadLengthDelimited());

    /// <summary>Skips one field's value; groups are skipped to their matching end key, depth-limited.</summary>
    public void Skip(int fieldNumber, ProtoWireType wireType, int depth = 0)
    {
        switch (wireType)
        {
            case ProtoWireType.Varint:
                ReadVarint();
                break;
            case ProtoWireType.Fixed64:
                ReadFixed64();
                break;
            case ProtoWireType.Fixed32:
                ReadFixed32();
                break;
            case ProtoWireType.LengthDelimited:
                ReadLengthDelimited();
                break;
            case ProtoWireType.StartGroup:
                if (depth >= ReaderLimits.MaxProtobufGroupDepth)
                    throw Error("groups nested too deeply");
                while (true)
                {
                    if (!TryReadTag(out var inner, out var innerType))
                        throw Error("unterminated group");
                    if (innerType == ProtoWireType.EndGroup)
                    {
                        if (inner != fieldNumber)
                            throw Error($"group {fieldNumber} closed by end-group {inner}");
                        return;
                    }
                    Skip(inner, innerType, depth + 1);
                }
            default:
                throw Error($"unexpected end-group for field {fieldNumber}");
        }
    }

    private readonly MalformedDataException Error(string message) => new(_format, message, _baseOffset + _position);
}
