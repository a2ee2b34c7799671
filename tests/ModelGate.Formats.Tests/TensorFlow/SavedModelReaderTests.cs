using ModelGate.Formats.Tests.Support;
using ModelGate.Formats.Tests.Protobuf;
using ModelGate.Formats.TensorFlow;

namespace ModelGate.Formats.Tests.TensorFlow;

public sealed class SavedModelReaderTests
{
    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TensorFlow", "testdata", name);

    private static SavedModelGraph ReadFixture(string name)
    {
        using var stream = File.OpenRead(PathOf(name));
        return SavedModelReader.Read(stream);
    }

    private static SavedModelGraph ReadBytes(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return SavedModelReader.Read(stream);
    }

    [Fact]
    public void Keras_dense_export_lists_ops_functions_and_tags()
    {
        var graph = ReadFixture("keras-dense.saved_model.pb");
        Assert.Equal(1, graph.SchemaVersion);
        var meta = Assert.Single(graph.MetaGraphs);
        Assert.Equal(["serve"], meta.Tags);
        Assert.Equal("2.15.0", meta.TensorFlowVersion);
        Assert.Equal(["MatMul", "VarHandleOp", "SaveV2"], meta.StrippedOpNames);
        Assert.Equal(["__inference_signature_wrapper_100", "__inference__traced_save_200", "__inference__traced_restore_300"], graph.FunctionNames);
        Assert.Contains(graph.Ops, o => o is { Op: "MatMul", Location: "function:__inference_signature_wrapper_100" });
        Assert.Contains(graph.Ops, o => o is { Op: "SaveV2", Location: "function:__inference__traced_save_200" });
        var call = graph.Ops.First(o => o.NodeName == "StatefulPartitionedCall");
        Assert.Equal("graph", call.Location);
        Assert.Equal(new KeyValuePair<string, string>("f", "__inference_signature_wrapper_100"), Assert.Single(call.StringAttributes));
        Assert.All(graph.Ops, o => Assert.True(TensorFlowOps.IsStandardOp(o.Op), o.Op));
        Assert.DoesNotContain(graph.Ops, o => TensorFlowOps.DangerousOps.ContainsKey(o.Op));
    }

    [Theory]
    [InlineData("pyfunc-in-function.saved_model.pb", "PyFunc", "function:__inference_evil_400")]
    [InlineData("read-write-file.saved_model.pb", "ReadFile", "graph")]
    [InlineData("read-write-file.saved_model.pb", "WriteFile", "graph")]
    [InlineData("read-write-file.saved_model.pb", "PrintV2", "graph")]
    public void Dangerous_ops_are_listed_where_they_are(string name, string op, string location)
    {
        var graph = ReadFixture(name);
        Assert.Contains(graph.Ops, o => o.Op == op && o.Location == location);
        Assert.True(TensorFlowOps.DangerousOps.ContainsKey(op));
    }

    [Fact]
    public void PrintV2_output_stream_is_kept()
    {
        var print = ReadFixture("read-write-file.saved_model.pb").Ops.Single(o => o.Op == "PrintV2");
        Assert.Equal("file:///tmp/leak.txt", print.StringAttributes.Single(a => a.Key == "output_stream").Value);
    }

    [Fact]
    public void Custom_op_is_not_a_standard_op()
    {
        var graph = ReadFixture("custom-op.saved_model.pb");
        Assert.Equal(["ShellExecute"], graph.Ops.Select(o => o.Op).Where(op => !TensorFlowOps.IsStandardOp(op)));
    }

    [Theory]
    [InlineData("MatMul", true)]
    [InlineData("StatefulPartitionedCall", true)]
    [InlineData("PyFunc", true)]
    [InlineData("RpcCall", true)]
    [InlineData("_Arg", true)]
    [InlineData("matmul", false)]
    [InlineData("ShellExecute", false)]
    public void Standard_op_registry(string op, bool standard)
    {
        Assert.Equal(standard, TensorFlowOps.IsStandardOp(op));
        Assert.True(TensorFlowOps.StandardOpCount > 1400);
    }

    [Fact]
    public void Keras_metadata_exposes_the_json_of_each_object()
    {
        using var stream = File.OpenRead(PathOf("keras_metadata.pb"));
        var objects = SavedModelReader.ReadKerasMetadata(stream);
        Assert.Equal([(0, "root", "_tf_keras_sequential"), (1, "root.layer-0", "_tf_keras_layer")], objects.Select(o => (o.NodeId, o.NodePath, o.Identifier)));
        Assert.Contains("__lambda__", objects[1].Metadata, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("keras-dense.saved_model.pb")]
    [InlineData("pyfunc-in-function.saved_model.pb")]
    [InlineData("read-write-file.saved_model.pb")]
    public void Truncation_at_every_offset_is_malformed_or_clean(string name)
    {
        var bytes = File.ReadAllBytes(PathOf(name));
        HostileInput.ReadEveryTruncation(bytes, prefix => ReadBytes(prefix));
        Assert.NotEmpty(ReadBytes(bytes).Ops);
    }

    [Fact]
    public void Truncated_keras_metadata_is_malformed_or_clean()
    {
        var bytes = File.ReadAllBytes(PathOf("keras_metadata.pb"));
        for (var length = 0; length < bytes.Length; length++)
        {
            using var stream = new MemoryStream(bytes[..length]);
            try
            {
                SavedModelReader.ReadKerasMetadata(stream);
            }
            catch (MalformedDataException)
            {
                // expected for most cut points
            }
        }
        using var whole = new MemoryStream(bytes);
        Assert.Equal(2, SavedModelReader.ReadKerasMetadata(whole).Count);
    }

    [Fact]
    public void Nested_messages_ten_thousand_deep_are_skipped_without_recursion_into_unknown_fields()
    {
        // An unknown field (9) of MetaGraphDef nested 10,000 deep is skipped as one length-delimited value.
        var deep = ProtoBytes.Nest([], 10_000, 9);
        byte[] model = [.. ProtoBytes.VarintField(1, 1), .. ProtoBytes.Bytes(2, deep)];
        Assert.Empty(ReadBytes(model).Ops);
    }

    [Fact]
    public void Groups_nested_ten_thousand_deep_are_malformed()
    {
        var meta = new List<byte>();
        for (var i = 0; i < 10_000; i++)
            meta.Add(0x4B); // start-group field 9
        for (var i = 0; i < 10_000; i++)
            meta.Add(0x4C);
        Assert.Throws<MalformedDataException>(() => ReadBytes([.. ProtoBytes.Bytes(2, [.. meta])]));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x08, 0x01 })] // schema version only
    [InlineData(new byte[] { 0x12, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })] // meta graph claiming 4 GB
    [InlineData(new byte[] { 0x12, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 })] // 11-byte varint length
    public void Non_models_and_lying_lengths_are_malformed(byte[] bytes)
    {
        Assert.Throws<MalformedDataException>(() => ReadBytes(bytes));
    }
}
