using ModelGate.Formats.Pickle;

namespace ModelGate.Formats.Tests.Pickle;

public sealed class PickleOpcodeTableTests
{
    // One row per opcode: encoded instruction (hex) -> opcode, argument repr, instruction length.
    [Theory]
    [InlineData("28", PickleOpcode.Mark, null, 1)]
    [InlineData("29", PickleOpcode.EmptyTuple, null, 1)]
    [InlineData("2e", PickleOpcode.Stop, null, 1)]
    [InlineData("30", PickleOpcode.Pop, null, 1)]
    [InlineData("31", PickleOpcode.PopMark, null, 1)]
    [InlineData("32", PickleOpcode.Dup, null, 1)]
    [InlineData("420300000061627a", PickleOpcode.BinBytes, "b'abz'", 8)]
    [InlineData("43026869", PickleOpcode.ShortBinBytes, "b'hi'", 4)]
    [InlineData("46312e350a", PickleOpcode.Float, "1.5", 5)]
    [InlineData("46696e660a", PickleOpcode.Float, "∞", 5)]
    [InlineData("473ff8000000000000", PickleOpcode.BinFloat, "1.5", 9)]
    [InlineData("4934320a", PickleOpcode.Int, "42", 4)]
    [InlineData("4930310a", PickleOpcode.Int, "True", 4)]
    [InlineData("4930300a", PickleOpcode.Int, "False", 4)]
    [InlineData("4a feffffff", PickleOpcode.BinInt, "-2", 5)]
    [InlineData("4bff", PickleOpcode.BinInt1, "255", 2)]
    [InlineData("4c3132333435363738393031323334353637383930314c0a", PickleOpcode.Long, "123456789012345678901", 24)]
    [InlineData("4c2d354c0a", PickleOpcode.Long, "-5", 5)]
    [InlineData("4d3412", PickleOpcode.BinInt2, "4660", 3)]
    [InlineData("4e", PickleOpcode.None, null, 1)]
    [InlineData("50300a", PickleOpcode.PersId, "'0'", 3)]
    [InlineData("51", PickleOpcode.BinPersId, null, 1)]
    [InlineData("52", PickleOpcode.Reduce, null, 1)]
    [InlineData("53276f7327 0a", PickleOpcode.String, "'os'", 6)]
    [InlineData("5322615c6e5c7834315c3130312c220a", PickleOpcode.String, "'a\\nAA,'", 16)]
    [InlineData("54020000006869", PickleOpcode.BinString, "'hi'", 7)]
    [InlineData("55026869", PickleOpcode.ShortBinString, "'hi'", 4)]
    [InlineData("565c75303065390a", PickleOpcode.Unicode, "'é'", 8)]
    [InlineData("5802000000c3a9", PickleOpcode.BinUnicode, "'é'", 7)]
    [InlineData("5d", PickleOpcode.EmptyList, null, 1)]
    [InlineData("61", PickleOpcode.Append, null, 1)]
    [InlineData("62", PickleOpcode.Build, null, 1)]
    [InlineData("636f730a73797374656d0a", PickleOpcode.Global, "os system", 11)]
    [InlineData("64", PickleOpcode.Dict, null, 1)]
    [InlineData("65", PickleOpcode.Appends, null, 1)]
    [InlineData("67370a", PickleOpcode.Get, "7", 3)]
    [InlineData("6807", PickleOpcode.BinGet, "7", 2)]
    [InlineData("696f730a73797374656d0a", PickleOpcode.Inst, "os system", 11)]
    [InlineData("6a07000001", PickleOpcode.LongBinGet, "16777223", 5)]
    [InlineData("6c", PickleOpcode.List, null, 1)]
    [InlineData("6f", PickleOpcode.Obj, null, 1)]
    [InlineData("70330a", PickleOpcode.Put, "3", 3)]
    [InlineData("7103", PickleOpcode.BinPut, "3", 2)]
    [InlineData("7203000000", PickleOpcode.LongBinPut, "3", 5)]
    [InlineData("73", PickleOpcode.SetItem, null, 1)]
    [InlineData("74", PickleOpcode.Tuple, null, 1)]
    [InlineData("75", PickleOpcode.SetItems, null, 1)]
    [InlineData("7d", PickleOpcode.EmptyDict, null, 1)]
    [InlineData("8004", PickleOpcode.Proto, "4", 2)]
    [InlineData("81", PickleOpcode.NewObj, null, 1)]
    [InlineData("8201", PickleOpcode.Ext1, "1", 2)]
    [InlineData("830102", PickleOpcode.Ext2, "513", 3)]
    [InlineData("84ffffffff", PickleOpcode.Ext4, "-1", 5)]
    [InlineData("85", PickleOpcode.Tuple1, null, 1)]
    [InlineData("86", PickleOpcode.Tuple2, null, 1)]
    [InlineData("87", PickleOpcode.Tuple3, null, 1)]
    [InlineData("88", PickleOpcode.NewTrue, null, 1)]
    [InlineData("89", PickleOpcode.NewFalse, null, 1)]
    [InlineData("8a02ff00", PickleOpcode.Long1, "255", 4)]
    [InlineData("8a01ff", PickleOpcode.Long1, "-1", 3)]
    [InlineData("8a00", PickleOpcode.Long1, "0", 2)]
    [InlineData("8a0a6cfc9c46f9206aa85019", PickleOpcode.Long1, "119547037146038801333356", 12)]
    [InlineData("8b0200000080ff", PickleOpcode.Long4, "-128", 7)]
    [InlineData("8c026f73", PickleOpcode.ShortBinUnicode, "'os'", 4)]
    [InlineData("8d02000000000000006f73", PickleOpcode.BinUnicode8, "'os'", 11)]
    [InlineData("8e0100000000000000ff", PickleOpcode.BinBytes8, "b'\\xff'", 10)]
    [InlineData("8f", PickleOpcode.EmptySet, null, 1)]
    [InlineData("90", PickleOpcode.AddItems, null, 1)]
    [InlineData("91", PickleOpcode.FrozenSet, null, 1)]
    [InlineData("92", PickleOpcode.NewObjEx, null, 1)]
    [InlineData("93", PickleOpcode.StackGlobal, null, 1)]
    [InlineData("94", PickleOpcode.Memoize, null, 1)]
    [InlineData("951000000000000000", PickleOpcode.Frame, "16", 9)]
    [InlineData("96020000000000000061 62", PickleOpcode.ByteArray8, "b'ab'", 11)]
    [InlineData("97", PickleOpcode.NextBuffer, null, 1)]
    [InlineData("98", PickleOpcode.ReadonlyBuffer, null, 1)]
    public void Instruction_decodes_to_opcode_argument_and_length(string hex, PickleOpcode opcode, string? argument, int length)
    {
        var bytes = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
        var reader = new PickleTokenReader(new MemoryStream(bytes), 256);
        var info = PickleOpcodeTable.Lookup(bytes[0]);
        Assert.NotNull(info);
        var token = reader.Read(info);
        Assert.Equal(opcode, token.Opcode);
        Assert.Equal(length, token.End);
        var repr = PickleMachine.ArgumentRepr(token);
        Assert.Equal(argument, repr == "Infinity" ? "∞" : repr);
    }

