using System.Buffers.Binary;
using System.Text;
using ModelGate.Formats.Safetensors;

namespace ModelGate.Formats.Tests.Safetensors;

public sealed class SafetensorsReaderTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Safetensors", "testdata", name));

    private static SafetensorsFile Read(byte[] bytes) => SafetensorsReader.Read(new MemoryStream(bytes));

    private static byte[] Build(string header, int dataLength)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataLength];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        return bytes;
    }

    [Fact]
    public void The_save_file_layout_reads_with_no_problems()
    {
        var file = Read(Fixture("save-file-layout.safetensors"));
        Assert.Empty(file.Problems);
        Assert.Equal(0UL, file.HeaderLength % 8);
        Assert.Equal(["a.weight", "b.bias", "c.half", "d.mask"], file.Tensors.Select(t => t.Name));
        var first = file.Tensors[0];
        Assert.Equal("F32", first.Dtype);
        Assert.Equal([2UL, 2UL], first.Shape);
        Assert.Equal((0UL, 16UL), (first.Begin, first.End));
        Assert.Equal(31UL, file.DataLength);
        Assert.Equal(new KeyValuePair<string, string>("format", "pt"), Assert.Single(file.Metadata));
    }

    [Theory]
    [InlineData("scalar-and-empty.safetensors")]
    [InlineData("f4-packed.safetensors")]
    public void Edge_shapes_and_bit_sized_dtypes_are_valid(string name) => Assert.Empty(Read(Fixture(name)).Problems);

    [Theory]
    [InlineData("overlapping.safetensors", SafetensorsProblemKind.Overlap)]
    [InlineData("hole.safetensors", SafetensorsProblemKind.Hole)]
    [InlineData("trailing-bytes.safetensors", SafetensorsProblemKind.TrailingBytes)]
    [InlineData("shape-overflow.safetensors", SafetensorsProblemKind.ShapeOverflow)]
    [InlineData("unknown-dtype.safetensors", SafetensorsProblemKind.UnknownDtype)]
    [InlineData("metadata-not-string.safetensors", SafetensorsProblemKind.InvalidMetadata)]
    [InlineData("duplicate-key.safetensors", SafetensorsProblemKind.DuplicateKey)]
    [InlineData("extra-field.safetensors", SafetensorsProblemKind.UnknownField)]
    [InlineData("length-mismatch.safetensors", SafetensorsProblemKind.LengthMismatch)]
    [InlineData("offset-beyond-data.safetensors", SafetensorsProblemKind.OffsetOutOfRange)]
    public void Spec_violations_are_problems(string name, SafetensorsProblemKind kind) =>
        Assert.Contains(Read(Fixture(name)).Problems, p => p.Kind == kind);

    [Theory]
    [InlineData("lying-header-length.safetensors")]
    [InlineData("huge-header-length.safetensors")]
    public void Impossible_header_lengths_are_malformed(string name) =>
        Assert.Throws<MalformedDataException>(() => Read(Fixture(name)));

    [Theory]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    [InlineData("{\"a\": ")]
    [InlineData("{}x")]
    public void Headers_that_are_not_json_objects_are_malformed(string header) =>
        Assert.Throws<MalformedDataException>(() => Read(Build(header, 0)));

    [Fact]
    public void Invalid_utf8_is_malformed()
    {
        var bytes = Build("{\"a\":\"  \"}", 0);
        bytes[14] = 0xFF;
        Assert.Throws<MalformedDataException>(() => Read(bytes));
    }

    [Fact]
    public void Header_length_below_two_is_malformed()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1);
        Assert.Throws<MalformedDataException>(() => Read(bytes));
    }

    [Theory]
    [InlineData(ulong.MaxValue)]
    [InlineData(1UL << 63)]
    [InlineData(100_000_001UL)]
    public void Header_lengths_over_the_limit_are_malformed_before_allocating(ulong length)
    {
        var bytes = new byte[64];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, length);
        Assert.Throws<MalformedDataException>(() => Read(bytes));
    }

    [Fact]
    public void Deep_nesting_is_malformed() =>
        Assert.Throws<MalformedDataException>(() => Read(Build("{\"a\":" + new string('[', 10_000) + new string(']', 10_000) + "}", 0)));

    [Theory]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", SafetensorsProblemKind.InvalidTensorEntry)]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", SafetensorsProblemKind.InvalidTensorEntry)]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", SafetensorsProblemKind.InvalidTensorEntry)]
    [InlineData("{\"a\":{\"dtype\":7,\"shape\":[1],\"data_offsets\":[0,4]}}", SafetensorsProblemKind.InvalidTensorEntry)]
    [InlineData("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", SafetensorsProblemKind.InvalidTensorEntry)]
    [InlineData("{\"a\":[1,2]}", SafetensorsProblemKind.InvalidTensorEntry)]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", SafetensorsProblemKind.OffsetOutOfRange)]
    [InlineData("{\"a\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,4]}}", SafetensorsProblemKind.MisalignedBits)]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,18446744073709551615]}}", SafetensorsProblemKind.OffsetOutOfRange)]
    [InlineData("{\"__metadata__\":[\"x\"],\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", SafetensorsProblemKind.InvalidMetadata)]
    [InlineData("{\"__metadata__\":{\"k\":\"v\",\"k\":\"w\"},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", SafetensorsProblemKind.DuplicateKey)]
    public void Bad_tensor_entries_are_problems(string header, SafetensorsProblemKind kind) =>
        Assert.Contains(Read(Build(header, 4)).Problems, p => p.Kind == kind);

    [Fact]
    public void Space_padding_after_the_header_is_allowed() =>
        Assert.Empty(Read(Build("{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]}}       ", 4)).Problems);

    [Fact]
    public void The_data_section_is_never_read()
    {
        var header = Encoding.UTF8.GetBytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[2684354560],\"data_offsets\":[0,10737418240]}}");
        using var stream = new HeaderOnlyStream(header, 8 + header.Length + 10_737_418_240L);
        var file = SafetensorsReader.Read(stream);
        Assert.Empty(file.Problems);
        Assert.Equal(10_737_418_240UL, file.DataLength);
    }

    [Fact]
    public void Truncation_at_every_offset_is_malformed_or_a_problem()
    {
        var bytes = Fixture("save-file-layout.safetensors");
        for (var length = 0; length < bytes.Length; length++)
        {
            try
            {
                Assert.NotEmpty(Read(bytes[..length]).Problems);
            }
            catch (MalformedDataException)
            {
            }
        }
    }

    // A stream that claims a huge length but only has the header: reading past it fails the test.
    private sealed class HeaderOnlyStream(byte[] header, long length) : Stream
    {
        private readonly byte[] prefix = [.. BitConverter.GetBytes((ulong)header.Length), .. header];

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= prefix.Length)
                throw new InvalidOperationException("read past the header");
            var n = (int)Math.Min(count, prefix.Length - Position);
            Array.Copy(prefix, Position, buffer, offset, n);
            Position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
