using ModelGate.Formats.Gguf;
using ModelGate.Formats.Templates;

namespace ModelGate.Formats.Tests.Gguf;

public sealed class GgufReaderTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Gguf", "testdata", name));

    private static GgufFile Read(byte[] bytes, GgufLimits? limits = null) => GgufReader.Read(new MemoryStream(bytes), limits ?? GgufLimits.Default);

    [Theory]
    [InlineData("valid-v3.gguf", 3U, 2)]
    [InlineData("valid-v2.gguf", 2U, 2)]
    [InlineData("valid-v1.gguf", 1U, 1)]
    [InlineData("alignment-64.gguf", 3U, 2)]
    [InlineData("nested-array.gguf", 3U, 2)]
    public void Valid_files_read_with_no_problems(string name, uint version, int tensors)
    {
        var file = Read(Fixture(name));
        Assert.Empty(file.Problems);
        Assert.Equal(version, file.Version);
        Assert.Equal(tensors, file.Tensors.Count);
        Assert.Equal(0UL, file.DataOffset % file.Alignment);
    }

    [Fact]
    public void Metadata_tensors_and_template_are_exposed()
    {
        var file = Read(Fixture("valid-v3.gguf"));
        Assert.Equal("llama", file.Find("general.architecture")?.StringValue);
        Assert.Equal(2048U, file.Find("llama.context_length")?.Value);
        var tokens = file.Find("tokenizer.ggml.tokens")!;
        Assert.Equal((GgufValueType.Array, GgufValueType.String, 4UL, null), (tokens.Type, tokens.ElementType, tokens.Count, tokens.Value));
        var template = Assert.Single(file.ChatTemplates);
        Assert.Equal("tokenizer.chat_template", template.Key);
        Assert.StartsWith("{% for message in messages %}", template.Value, StringComparison.Ordinal);
        Assert.Empty(ChatTemplateInspector.Inspect(template.Value));
        var q = file.Tensors[1];
        Assert.Equal(("q.weight", "Q8_0", 32UL, (ulong?)34UL), (q.Name, q.TypeName, q.Offset, q.ByteLength));
        Assert.Equal(32U, file.Alignment);
    }

    [Fact]
    public void Named_templates_are_exposed_in_full()
    {
        var file = Read(Fixture("named-templates.gguf"));
        Assert.Equal(["tokenizer.chat_template", "tokenizer.chat_template.tool_use"], file.ChatTemplates.Select(t => t.Key));
        Assert.Contains(ChatTemplateInspector.Inspect(file.ChatTemplates[1].Value), f => f.Kind == TemplateFindingKind.DangerousCall);
    }

    [Fact]
    public void The_evil_template_is_found()
    {
        var file = Read(Fixture("evil-template.gguf"));
        Assert.NotEmpty(ChatTemplateInspector.Inspect(Assert.Single(file.ChatTemplates).Value));
    }

    [Theory]
    [InlineData("bad-alignment.gguf", GgufProblemKind.InvalidAlignment)]
    [InlineData("unaligned-offset.gguf", GgufProblemKind.UnalignedOffset)]
    [InlineData("overlapping-tensors.gguf", GgufProblemKind.Overlap)]
    [InlineData("tensor-past-end.gguf", GgufProblemKind.OffsetOutOfRange)]
    [InlineData("duplicate-key.gguf", GgufProblemKind.DuplicateKey)]
    [InlineData("unknown-tensor-type.gguf", GgufProblemKind.UnknownTensorType)]
    [InlineData("block-size-mismatch.gguf", GgufProblemKind.InvalidTensorSize)]
    [InlineData("too-many-dims.gguf", GgufProblemKind.InvalidDimensions)]
    public void Spec_violations_are_problems(string name, GgufProblemKind kind) =>
        Assert.Contains(Read(Fixture(name)).Problems, p => p.Kind == kind);

    [Theory]
    [InlineData("array-count-2pow63.gguf")]
    [InlineData("string-length-lie.gguf")]
    [InlineData("unknown-value-type.gguf")]
    [InlineData("kv-count-lie.gguf")]
    public void Impossible_lengths_and_types_are_malformed(string name) =>
        Assert.Throws<MalformedDataException>(() => Read(Fixture(name)));

    [Theory]
    [InlineData(new byte[] { (byte)'G', (byte)'G', (byte)'U', (byte)'X', 3, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'G', (byte)'G', (byte)'U', (byte)'F', 4, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'G', (byte)'G', (byte)'U', (byte)'F', 0, 0, 0, 3 })]
    [InlineData(new byte[] { (byte)'G', (byte)'G' })]
    public void Bad_magic_or_version_is_malformed(byte[] bytes) =>
        Assert.Throws<MalformedDataException>(() => Read(bytes));

    [Fact]
    public void Oversized_templates_are_a_problem_not_kept()
    {
        var file = Read(Fixture("valid-v3.gguf"), new GgufLimits { MaxChatTemplateBytes = 16 });
        Assert.Empty(file.ChatTemplates);
        Assert.Contains(file.Problems, p => p.Kind == GgufProblemKind.ChatTemplateTooLarge);
    }

    [Fact]
    public void Array_nesting_beyond_the_limit_is_malformed() =>
        Assert.Throws<MalformedDataException>(() => Read(Fixture("nested-array.gguf"), new GgufLimits { MaxArrayDepth = 1 }));

    [Fact]
    public void Array_counts_over_the_limit_are_malformed() =>
        Assert.Throws<MalformedDataException>(() => Read(Fixture("valid-v3.gguf"), new GgufLimits { MaxArrayCount = 3 }));

    [Fact]
    public void Truncation_at_every_offset_is_malformed_or_a_problem()
    {
        var bytes = Fixture("valid-v3.gguf");
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

    [Fact]
    public void Random_corruption_is_malformed_or_read()
    {
        var original = Fixture("valid-v2.gguf");
        var random = new Random(4);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = (byte[])original.Clone();
            for (var j = 0; j < 4; j++)
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            try
            {
                Assert.NotNull(Read(bytes));
            }
            catch (MalformedDataException)
            {
            }
        }
    }

    [Fact]
    public void Bool_bytes_other_than_zero_and_one_are_malformed()
    {
        var bytes = new List<byte>("GGUF"u8.ToArray());
        bytes.AddRange(BitConverter.GetBytes(3U));
        bytes.AddRange(BitConverter.GetBytes(0UL));
        bytes.AddRange(BitConverter.GetBytes(1UL));
        bytes.AddRange(BitConverter.GetBytes(1UL));
        bytes.Add((byte)'b');
        bytes.AddRange(BitConverter.GetBytes((uint)GgufValueType.Bool));
        bytes.Add(7);
        Assert.Throws<MalformedDataException>(() => Read([.. bytes]));
        bytes[^1] = 1;
        Assert.Equal(true, Read([.. bytes]).Find("b")?.Value);
    }
}
