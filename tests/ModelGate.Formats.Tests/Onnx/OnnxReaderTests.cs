using ModelGate.Formats.Tests.Support;
using ModelGate.Formats.Onnx;
using ModelGate.Formats.Tests.Protobuf;

namespace ModelGate.Formats.Tests.Onnx;

public sealed class OnnxReaderTests
{
    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Onnx", "testdata", name);

    private static OnnxModel ReadFixture(string name)
    {
        using var stream = File.OpenRead(PathOf(name));
        return OnnxReader.Read(stream);
    }

    private static OnnxModel ReadBytes(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return OnnxReader.Read(stream);
    }

    [Fact]
    public void Mlp_lists_opsets_nodes_initializers_and_metadata()
    {
        var model = ReadFixture("mlp.onnx");
        Assert.Equal("modelgate-fixtures", model.ProducerName);
        Assert.True(model.IrVersion > 0);
        Assert.Equal(new OnnxOpsetImport("", 17), Assert.Single(model.OpsetImports));
        Assert.Equal(["MatMul", "Add", "Relu", "MatMul"], model.Nodes.Select(n => n.OpType));
        Assert.Equal(["fc1", "fc1_bias", "relu", "fc2"], model.Nodes.Select(n => n.Name));
        Assert.All(model.Nodes, n => Assert.Equal("graph", n.GraphPath));
        Assert.Equal(["w1", "b1", "w2"], model.Initializers.Select(t => t.Name));
        var w1 = model.Initializers[0];
        Assert.Equal([4L, 3L], w1.Dims);
        Assert.Equal(1, w1.DataType);
        Assert.Equal(48, w1.DataByteLength);
        Assert.False(w1.IsExternal);
        Assert.Equal(new KeyValuePair<string, string>("author", "fixtures"), Assert.Single(model.MetadataProps));
        Assert.Empty(model.Problems);
    }

    [Fact]
    public void External_data_saved_by_onnx_is_listed_and_clean()
    {
        var model = ReadFixture(Path.Combine("external", "mlp-external-data.onnx"));
        Assert.All(model.Initializers, t => Assert.True(t.IsExternal));
        Assert.All(model.Initializers, t => Assert.Equal("mlp-external-data.bin", t.ExternalLocation));
        Assert.Contains(model.Initializers[0].ExternalData, e => e.Key == "length" && e.Value == "48");
        Assert.Equal(0, model.Initializers[0].DataByteLength);
        Assert.Empty(model.Problems);
    }

    [Fact]
    public void If_subgraph_nodes_carry_their_graph_path()
    {
        var model = ReadFixture("if-subgraphs.onnx");
        Assert.Equal(
            [("Neg", "graph/branch.else_branch"), ("Constant", "graph/branch.then_branch"), ("If", "graph")],
            model.Nodes.Select(n => (n.OpType, n.GraphPath)));
        var constant = Assert.Single(model.Initializers);
        Assert.Equal(OnnxTensorOrigin.Attribute, constant.Origin);
        Assert.Equal("graph/branch.then_branch", constant.GraphPath);
        Assert.Empty(model.Problems);
    }

    [Fact]
    public void Custom_and_runtime_contrib_domains_are_reported()
    {
        var model = ReadFixture("custom-domain.onnx");
        var problems = model.Problems.Where(p => p.Kind == OnnxProblemKind.CustomOperatorDomain).Select(p => p.Subject).Order(StringComparer.Ordinal);
        Assert.Equal(["com.example.evil::ShellExec", "com.microsoft::FusedGemm"], problems);
        Assert.Contains(model.OpsetImports, o => o.Domain == "com.example.evil");
    }

    [Fact]
    public void Calls_to_model_local_functions_are_not_custom_operators()
    {
        var model = ReadFixture("local-function.onnx");
        var function = Assert.Single(model.Functions);
        Assert.Equal(("local.fns", "Double"), (function.Domain, function.Name));
        Assert.Equal("Add", Assert.Single(function.Nodes).OpType);
        Assert.Equal("function:Double", function.Nodes[0].GraphPath);
        Assert.Empty(model.Problems);
    }

