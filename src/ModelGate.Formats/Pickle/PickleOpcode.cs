namespace ModelGate.Formats.Pickle;

/// <summary>
/// Every opcode of pickle protocols 0-5, with its byte value (CPython <c>Lib/pickletools.py</c>, the
/// <c>opcodes</c> list; <c>Lib/pickle.py</c> names the same bytes).
/// </summary>
public enum PickleOpcode : byte
{
    Mark = 0x28,            // '('
    EmptyTuple = 0x29,      // ')'
    Stop = 0x2E,            // '.'
    Pop = 0x30,             // '0'
    PopMark = 0x31,         // '1'
    Dup = 0x32,             // '2'
    BinBytes = 0x42,        // 'B'
    ShortBinBytes = 0x43,   // 'C'
    Float = 0x46,           // 'F'
    BinFloat = 0x47,        // 'G'
    Int = 0x49,             // 'I'
    BinInt = 0x4A,          // 'J'
    BinInt1 = 0x4B,         // 'K'
    Long = 0x4C,            // 'L'
    BinInt2 = 0x4D,         // 'M'
    None = 0x4E,            // 'N'
    PersId = 0x50,          // 'P'
    BinPersId = 0x51,       // 'Q'
    Reduce = 0x52,          // 'R'
    String = 0x53,          // 'S'
    BinString = 0x54,       // 'T'
    ShortBinString = 0x55,  // 'U'
    Unicode = 0x56,         // 'V'
    BinUnicode = 0x58,      // 'X'
    EmptyList = 0x5D,       // ']'
    Append = 0x61,          // 'a'
    Build = 0x62,           // 'b'
    Global = 0x63,          // 'c'
    Dict = 0x64,            // 'd'
    Appends = 0x65,         // 'e'
    Get = 0x67,             // 'g'
    BinGet = 0x68,          // 'h'
    Inst = 0x69,            // 'i'
    LongBinGet = 0x6A,      // 'j'
    List = 0x6C,            // 'l'
    Obj = 0x6F,             // 'o'
    Put = 0x70,             // 'p'
    BinPut = 0x71,          // 'q'
    LongBinPut = 0x72,      // 'r'
    SetItem = 0x73,         // 's'
    Tuple = 0x74,           // 't'
    SetItems = 0x75,        // 'u'
    EmptyDict = 0x7D,       // '}'
    Proto = 0x80,
    NewObj = 0x81,
    Ext1 = 0x82,
    Ext2 = 0x83,
    Ext4 = 0x84,
    Tuple1 = 0x85,
    Tuple2 = 0x86,
    Tuple3 = 0x87,
    NewTrue = 0x88,
    NewFalse = 0x89,
    Long1 = 0x8A,
    Long4 = 0x8B,
    ShortBinUnicode = 0x8C,
    BinUnicode8 = 0x8D,
    BinBytes8 = 0x8E,
    EmptySet = 0x8F,
    AddItems = 0x90,
    FrozenSet = 0x91,
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "NEWOBJ_EX is the protocol's own name for the opcode.")]
    NewObjEx = 0x92,
    StackGlobal = 0x93,
    Memoize = 0x94,
    Frame = 0x95,
    ByteArray8 = 0x96,
    NextBuffer = 0x97,
    ReadonlyBuffer = 0x98,
}
