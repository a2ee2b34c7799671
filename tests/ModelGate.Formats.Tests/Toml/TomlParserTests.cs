using System.Text;
using ModelGate.Formats.Toml;

namespace ModelGate.Formats.Tests.Toml;

/// <summary>Lines on every node, the tree accessors, and hostile sizes and depths.</summary>
public sealed class TomlParserTests
{
    private static List<int> ElementLines(TomlNode root, string key) => root.Get(key)!.Items.Select(i => i.Line).ToList();

    [Fact]
    public void Values_keep_their_lines_across_headers_dotted_keys_and_arrays()
    {
        var root = TomlParser.Parse("""
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
            """, "test");

        Assert.Equal(2, root.Get("top")!.Line);
        Assert.Equal(3, root.GetPath("a", "b")!.Line);
        Assert.Equal(4, root.GetPath("a", "b", "c")!.Line);
        Assert.Equal(4, root.GetPath("a", "b", "c", "d")!.Line);
        Assert.Equal(5, root.GetPath("a", "b", "list")!.Line);
        Assert.Equal([7, 9], root.GetPath("a", "b", "list")!.Items.Select(i => i.Line));
        Assert.Equal([11, 13], ElementLines(root, "arr"));
        Assert.Equal(11, root.Get("arr")!.Line);
        Assert.Equal("2", root.Get("arr")!.Items[1].Get("n")!.Text);
        Assert.Equal(15, root.Get("a")!.Line);
        Assert.True(root.GetPath("a", "e", "f")!.AsBoolean);
        Assert.Equal(16, root.GetPath("a", "e")!.Line);
    }

    [Fact]
    public void Array_of_tables_elements_carry_their_header_lines()
    {
        var root = TomlParser.Parse("""
            # comment
            [[package]]
            name = "a"

            [package.dependencies]
            b = "*"

            [[package]]
            # a comment between the header and the first key

            name = "b"

            [[package]]
            [package.source]
            url = "x"
            description = '''
            [[package]]
            '''

            [[package]]
            [[package]]
            """, "test");

        Assert.Equal([2, 8, 13, 20, 21], ElementLines(root, "package"));
        Assert.Equal(5, root.Get("package")!.Items[0].Get("dependencies")!.Line);
        Assert.Equal(14, root.Get("package")!.Items[2].Get("source")!.Line);
    }

    [Fact]
    public void Nested_arrays_of_tables_and_inline_arrays_keep_their_own_lines()
    {
        var root = TomlParser.Parse("""
            [[packages]]
            name = "numpy"

            [[packages.wheels]]
            name = "w1"

            [[packages.wheels]]
            name = "w2"

            [[packages]]
            name = "attrs"
            wheels = [
                {name = "w3"},
                {name = "w4", hashes = {sha256 = "00"}}, {name = "w5"},
            ]
            """, "test");

        Assert.Equal([1, 10], ElementLines(root, "packages"));
        var numpy = root.Get("packages")!.Items[0];
        Assert.Equal([4, 7], ElementLines(numpy, "wheels"));
        var attrs = root.Get("packages")!.Items[1];
        Assert.Equal([13, 14, 14], ElementLines(attrs, "wheels"));
        Assert.Equal(14, attrs.Get("wheels")!.Items[1].GetPath("hashes", "sha256")!.Line);
    }

    [Fact]
    public void Lines_count_newlines_inside_multiline_strings_and_crlf()
    {
        var root = TomlParser.Parse("a = \"\"\"\r\none\r\ntwo\"\"\"\r\nb = '''\n\n'''\nc = [\r\n1,\r\n\r\n2]\r\nd = 4", "test");

        Assert.Equal([1, 4, 7, 8, 10, 11], new[] { root["a"]!, root["b"]!, root["c"]!, root["c"]!.Items[0], root["c"]!.Items[1], root["d"]! }.Select(n => n.Line));
    }

    [Fact]
    public void Implicit_tables_take_the_line_of_the_header_that_defines_them()
    {
        var root = TomlParser.Parse("[a.b]\nx = 1\n\n[a]\ny = 2\n", "test");

        Assert.Equal(4, root["a"]!.Line);
        Assert.Equal(1, root.GetPath("a", "b")!.Line);
    }