    [Theory]
    [InlineData("external-dotdot.onnx", OnnxProblemKind.ExternalDataPathTraversal)]
    [InlineData("external-absolute.onnx", OnnxProblemKind.ExternalDataAbsolutePath)]
    [InlineData("external-drive-letter.onnx", OnnxProblemKind.ExternalDataAbsolutePath)]
    [InlineData("external-url.onnx", OnnxProblemKind.ExternalDataUrlScheme)]
    [InlineData("external-negative-offset.onnx", OnnxProblemKind.ExternalDataInvalidRange)]
    [InlineData("inconsistent-raw-data.onnx", OnnxProblemKind.TensorSizeMismatch)]
    [InlineData("huge-dims.onnx", OnnxProblemKind.TensorUnusuallyLarge)]
    public void Hostile_fixtures_report_their_problem(string name, OnnxProblemKind kind)
    {
        var problem = Assert.Single(ReadFixture(name).Problems);
        Assert.Equal(kind, problem.Kind);
        Assert.NotEmpty(problem.Detail);
    }

    [Theory]
    [InlineData("weights.bin", null)]
    [InlineData("sub/dir/../weights.bin", null)]
    [InlineData("./weights.bin", null)]
    [InlineData("sub/../../weights.bin", OnnxProblemKind.ExternalDataPathTraversal)]
    [InlineData("..\\weights.bin", OnnxProblemKind.ExternalDataPathTraversal)]
    [InlineData("\\\\server\\share\\weights.bin", OnnxProblemKind.ExternalDataAbsolutePath)]
    [InlineData("/etc/passwd", OnnxProblemKind.ExternalDataAbsolutePath)]
    [InlineData("c:weights.bin", OnnxProblemKind.ExternalDataAbsolutePath)]
    [InlineData("http://example.com/w.bin", OnnxProblemKind.ExternalDataUrlScheme)]
    [InlineData("file:weights.bin", OnnxProblemKind.ExternalDataUrlScheme)]
    [InlineData("", OnnxProblemKind.ExternalDataMissingLocation)]
    public void External_locations_are_classified(string location, OnnxProblemKind? expected)
    {
        Assert.Equal(expected, ExternalDataLocation.Check(location)?.Kind);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("ai.onnx", true)]
    [InlineData("ai.onnx.ml", true)]
    [InlineData("ai.onnx.preview.training", true)]
    [InlineData("com.microsoft", false)]
    [InlineData("ai.onnx.contrib", false)]
    [InlineData("AI.ONNX", false)]
    public void Standard_domains(string domain, bool standard)
    {
        Assert.Equal(standard, OnnxDomains.IsStandardDomain(domain));
        Assert.True(standard || OnnxDomains.IsKnownRuntimeDomain(domain) || domain == "AI.ONNX");
    }

    [Theory]
    [InlineData("mlp.onnx")]
    [InlineData("if-subgraphs.onnx")]
    [InlineData("custom-domain.onnx")]
    [InlineData("local-function.onnx")]
    public void Truncation_at_every_offset_is_malformed_or_clean(string name)
    {
        var bytes = File.ReadAllBytes(PathOf(name));
        HostileInput.ReadEveryTruncation(bytes, prefix => ReadBytes(prefix));
        Assert.NotEmpty(ReadBytes(bytes).Nodes);
    }

