using FsCheck.Xunit;
using ModelGate.Formats.Pep440;

namespace ModelGate.Formats.Tests.Pep440;

/// <summary>Hostile text: every entry point either succeeds or fails with <see cref="MalformedDataException"/>.</summary>
[Properties(Arbitrary = [typeof(Pep440Arbitraries)], MaxTest = 3000)]
public class Pep440FuzzTests
{
    [Property]
    public void Version_Parse_fails_only_with_MalformedDataException_and_TryParse_agrees(string text)
    {
        var parsed = PythonVersion.TryParse(text, out var viaTry);

        var thrown = Record.Exception(() => PythonVersion.Parse(text));

        Assert.True(thrown is null or MalformedDataException, thrown?.ToString());
        Assert.Equal(parsed, thrown is null);
        Assert.Equal(parsed, viaTry is not null);
    }

    [Property]
    public void ParseLenient_accepts_every_non_blank_text(string text)
    {
        var thrown = Record.Exception(() => PythonVersion.ParseLenient(text));

        Assert.True(thrown is null || (thrown is MalformedDataException && string.IsNullOrWhiteSpace(text)), thrown?.ToString());
    }

    [Property]
    public void Lenient_versions_keep_a_total_order(string x, string y)
    {
        if (string.IsNullOrWhiteSpace(x) || string.IsNullOrWhiteSpace(y))
            return;
        var a = PythonVersion.ParseLenient(x);
        var b = PythonVersion.ParseLenient(y);

        Assert.Equal(-Math.Sign(a.CompareTo(b)), Math.Sign(b.CompareTo(a)));
        Assert.Equal(a.CompareTo(b) == 0, a.Equals(b));
        if (a.Equals(b))
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Property]
    public void Specifier_parsing_fails_only_with_MalformedDataException_and_TryParse_agrees(string text)
    {
        var clauseParsed = VersionSpecifier.TryParse(text, out _);
        var setParsed = SpecifierSet.TryParse(text, out var set);

        var clauseThrown = Record.Exception(() => VersionSpecifier.Parse(text));
        var setThrown = Record.Exception(() => SpecifierSet.Parse(text));

        Assert.True(clauseThrown is null or MalformedDataException, clauseThrown?.ToString());
        Assert.True(setThrown is null or MalformedDataException, setThrown?.ToString());
        Assert.Equal(clauseParsed, clauseThrown is null);
        Assert.Equal(setParsed, setThrown is null);
        if (set is not null)
            Assert.Equal(set.ToString(), SpecifierSet.Parse(set.ToString()).ToString());
    }
}
