using ModelGate.Formats.Protobuf;

namespace ModelGate.Formats.Tests.Protobuf;

public sealed class ProtobufReaderTests
{
    [Theory]
    [InlineData(new byte[] { 0x00 }, 0UL)]
    [InlineData(new byte[] { 0x7F }, 127UL)]
    [InlineData(new byte[] { 0x96, 0x01 }, 150UL)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, ulong.MaxValue)]
    public void Varints_decode(byte[] bytes, ulong expected)
    {
        var reader = new ProtobufReader(bytes, "test");
        Assert.Equal(expected, reader.ReadVarint());
        Assert.True(reader.AtEnd);
    }

    [Theory]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02 })]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 })]
    public void Truncated_overflowing_and_eleven_byte_varints_are_malformed(byte[] bytes)
    {
        Assert.Throws<MalformedDataException>(() => new ProtobufReader(bytes, "test").ReadVarint());
        using var stream = new MemoryStream(bytes);
        var streamReader = new ProtoStreamReader(stream, "test");
        Assert.Throws<MalformedDataException>(() => streamReader.ReadVarint(stream.Length));
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01 })] // field 0
    [InlineData(new byte[] { 0x0E, 0x01 })] // wire type 6
    [InlineData(new byte[] { 0x0F, 0x01 })] // wire type 7
    [InlineData(new byte[] { 0x0C })] // end-group with no start
    [InlineData(new byte[] { 0x0B, 0x08, 0x01 })] // start-group never closed
    [InlineData(new byte[] { 0x0B, 0x14 })] // group 1 closed by end-group 2
    [InlineData(new byte[] { 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })] // 4 GB length in a 6-byte input
    [InlineData(new byte[] { 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })] // length -1 as varint
    [InlineData(new byte[] { 0x0D, 0x01, 0x02 })] // truncated fixed32
    [InlineData(new byte[] { 0x09, 0x01, 0x02, 0x03 })] // truncated fixed64
    public void Bad_keys_groups_and_lengths_are_malformed(byte[] bytes)
    {
        Assert.Throws<MalformedDataException>(() => SkipAllFromSpan(bytes));
        Assert.Throws<MalformedDataException>(() => SkipAllFromStream(bytes));
    }

    [Fact]
    public void Groups_are_skipped_to_their_end()
    {
        // field 1 group { field 2 varint 5 }, then field 3 varint 7
        byte[] bytes = [0x0B, 0x10, 0x05, 0x0C, 0x18, 0x07];
        Assert.Equal([1, 3], SkipAllFromSpan(bytes));
        Assert.Equal([1, 3], SkipAllFromStream(bytes));
    }

    [Fact]
    public void Groups_nested_ten_thousand_deep_are_malformed_not_a_stack_overflow()
    {
        var bytes = new List<byte>();
        for (var i = 0; i < 10_000; i++)
            bytes.Add(0x0B);
        for (var i = 0; i < 10_000; i++)
            bytes.Add(0x0C);
        Assert.Throws<MalformedDataException>(() => SkipAllFromSpan([.. bytes]));
        Assert.Throws<MalformedDataException>(() => SkipAllFromStream([.. bytes]));
    }

    [Fact]
    public void Stream_reader_skips_bulk_fields_by_position_and_reads_across_its_buffer()
    {
        var bulk = new byte[200_000];
        byte[] message = [.. ProtoBytes.Bytes(9, bulk), .. ProtoBytes.String(8, "after"), .. ProtoBytes.VarintField(2, 1)];
        using var stream = new MemoryStream(message);
        var reader = new ProtoStreamReader(stream, "test");
        var fields = new List<int>();
        string? name = null;
        while (reader.TryReadTag(stream.Length, out var field, out var wire))
        {
            fields.Add(field);
            if (field == 8)
                name = reader.ReadString(stream.Length, 100);
            else
                reader.Skip(field, wire, stream.Length);
        }
        Assert.Equal([9, 8, 2], fields);
        Assert.Equal("after", name);
    }

    [Fact]
    public void Strings_longer_than_the_limit_are_malformed_before_allocation()
    {
        byte[] message = [.. ProtoBytes.Key(1, 2), .. ProtoBytes.Varint(1_000_000), 0x41];
        using var stream = new MemoryStream(message);
        var reader = new ProtoStreamReader(stream, "test");
        Assert.True(reader.TryReadTag(stream.Length, out _, out _));
        Assert.Throws<MalformedDataException>(() => reader.ReadString(stream.Length, 16));
    }

    private static List<int> SkipAllFromSpan(byte[] bytes)
    {
        var fields = new List<int>();
        var reader = new ProtobufReader(bytes, "test");
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (wire == ProtoWireType.EndGroup)
                throw new MalformedDataException("test", "stray end-group");
            fields.Add(field);
            reader.Skip(field, wire);
        }
        return fields;
    }

    private static List<int> SkipAllFromStream(byte[] bytes)
    {
        var fields = new List<int>();
        using var stream = new MemoryStream(bytes);
        var reader = new ProtoStreamReader(stream, "test");
        while (reader.TryReadTag(stream.Length, out var field, out var wire))
        {
            fields.Add(field);
            reader.Skip(field, wire, stream.Length);
        }
        return fields;
    }
}
