using ModelGate.Formats.Ini;

namespace ModelGate.Formats.Tests.Ini;

public sealed class IniReaderTests
{
    private static string Describe(string text)
    {
        var document = IniReader.Read(text);
        var parts = document.Sections.SelectMany(s => s.Options.Select(o =>
            $"[{s.Name}]{o.Key}@{o.Line}=" + string.Join(",", o.Values.Select(v => $"{v.Text}@{v.Line}")) + (o.IsSingleLine ? "" : " multi")));
        return string.Join(" | ", parts.Concat(document.Errors.Select(e => $"error@{e.Line}")));
    }

    [Theory]
    [InlineData("[a]\nk = v", "[a]k@2=v@2")]
    [InlineData("[a]\nk: v", "[a]k@2=v@2")]
    [InlineData("[a]\r\nk=v\r\n", "[a]k@2=v@2")]
    [InlineData("[a]\nk =\n    x\n    y", "[a]k@2=x@3,y@4 multi")]
    [InlineData("[a]\nk = first\n  second", "[a]k@2=first@2,second@3 multi")]
    [InlineData("[a]\nk =\n    x\n\n    y\nz = 1", "[a]k@2=x@3,y@5 multi | [a]z@6=1@6")]
    [InlineData("[a]\nk =\n    x\n    # not a value\n    ; nor this\n    y", "[a]k@2=x@3,y@6 multi")]
    [InlineData("# comment\n; comment\n[a]\nk = v # kept: no inline comments", "[a]k@4=v # kept: no inline comments@4")]
    [InlineData("[a]\nk = v\n[b]\nk = w", "[a]k@2=v@2 | [b]k@4=w@4")]
    [InlineData("[a]\nURL = x = y", "[a]URL@2=x = y@2")]
    [InlineData("[a]\nk =", "[a]k@2=")]
    [InlineData("k = v\n[a]", "error@1")]
    [InlineData("[a]\njunk", "error@2")]
    [InlineData("[a]\nk = 1\nk = 2", "[a]k@2=1@2 | [a]k@3=2@3 | error@3")]
    [InlineData("[a]\n[a]", "error@2")]
    public void Reads_configparser_syntax(string text, string expected) => Assert.Equal(expected, Describe(text));
}
