using ModelGate.Formats.TomlTree;

namespace ModelGate.Formats.Tests.TomlTree;

public sealed class TomlTreeReaderTests
{
    [Fact]
    public void Values_keep_their_lines_across_headers_dotted_keys_and_arrays()
    {
        const string text = """
            # comment
            top = 1
            [a.b]
            c.d = "x"
            list = [
              # inside
              "first",

              "second",
            ]
            [[arr]]
            n = 1
            [[arr]]
            n = 2
            [a]
            e = { f = true }
            """;
        var root = TomlTreeReader.Parse(text, "test");

        Assert.Equal(2, root.Get("top")!.Line);
        Assert.Equal(3, root.GetPath("a", "b")!.Line);
        Assert.Equal(4, root.GetPath("a", "b", "c", "d")!.Line);
        Assert.Equal([7, 9], root.GetPath("a", "b", "list")!.Items.Select(i => i.Line).ToArray());
        Assert.Equal([11, 13], root.Get("arr")!.Items.Select(i => i.Line).ToArray());
        Assert.Equal("2", root.Get("arr")!.Items[1].GetString("n") ?? root.Get("arr")!.Items[1].Get("n")!.Text);
        Assert.Equal(15, root.Get("a")!.Line);
        Assert.True(root.GetPath("a", "e", "f")!.AsBoolean);
    }

    [Theory]
    [InlineData("a = 1\na = 2\n", 2)]
    [InlineData("[t]\nx = 1\n[t]\n", 3)]
    [InlineData("a = [1,\n", null)]
    [InlineData("a = \"unterminated\n", 1)]
    public void Invalid_documents_throw_with_a_line(string text, int? line)
    {
        var ex = Assert.Throws<MalformedDataException>(() => TomlTreeReader.Parse(text, "test"));
        if (line is not null)
            Assert.Equal(line, ex.Line);
        Assert.Contains("TOML", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(50_000)]
    public void Nesting_is_bounded(int depth)
    {
        var text = "x = " + new string('[', depth) + new string(']', depth);
        if (depth < ReaderLimits.MaxDocumentDepth)
            Assert.Equal(TomlNodeKind.Array, TomlTreeReader.Parse(text, "test").Get("x")!.Kind);
        else
            Assert.Throws<MalformedDataException>(() => TomlTreeReader.Parse(text, "test"));
    }
}
