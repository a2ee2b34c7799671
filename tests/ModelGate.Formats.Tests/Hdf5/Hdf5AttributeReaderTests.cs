using ModelGate.Formats.Hdf5;
using ModelGate.Formats.Keras;
using ModelGate.Formats.ModelFiles;

namespace ModelGate.Formats.Tests.Hdf5;

public sealed class Hdf5AttributeReaderTests
{
    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Hdf5", "testdata", name);

    private static IReadOnlyDictionary<string, Hdf5AttributeValue> ReadFixture(string name)
    {
        using var stream = File.OpenRead(PathOf(name));
        return Hdf5AttributeReader.ReadRootAttributes(stream);
    }

    private static IReadOnlyDictionary<string, Hdf5AttributeValue> ReadBytes(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return Hdf5AttributeReader.ReadRootAttributes(stream);
    }

    [Theory]
    [InlineData("keras2-bytes-earliest.h5")]
    [InlineData("keras2-str-earliest.h5")]
    [InlineData("keras2-fixed-earliest.h5")]
    [InlineData("keras2-str-latest.h5")]
    [InlineData("keras2-fixed-latest.h5")]
    [InlineData("keras2-userblock.h5")]
    public void Keras_root_attributes_are_read(string name)
    {
        var attributes = ReadFixture(name);
        Assert.Equal(["backend", "keras_version", "model_config", "training_config"], attributes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("2.15.0", attributes["keras_version"].Text);
        Assert.Equal("tensorflow", attributes["backend"].Text);
        var config = attributes["model_config"].Text;
        Assert.NotNull(config);
        Assert.StartsWith("{\"class_name\": \"Sequential\"", config, StringComparison.Ordinal);
        Assert.Equal(2, KerasConfigInspector.Inspect(config).LayerCount);
        Assert.Contains("categorical_crossentropy", attributes["training_config"].Text, StringComparison.Ordinal);
        Assert.Empty(attributes["backend"].Dimensions);
    }

    [Fact]
    public void Sniffer_recognises_a_real_h5py_file()
    {
        var bytes = File.ReadAllBytes(PathOf("keras2-str-earliest.h5"));
        Assert.Equal(ModelFileFormat.Hdf5, ModelFileSniffer.Sniff(bytes.AsSpan(0, ModelFileSniffer.PrefixLength), "model.h5", bytes.Length));
    }

    [Fact]
    public void Lambda_in_model_config_reaches_the_inspector()
    {
        var config = ReadFixture("keras2-lambda-earliest.h5")["model_config"].Text!;
        var lambda = Assert.Single(KerasConfigInspector.Inspect(config).Lambdas);
        Assert.Contains("print", lambda.CodeStrings);
    }

    [Fact]
    public void Numeric_and_array_attributes()
    {
        var attributes = ReadFixture("numeric-attrs.h5");
        Assert.Equal([-42L], attributes["count"].Integers);
        Assert.Equal([200L], attributes["small"].Integers);
        Assert.Equal([0.5], attributes["ratio"].Floats);
        Assert.Equal([1.5], attributes["half"].Floats);
        Assert.Equal([3L, 4L], attributes["shape"].Integers);
        Assert.Equal([2L], attributes["shape"].Dimensions);
        Assert.Equal(["a", "bc"], attributes["names"].Strings);
        Assert.Null(attributes["names"].Text);
        Assert.Equal([7L], attributes["big_endian"].Integers);
        Assert.Equal(Hdf5AttributeKind.Unsupported, attributes["complex"].Kind);
    }

    [Fact]
    public void Attributes_spread_over_continuation_blocks_are_all_read()
    {
        var attributes = ReadFixture("many-attrs-earliest.h5");
        Assert.Equal(40, attributes.Count);
        Assert.Equal(string.Concat(Enumerable.Repeat("value 39 ", 20)), attributes["attr_39"].Text);
    }

    [Fact]
    public void Dense_attribute_storage_fails_closed()
    {
        var error = Assert.Throws<MalformedDataException>(() => ReadFixture("dense-attrs-latest.h5"));
        Assert.Contains("dense storage not supported", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("keras2-str-earliest.h5")]
    [InlineData("keras2-fixed-latest.h5")]
    [InlineData("numeric-attrs.h5")]
    public void Truncation_at_every_offset_is_malformed_or_clean(string name)
    {
        var bytes = File.ReadAllBytes(PathOf(name));
        for (var length = 0; length < bytes.Length; length += 7)
        {
            try
            {
                ReadBytes(bytes[..length]);
            }
            catch (MalformedDataException)
            {
                // expected for most cut points
            }
        }
        Assert.NotEmpty(ReadBytes(bytes));
    }

    [Theory]
    [InlineData("keras2-str-earliest.h5")]
    [InlineData("keras2-str-latest.h5")]
    [InlineData("numeric-attrs.h5")]
    public void Every_byte_of_the_metadata_corrupted_is_malformed_or_clean(string name)
    {
        var bytes = File.ReadAllBytes(PathOf(name));
        var end = Math.Min(bytes.Length, 4096);
        for (var i = 0; i < end; i++)
        {
            foreach (var value in new byte[] { 0x00, 0xFF, 0x80 })
            {
                var copy = (byte[])bytes.Clone();
                copy[i] = value;
                try
                {
                    ReadBytes(copy);
                }
                catch (MalformedDataException)
                {
                    // a clean error is the point
                }
            }
        }
        Assert.NotEmpty(ReadBytes(bytes));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x89, 0x48, 0x44, 0x46 })]
    [InlineData(new byte[] { 0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A, 0x09 })]
    [InlineData(new byte[] { 0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A, 0x02, 0x03, 0x08, 0x00 })]
    public void Non_hdf5_and_truncated_superblocks_are_malformed(byte[] bytes)
    {
        Assert.Throws<MalformedDataException>(() => ReadBytes(bytes));
    }

    [Fact]
    public void Lying_root_address_is_malformed()
    {
        // superblock v2: sizes 8/8, base 0, extension undefined, EOF, root address far past the end.
        var bytes = new byte[48];
        "\x89HDF\r\n\x1a\n"u8.CopyTo(bytes);
        bytes[8] = 2;
        bytes[9] = 8;
        bytes[10] = 8;
        Array.Fill(bytes, (byte)0xFF, 20, 8);
        BitConverter.GetBytes(48L).CopyTo(bytes, 28);
        BitConverter.GetBytes(long.MaxValue - 3).CopyTo(bytes, 36);
        Assert.Throws<MalformedDataException>(() => ReadBytes(bytes));
    }

    [Fact]
    public void Continuation_cycle_ends_at_the_limit()
    {
        // v1 object header at 96 whose only message is a continuation pointing back into itself.
        var bytes = File.ReadAllBytes(PathOf("keras2-str-earliest.h5"));
        var header = 0x60;
        Assert.Equal(1, bytes[header]);
        // message at header+16: type 0x0010, size 16, data: offset, length (of a block holding this message)
        BitConverter.GetBytes((ushort)0x10).CopyTo(bytes, header + 16);
        BitConverter.GetBytes((ushort)16).CopyTo(bytes, header + 18);
        BitConverter.GetBytes((long)header + 16).CopyTo(bytes, header + 24);
        BitConverter.GetBytes(24L).CopyTo(bytes, header + 32);
        Assert.Throws<MalformedDataException>(() => ReadBytes(bytes));
    }
}
