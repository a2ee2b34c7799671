using ModelGate.Formats;
using ModelGate.Formats.Lockfiles;

namespace ModelGate.Formats.Tests.Lockfiles;

public sealed class TomlTreeReaderTests
{
    private static List<int> ElementLines(TomlTable root, string key) =>
        ((TomlArray)root[key]!).Items.Select(i => i.Line).ToList();

    [Fact]
    public void Array_of_tables_elements_carry_their_header_lines()
    {
        var root = TomlTreeReader.Read("""
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
            """, "test");

        Assert.Equal([2, 8, 13], ElementLines(root, "package"));
        var first = (TomlTable)((TomlArray)root["package"]!).Items[0];
        Assert.Equal(5, first["dependencies"]!.Line);
    }

    [Fact]
    public void Empty_elements_and_reopened_arrays_keep_document_order()
    {
        var root = TomlTreeReader.Read("""
            [[package]]
            [[package]]
            name = "b"

            [metadata]
            x = 1

            [[package]]
            name = "c"
            """, "test");

        Assert.Equal([1, 2, 8], ElementLines(root, "package"));
        Assert.Equal(5, root["metadata"]!.Line);
    }

    [Fact]
    public void Nested_arrays_of_tables_resolve_their_own_headers()
    {
        var root = TomlTreeReader.Read("""
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
            ]
            """, "test");

        Assert.Equal([1, 10], ElementLines(root, "packages"));
        var numpy = (TomlTable)((TomlArray)root["packages"]!).Items[0];
        Assert.Equal([4, 7], ElementLines(numpy, "wheels"));
        var attrs = (TomlTable)((TomlArray)root["packages"]!).Items[1];
        Assert.Equal([13], ElementLines(attrs, "wheels"));
    }

    [Fact]
    public void Header_text_inside_a_multiline_string_is_not_taken_for_a_header()
    {
        var root = TomlTreeReader.Read("""
            [[package]]
            name = "a"
            description = '''
            [[package]]
            '''

            [[package]]
            name = "b"
            """, "test");

        Assert.Equal([1, 7], ElementLines(root, "package"));
    }

    [Theory]
    [InlineData("a = 1\na = 2\n", 2)]
    [InlineData("[t]\nx = 1\n[t.x]\ny = 2\n", 3)]
    [InlineData("a = [1]\na = [2]\n", 2)]
    public void Repeated_keys_are_invalid(string text, int line)
    {
        var ex = Assert.Throws<MalformedDataException>(() => TomlTreeReader.Read(text, "test"));
        Assert.Equal(line, ex.Line);
    }

    [Fact]
    public void Scalars_keep_their_kinds()
    {
        var root = TomlTreeReader.Read("s = \"x\"\ni = 42\nf = 1.5\nb = true\nd = 1979-05-27T07:32:00Z\n", "test");

        Assert.Equal(
            [TomlNodeKind.String, TomlNodeKind.Integer, TomlNodeKind.Float, TomlNodeKind.Boolean, TomlNodeKind.DateTime],
            root.Keys.Select(k => root[k]!.Kind));
        Assert.Equal("42", ((TomlScalar)root["i"]!).Text);
        Assert.True(((TomlScalar)root["b"]!).Boolean);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(100_000)]
    public void Nesting_beyond_the_limit_is_malformed(int depth)
    {
        var ex = Assert.Throws<MalformedDataException>(() => TomlTreeReader.Read("x = " + new string('[', depth) + new string(']', depth), "test"));
        Assert.Contains("depth", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Nesting_within_the_limit_is_read()
    {
        var root = TomlTreeReader.Read("x = " + new string('[', 100) + new string(']', 100), "test");
        Assert.IsType<TomlArray>(root["x"]);
    }
}
