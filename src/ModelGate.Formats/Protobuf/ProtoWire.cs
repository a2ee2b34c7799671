namespace ModelGate.Formats.Protobuf;

/// <summary>Wire-level facts shared by the span and stream readers (protobuf.dev/programming-guides/encoding).</summary>
internal static class ProtoWire
{
    /// <summary>A varint is at most 10 bytes: 64 bits in 7-bit groups.</summary>
    public const int MaxVarintBytes = 10;

    /// <summary>Field numbers are 1 to 2^29 - 1.</summary>
    public const int MaxFieldNumber = (1 << 29) - 1;

    /// <summary>
    /// Decodes a varint from the front of <paramref name="data"/>: the number of bytes used, 0 when the data
    /// ends first, or -1 when it is longer than 10 bytes or its 10th byte carries bits beyond 64.
    /// </summary>
    public static int TryDecodeVarint(ReadOnlySpan<byte> data, out ulong value)
    {
        value = 0;
        for (var i = 0; i < MaxVarintBytes; i++)
        {
            if (i >= data.Length)
                return 0;
            var b = data[i];
            if (i == MaxVarintBytes - 1 && b > 1)
                return -1;
            value |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
                return i + 1;
        }
        return -1;
    }

    /// <summary>Splits a field key into field number and wire type, rejecting field 0, numbers past 2^29 - 1 and wire types 6 and 7.</summary>
    public static (int FieldNumber, ProtoWireType WireType) DecodeKey(ulong key, string format, long offset)
    {
        var wire = (int)(key & 7);
        var field = key >> 3;
        if (field == 0 || field > MaxFieldNumber)
            throw new MalformedDataException(format, $"invalid field number {field}", offset);
        if (wire > 5)
            throw new MalformedDataException(format, $"invalid wire type {wire}", offset);
        return ((int)field, (ProtoWireType)wire);
    }
}
