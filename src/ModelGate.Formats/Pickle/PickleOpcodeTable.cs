using System.Collections.Frozen;
using K = ModelGate.Formats.Pickle.PickleArgumentKind;
using O = ModelGate.Formats.Pickle.PickleOpcode;

namespace ModelGate.Formats.Pickle;

/// <summary>
/// The opcode table for protocols 0-5 (source: CPython <c>Lib/pickletools.py</c>, list <c>opcodes</c>): argument
/// encoding, protocol introduced and stack effect of each opcode, indexed by byte for the token reader.
/// </summary>
internal static class PickleOpcodeTable
{
    /// <summary>Every opcode, in byte order.</summary>
    public static readonly IReadOnlyList<PickleOpcodeInfo> All =
    [
        new(O.Mark, "MARK", K.None, 0, "-> mark"),
        new(O.EmptyTuple, "EMPTY_TUPLE", K.None, 1, "-> tuple"),
        new(O.Stop, "STOP", K.None, 0, "any ->"),
        new(O.Pop, "POP", K.None, 0, "any ->"),
        new(O.PopMark, "POP_MARK", K.None, 1, "mark stackslice ->"),
        new(O.Dup, "DUP", K.None, 0, "any -> any any"),
        new(O.BinBytes, "BINBYTES", K.Bytes4, 3, "-> bytes"),
        new(O.ShortBinBytes, "SHORT_BINBYTES", K.Bytes1, 3, "-> bytes"),
        new(O.Float, "FLOAT", K.FloatNl, 0, "-> float"),
        new(O.BinFloat, "BINFLOAT", K.Float8, 1, "-> float"),
        new(O.Int, "INT", K.DecimalNlShort, 0, "-> int_or_bool"),
        new(O.BinInt, "BININT", K.Int4, 1, "-> int"),
        new(O.BinInt1, "BININT1", K.UInt1, 1, "-> int"),
        new(O.Long, "LONG", K.DecimalNlLong, 0, "-> int"),
        new(O.BinInt2, "BININT2", K.UInt2, 1, "-> int"),
        new(O.None, "NONE", K.None, 0, "-> None"),
        new(O.PersId, "PERSID", K.StringNlNoEscape, 0, "-> any"),
        new(O.BinPersId, "BINPERSID", K.None, 1, "any -> any"),
        new(O.Reduce, "REDUCE", K.None, 0, "any any -> any"),
        new(O.String, "STRING", K.StringNl, 0, "-> bytes_or_str"),
        new(O.BinString, "BINSTRING", K.String4, 1, "-> bytes_or_str"),
        new(O.ShortBinString, "SHORT_BINSTRING", K.String1, 1, "-> bytes_or_str"),
        new(O.Unicode, "UNICODE", K.UnicodeStringNl, 0, "-> str"),
        new(O.BinUnicode, "BINUNICODE", K.UnicodeString4, 1, "-> str"),
        new(O.EmptyList, "EMPTY_LIST", K.None, 1, "-> list"),
        new(O.Append, "APPEND", K.None, 0, "list any -> list"),
        new(O.Build, "BUILD", K.None, 0, "any any -> any"),
        new(O.Global, "GLOBAL", K.StringNlNoEscapePair, 0, "-> any"),
        new(O.Dict, "DICT", K.None, 0, "mark stackslice -> dict"),
        new(O.Appends, "APPENDS", K.None, 1, "list mark stackslice -> list"),
        new(O.Get, "GET", K.DecimalNlShort, 0, "-> any"),
        new(O.BinGet, "BINGET", K.UInt1, 1, "-> any"),
        new(O.Inst, "INST", K.StringNlNoEscapePair, 0, "mark stackslice -> any"),
        new(O.LongBinGet, "LONG_BINGET", K.UInt4, 1, "-> any"),
        new(O.List, "LIST", K.None, 0, "mark stackslice -> list"),
        new(O.Obj, "OBJ", K.None, 1, "mark any stackslice -> any"),
        new(O.Put, "PUT", K.DecimalNlShort, 0, "->"),
        new(O.BinPut, "BINPUT", K.UInt1, 1, "->"),
        new(O.LongBinPut, "LONG_BINPUT", K.UInt4, 1, "->"),
        new(O.SetItem, "SETITEM", K.None, 0, "dict any any -> dict"),
        new(O.Tuple, "TUPLE", K.None, 0, "mark stackslice -> tuple"),
        new(O.SetItems, "SETITEMS", K.None, 1, "dict mark stackslice -> dict"),
        new(O.EmptyDict, "EMPTY_DICT", K.None, 1, "-> dict"),
        new(O.Proto, "PROTO", K.UInt1, 2, "->"),
        new(O.NewObj, "NEWOBJ", K.None, 2, "any any -> any"),
        new(O.Ext1, "EXT1", K.UInt1, 2, "-> any"),
        new(O.Ext2, "EXT2", K.UInt2, 2, "-> any"),
        new(O.Ext4, "EXT4", K.Int4, 2, "-> any"),
        new(O.Tuple1, "TUPLE1", K.None, 2, "any -> tuple"),
        new(O.Tuple2, "TUPLE2", K.None, 2, "any any -> tuple"),
        new(O.Tuple3, "TUPLE3", K.None, 2, "any any any -> tuple"),
        new(O.NewTrue, "NEWTRUE", K.None, 2, "-> bool"),
        new(O.NewFalse, "NEWFALSE", K.None, 2, "-> bool"),
        new(O.Long1, "LONG1", K.Long1, 2, "-> int"),
        new(O.Long4, "LONG4", K.Long4, 2, "-> int"),
        new(O.ShortBinUnicode, "SHORT_BINUNICODE", K.UnicodeString1, 4, "-> str"),
        new(O.BinUnicode8, "BINUNICODE8", K.UnicodeString8, 4, "-> str"),
        new(O.BinBytes8, "BINBYTES8", K.Bytes8, 4, "-> bytes"),
        new(O.EmptySet, "EMPTY_SET", K.None, 4, "-> set"),
        new(O.AddItems, "ADDITEMS", K.None, 4, "set mark stackslice -> set"),
        new(O.FrozenSet, "FROZENSET", K.None, 4, "mark stackslice -> frozenset"),
        new(O.NewObjEx, "NEWOBJ_EX", K.None, 4, "any any any -> any"),
        new(O.StackGlobal, "STACK_GLOBAL", K.None, 4, "str str -> any"),
        new(O.Memoize, "MEMOIZE", K.None, 4, "any -> any"),
        new(O.Frame, "FRAME", K.UInt8, 4, "->"),
        new(O.ByteArray8, "BYTEARRAY8", K.ByteArray8, 5, "-> bytearray"),
        new(O.NextBuffer, "NEXT_BUFFER", K.None, 5, "-> buffer"),
        new(O.ReadonlyBuffer, "READONLY_BUFFER", K.None, 5, "buffer -> buffer"),
    ];

    private static readonly PickleOpcodeInfo?[] ByByte = Index();

    private static readonly FrozenDictionary<PickleOpcode, PickleOpcodeInfo> ByOpcode = All.ToFrozenDictionary(i => i.Opcode);

    /// <summary>The row for a byte, or null when no protocol defines that byte.</summary>
    public static PickleOpcodeInfo? Lookup(byte value) => ByByte[value];

    /// <summary>The row for an opcode.</summary>
    public static PickleOpcodeInfo Get(PickleOpcode opcode) => ByOpcode[opcode];

    /// <summary>The pickletools name of an opcode.</summary>
    public static string NameOf(PickleOpcode opcode) => ByOpcode.TryGetValue(opcode, out var info) ? info.Name : $"0x{(byte)opcode:x2}";

    private static PickleOpcodeInfo?[] Index()
    {
        var table = new PickleOpcodeInfo?[256];
        foreach (var info in All)
            table[(byte)info.Opcode] = info;
        return table;
    }
}
