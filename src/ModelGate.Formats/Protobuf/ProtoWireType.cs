namespace ModelGate.Formats.Protobuf;

/// <summary>Protobuf wire types (protobuf.dev/programming-guides/encoding, "Message Structure"): the low 3 bits of a field key.</summary>
internal enum ProtoWireType
{
    /// <summary>int32, int64, uint32, uint64, sint32, sint64, bool, enum.</summary>
    Varint = 0,

    /// <summary>fixed64, sfixed64, double.</summary>
    Fixed64 = 1,

    /// <summary>string, bytes, embedded messages, packed repeated fields.</summary>
    LengthDelimited = 2,

    /// <summary>Deprecated group start (proto2).</summary>
    StartGroup = 3,

    /// <summary>Deprecated group end (proto2).</summary>
    EndGroup = 4,

    /// <summary>fixed32, sfixed32, float.</summary>
    Fixed32 = 5,
}