    [Fact]
    public void Every_single_byte_corruption_is_malformed_or_clean()
    {
        var bytes = File.ReadAllBytes(PathOf("if-subgraphs.onnx"));
        for (var i = 0; i < bytes.Length; i++)
        {
            foreach (var value in new byte[] { 0x00, 0xFF, 0x7F })
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
        Assert.Equal(3, ReadBytes(bytes).Nodes.Count);
    }

    [Fact]
    public void Subgraph_chain_ten_thousand_deep_is_malformed_not_a_stack_overflow()
    {
        // ModelProto.graph(7) { node(1) { attribute(5) { g(6) { node(1) { ... } } } } }
        var graph = ProtoBytes.Nest(ProtoBytes.String(4, "Identity"), 10_000, 1, 5, 6);
        byte[] model = [.. ProtoBytes.VarintField(1, 9), .. ProtoBytes.Bytes(7, graph)];
        var error = Assert.Throws<MalformedDataException>(() => ReadBytes(model));
        Assert.Contains("nested deeper", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lying_raw_data_length_is_malformed()
    {
        var tensor = (byte[])[.. ProtoBytes.VarintField(1, 4), .. ProtoBytes.Key(9, 2), .. ProtoBytes.Varint(uint.MaxValue), 1, 2, 3];
        byte[] model = [.. ProtoBytes.VarintField(1, 9), .. ProtoBytes.Bytes(7, ProtoBytes.Bytes(5, tensor))];
        Assert.Throws<MalformedDataException>(() => ReadBytes(model));
    }

    [Fact]
    public void Negative_and_overflowing_dims_are_reported()
    {
        byte[] negative = [.. ProtoBytes.VarintField(1, unchecked((ulong)-3L)), .. ProtoBytes.VarintField(2, 1), .. ProtoBytes.String(8, "neg")];
        byte[] overflow = [.. ProtoBytes.VarintField(1, 1L << 40), .. ProtoBytes.VarintField(1, 1L << 40), .. ProtoBytes.VarintField(2, 1), .. ProtoBytes.String(8, "big")];
        byte[] graph = [.. ProtoBytes.Bytes(5, negative), .. ProtoBytes.Bytes(5, overflow)];
        var model = ReadBytes([.. ProtoBytes.VarintField(1, 9), .. ProtoBytes.Bytes(7, graph)]);
        Assert.Equal([("neg", OnnxProblemKind.TensorInvalidDims), ("big", OnnxProblemKind.TensorInvalidDims)], model.Problems.Select(p => (p.Subject, p.Kind)));
        Assert.Equal(-3L, model.Initializers[0].Dims[0]);
    }

    [Fact]
    public void Huge_external_length_is_reported()
    {
        byte[] entry(string k, string v) => ProtoBytes.Bytes(13, [.. ProtoBytes.String(1, k), .. ProtoBytes.String(2, v)]);
        byte[] tensor = [.. ProtoBytes.VarintField(1, 4), .. ProtoBytes.VarintField(2, 1), .. ProtoBytes.String(8, "t"),
            .. entry("location", "w.bin"), .. entry("offset", "9223372036854775807"), .. entry("length", "4"), .. ProtoBytes.VarintField(14, 1)];
        var model = ReadBytes([.. ProtoBytes.VarintField(1, 9), .. ProtoBytes.Bytes(7, ProtoBytes.Bytes(5, tensor))]);
        Assert.Equal(OnnxProblemKind.ExternalDataInvalidRange, Assert.Single(model.Problems).Kind);
    }

    [Fact]
    public void Empty_input_is_not_a_model()
    {
        Assert.Throws<MalformedDataException>(() => ReadBytes([]));
    }

    [Fact]
    public void Typed_data_counts_are_checked_against_dims()
    {
        // dims [3], FLOAT, float_data packed with 2 values
        byte[] tensor = [.. ProtoBytes.VarintField(1, 3), .. ProtoBytes.VarintField(2, 1), .. ProtoBytes.String(8, "short"), .. ProtoBytes.Bytes(4, new byte[8])];
        byte[] ok = [.. ProtoBytes.VarintField(1, 2), .. ProtoBytes.VarintField(2, 7), .. ProtoBytes.String(8, "ok"), .. ProtoBytes.Bytes(7, [1, 0x80, 0x01])];
        var model = ReadBytes([.. ProtoBytes.VarintField(1, 9), .. ProtoBytes.Bytes(7, [.. ProtoBytes.Bytes(5, tensor), .. ProtoBytes.Bytes(5, ok)])]);
        var problem = Assert.Single(model.Problems);
        Assert.Equal(("short", OnnxProblemKind.TensorSizeMismatch), (problem.Subject, problem.Kind));
        Assert.Equal(3, model.Initializers[1].DataByteLength);
    }
}