    [Fact]
    public void Accessors_answer_absent_on_nodes_of_another_kind()
    {
        var root = TomlParser.Parse("s = \"x\"\ni = 42\nf = 1.5\nb = true\nd = 1979-05-27T07:32:00Z\nt = {k = \"v\"}\na = [1]\n", "test");

        Assert.Equal(
            [TomlNodeKind.String, TomlNodeKind.Integer, TomlNodeKind.Float, TomlNodeKind.Boolean, TomlNodeKind.OffsetDateTime, TomlNodeKind.Table, TomlNodeKind.Array],
            root.Keys.Select(k => root[k]!.Kind));
        Assert.Equal("42", root["i"]!.Text);
        Assert.True(((TomlScalar)root["b"]!).Boolean);
        Assert.Null(root["s"]!.Get("x"));
        Assert.Empty(root["s"]!.Items);
        Assert.Empty(root["a"]!.Entries);
        Assert.Null(root["a"]!.Text);
        Assert.Null(root["i"]!.AsBoolean);
        Assert.Equal("v", root["t"]!.GetString("k"));
        Assert.Null(root.GetString("i"));
        Assert.Null(root.GetPath("t", "k", "deeper"));
        Assert.Equal(["a string", "an integer", "a float", "a boolean", "an offset date-time", "a table", "an array"], root.Entries.Select(e => e.Value.KindNameWithArticle));
    }

    [Fact]
    public void Wide_tables_are_searched_through_an_index_in_document_order()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 500; i++)
            text.Append('k').Append(i).Append(" = ").Append(i).Append('\n');
        var root = (TomlTable)TomlParser.Parse(text.ToString(), "test");

        Assert.Equal(500, root.Count);
        Assert.Equal("k0", root.Entries[0].Key);
        Assert.Equal("499", root["k499"]!.Text);
        Assert.Equal(250, root["k249"]!.Line);
        Assert.Null(root["k500"]);
        var duplicate = Assert.Throws<MalformedDataException>(() => TomlParser.Parse(text + "k123 = 0\n", "test"));
        Assert.Equal(501, duplicate.Line);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(127)]
    public void Nesting_within_the_limit_is_read(int depth)
    {
        var root = TomlParser.Parse("x = " + new string('[', depth) + new string(']', depth), "test");

        var node = root["x"]!;
        for (var i = 1; i < depth; i++)
            node = node.Items[0];
        Assert.Empty(node.Items);
    }

    [Theory]
    [InlineData("x = ", "[", 129)]
    [InlineData("x = ", "[", 100_000)]
    [InlineData("x = ", "{a = ", 100_000)]
    [InlineData("x = ", "{a.a.a.a = ", 100_000)]
    [InlineData("x = ", "[{a = [", 50_000)]
    [InlineData("x = ", "{a = [\n", 50_000)]
    public void Nesting_beyond_the_limit_is_one_error_not_a_stack_overflow(string prefix, string opener, int depth)
    {
        var text = prefix + string.Concat(Enumerable.Repeat(opener, depth));

        var ex = Assert.Throws<MalformedDataException>(() => TomlParser.Parse(text, "test"));
        Assert.Contains("depth", ex.Reason, StringComparison.Ordinal);
        Assert.NotNull(ex.Line);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("[[", "]]")]
    [InlineData("", " = 1")]
    public void Keys_with_too_many_parts_are_refused(string open, string close)
    {
        var text = open + string.Join('.', Enumerable.Repeat("a", 100_000)) + close;

        var ex = Assert.Throws<MalformedDataException>(() => TomlParser.Parse(text, "test"));
        Assert.Contains("depth", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_documents_are_read_whole()
    {
        var text = new StringBuilder();
        text.Append("filler = [").AppendJoin(',', Enumerable.Repeat("1", 200_000)).Append("]\n");
        text.Append("long = \"").Append('a', 4 * 1024 * 1024).Append("\"\n");
        text.Append("escaped = \"").Append(string.Concat(Enumerable.Repeat("\\u00e9x", 100_000))).Append("\"\n");
        for (var i = 0; i < 20_000; i++)
            text.Append("[[package]]\nname = \"p").Append(i).Append("\"\nfiles = [{file = \"f\", hash = \"sha256:00\"}]\n[package.dependencies]\nx = \">=1\"\n");
        var root = TomlParser.Parse(text.ToString(), "test");

        Assert.Equal(200_000, root["filler"]!.Items.Count);
        Assert.Equal(4 * 1024 * 1024, root["long"]!.Text!.Length);
        Assert.Equal(200_000, root["escaped"]!.Text!.Length);
        var packages = root["package"]!.Items;
        Assert.Equal(20_000, packages.Count);
        Assert.Equal("p19999", packages[^1].GetString("name"));
        Assert.Equal(4 + (5 * 19_999), packages[^1].Line);
    }

    [Fact]
    public void Many_errors_in_a_large_document_end_at_the_first()
    {
        var text = string.Concat(Enumerable.Repeat("a = [1,,]\n", 100_000));

        var ex = Assert.Throws<MalformedDataException>(() => TomlParser.Parse(text, "test"));
        Assert.Equal(1, ex.Line);
    }
}