    [Fact]
    public void Table_covers_every_protocol_5_opcode_once()
    {
        Assert.Equal(68, PickleOpcodeTable.All.Count);
        Assert.Equal(PickleOpcodeTable.All.Count, PickleOpcodeTable.All.Select(i => i.Opcode).Distinct().Count());
        Assert.Equal(Enum.GetValues<PickleOpcode>().Length, PickleOpcodeTable.All.Count);
        Assert.All(PickleOpcodeTable.All, i => Assert.Same(i, PickleOpcodeTable.Lookup((byte)i.Opcode)));
        Assert.All(PickleOpcodeTable.All, i => Assert.InRange(i.Protocol, 0, 5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Same_dict_at_every_protocol_is_clean(int protocol)
    {
        var result = PickleTestFiles.Analyze($"dict-protocol-{protocol}.pkl");
        Assert.Null(result.Error);
        var pickle = Assert.Single(result.Pickles);
        Assert.True(pickle.Complete);
        Assert.Equal(protocol, pickle.Protocol);
        Assert.DoesNotContain(pickle.Imports, i => i.Module is not ("builtins" or "__builtin__" or "copy_reg" or "_codecs"));
        Assert.Empty(pickle.Anomalies);
    }

    [Fact]
    public void Large_argument_keeps_a_bounded_preview_and_skips_the_rest()
    {
        // BINBYTES8 of 10 MB on a non-seekable stream: only the preview is kept.
        var length = 10 * 1024 * 1024;
        var bytes = new byte[9 + length + 1];
        bytes[0] = (byte)PickleOpcode.BinBytes8;
        BitConverter.TryWriteBytes(bytes.AsSpan(1), (long)length);
        bytes[^1] = (byte)'.';
        var reader = new PickleTokenReader(new NonSeekableStream(bytes), 256);
        var token = reader.Read(PickleOpcodeTable.Get(PickleOpcode.BinBytes8));
        Assert.Equal(length, token.Length);
        Assert.True(token.Truncated);
        Assert.Equal(256, token.Bytes!.Length);
        Assert.Equal((int)'.', reader.PeekByte());
    }
}
