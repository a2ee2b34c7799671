using ModelGate.Formats.CoreMetadata;

namespace ModelGate.Formats.Tests.CoreMetadata;

public sealed class CoreMetadataReaderTests
{
    [Fact]
    public void Reads_fields_multiple_use_fields_and_continuations_and_stops_at_the_body()
    {
        const string text = "Metadata-Version: 2.1\nName: Example_Pkg\nVersion: 1.0.post1\nSummary: first\n  second\n\tthird\nRequires-Dist: a>=1\nrequires-dist: b ; extra == 'x'\n\nName: body-text\n";
        var document = CoreMetadataReader.Read(text);

        Assert.Equal("2.1", document.MetadataVersion);
        Assert.Equal(new MetadataField("Name", "Example_Pkg", 2), document.Get("name"));
        Assert.Equal("first\nsecond\nthird", document.Get("Summary")!.Value);
        Assert.Equal([("a>=1", 7), ("b ; extra == 'x'", 8)], document.GetAll("Requires-Dist").Select(f => (f.Value, f.Line)).ToArray());
        Assert.Single(document.GetAll("Name"));
    }

    [Theory]
    [InlineData("Metadata-Version: 1.0\r\nName: crlf\r\nVersion: 2\r\n", "crlf")]
    [InlineData("Name:nospace\nVersion: 1", "nospace")]
    [InlineData("Name: last-line-without-newline", "last-line-without-newline")]
    public void Line_endings_and_spacing(string text, string name) =>
        Assert.Equal(name, CoreMetadataReader.Read(text).Get("Name")!.Value);

    [Theory]
    [InlineData("  continuation first\nName: x", 1)]
    [InlineData("Name: x\nthis line has no colon\n", 2)]
    [InlineData("Name: x\nBad Name: y\n", 2)]
    public void Malformed_headers_throw_with_the_line(string text, int line)
    {
        var ex = Assert.Throws<MalformedDataException>(() => CoreMetadataReader.Read(text));
        Assert.Equal(line, ex.Line);
    }

    [Fact]
    public void Field_longer_than_the_limit_throws()
    {
        var text = "Name: x\nDescription: a\n" + string.Concat(Enumerable.Repeat("        |" + new string('y', 1000) + "\n", 2000));
        var ex = Assert.Throws<MalformedDataException>(() => CoreMetadataReader.Read(text));
        Assert.Equal(2, ex.Line);
    }
}
