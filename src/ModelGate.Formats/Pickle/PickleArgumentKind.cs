namespace ModelGate.Formats.Pickle;

/// <summary>How an opcode's inline argument is encoded (the <c>ArgumentDescriptor</c> names of <c>Lib/pickletools.py</c>).</summary>
internal enum PickleArgumentKind
{
    None,
    /// <summary>Decimal digits and '\n'; "01"/"00" mean True/False for INT.</summary>
    DecimalNlShort,
    /// <summary>Decimal digits, an optional trailing 'L', '\n'.</summary>
    DecimalNlLong,
    /// <summary>A Python float repr and '\n'.</summary>
    FloatNl,
    /// <summary>A quoted Python 2 string repr with backslash escapes, '\n'.</summary>
    StringNl,
    /// <summary>Raw text to '\n', no escapes (PERSID).</summary>
    StringNlNoEscape,
    /// <summary>Two raw lines: module '\n' name '\n' (GLOBAL, INST).</summary>
    StringNlNoEscapePair,
    /// <summary>raw-unicode-escape text and '\n' (UNICODE).</summary>
    UnicodeStringNl,
    UInt1,
    UInt2,
    UInt4,
    UInt8,
    /// <summary>Signed 4-byte little-endian.</summary>
    Int4,
    /// <summary>uint1 length, then that many bytes of little-endian two's complement.</summary>
    Long1,
    /// <summary>int4 length, then that many bytes of little-endian two's complement.</summary>
    Long4,
    String1,
    String4,
    Bytes1,
    Bytes4,
    Bytes8,
    UnicodeString1,
    UnicodeString4,
    UnicodeString8,
    ByteArray8,
    /// <summary>8-byte big-endian IEEE 754 double.</summary>
    Float8,
}
