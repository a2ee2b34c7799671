using ModelGate.Formats.Pep440;

namespace ModelGate.Formats.Tests.Pep440;

public class VersionSpecifierTests
{
    [Theory]
    [InlineData("==1.0", SpecifierOperator.Equal, "1.0", false)]
    [InlineData("!=1.0", SpecifierOperator.NotEqual, "1.0", false)]
    [InlineData("<=1.0", SpecifierOperator.LessThanOrEqual, "1.0", false)]
    [InlineData(">=1.0", SpecifierOperator.GreaterThanOrEqual, "1.0", false)]
    [InlineData("<1.0", SpecifierOperator.LessThan, "1.0", false)]
    [InlineData(">1.0", SpecifierOperator.GreaterThan, "1.0", false)]
    [InlineData("~=1.0", SpecifierOperator.CompatibleRelease, "1.0", false)]
    [InlineData("===1.0", SpecifierOperator.ArbitraryEqual, "1.0", false)]
    [InlineData(" == 1.2.* ", SpecifierOperator.Equal, "1.2.*", true)]
    [InlineData("!=V1.2.*", SpecifierOperator.NotEqual, "V1.2.*", true)]
    [InlineData(">=\t1.0-ALPHA", SpecifierOperator.GreaterThanOrEqual, "1.0-ALPHA", false)]
    [InlineData("===1.*", SpecifierOperator.ArbitraryEqual, "1.*", false)]
    public void Each_operator_is_read_with_the_version_as_written(string text, SpecifierOperator op, string version, bool wildcard)
    {
        var specifier = VersionSpecifier.Parse(text);

        Assert.Equal(op, specifier.Operator);
        Assert.Equal(version, specifier.Version);
        Assert.Equal(wildcard, specifier.IsWildcard);
        Assert.True(VersionSpecifier.TryParse(text, out var viaTry));
        Assert.Equal(specifier.ToString(), viaTry.ToString());
        Assert.Equal(specifier.ToString(), VersionSpecifier.Parse(text.AsSpan()).ToString());
    }

    [Theory]
    [InlineData(">= 1.0", ">=1.0")]
    [InlineData("~=2.2.POST3", "~=2.2.post3")]
    [InlineData("== 1.2.*", "==1.2.*")]
    [InlineData("!=v01.02.*", "!=1.2.*")]
    [InlineData("<1!2.0.DEV", "<1!2.0.dev0")]
    [InlineData("==1.0+Ubuntu-1", "==1.0+ubuntu.1")]
    [InlineData("=== Foo-Bar", "===Foo-Bar")]
    public void ToString_gives_the_normal_form(string text, string expected) =>
        Assert.Equal(expected, VersionSpecifier.Parse(text).ToString());

    [Theory]
    [InlineData("==1.0", true, "1.0")]
    [InlineData("==v1.0.0", true, "1.0.0")]
    [InlineData("==1.0+local", true, "1.0+local")]
    [InlineData("===1.0-SNAPSHOT", true, "1.0-SNAPSHOT")]
    [InlineData("==1.0.*", false, null)]
    [InlineData("!=1.0", false, null)]
    [InlineData(">=1.0", false, null)]
    [InlineData("<=1.0", false, null)]
    [InlineData("~=1.0", false, null)]
    public void Only_exact_and_arbitrary_equality_pin_a_version(string text, bool pinned, string? version)
    {
        var specifier = VersionSpecifier.Parse(text);

        Assert.Equal(pinned, specifier.IsPinned);
        Assert.Equal(version, specifier.PinnedVersion);
    }

    [Theory]
    [InlineData("==1.1.*", "1.1a1", null, false)]
    [InlineData("==1.1.*", "1.1a1", true, true)]
    [InlineData("==1.1.*", "1.1a1", false, false)]
    [InlineData(">=1.0b1", "1.1a1", null, true)]
    [InlineData(">=1.0b1", "1.1a1", false, false)]
    [InlineData(">=1.0", "1.1.dev1", null, false)]
    [InlineData(">=1.0", "1.1.dev1", true, true)]
    [InlineData("!=1.0a1", "1.1a1", null, false)]
    [InlineData("!=1.0a1", "1.1a1", true, true)]
    [InlineData("===1.0a1", "1.0a1", null, true)]
    [InlineData("<2", "1.1", false, true)]
    public void A_clause_admits_prereleases_only_when_allowed_or_when_it_names_one(string text, string candidate, bool? allow, bool expected) =>
        Assert.Equal(expected, VersionSpecifier.Parse(text).IsSatisfiedBy(PythonVersion.Parse(candidate), allow));

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("1.0", "does not start with")]
    [InlineData(">=", "no version after the operator")]
    [InlineData(">=1.0 .1", "whitespace")]
    [InlineData(">=1.*", "only with == and !=")]
    [InlineData("==1.0.dev1.*", "development release")]
    [InlineData("==1.0+local.*", "local version label")]
    [InlineData(">=1.0+local", "allowed only with ==, != and ===")]
    [InlineData("~=1", "at least two")]
    [InlineData("===1.0;", "';'")]
    [InlineData("==1.0-", "'1.0-' is not a valid version: unexpected '-' at index 3")]
    public void Invalid_clauses_are_rejected_with_a_specific_reason(string text, string reason)
    {
        Assert.False(VersionSpecifier.TryParse(text, out var none));
        Assert.Null(none);
        var error = Assert.Throws<MalformedDataException>(() => VersionSpecifier.Parse(text));
        Assert.Equal("pep440", error.Format);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_API_misuse_for_Parse_IsSatisfiedBy_and_Contains()
    {
        Assert.Throws<ArgumentNullException>(() => VersionSpecifier.Parse((string)null!));
        Assert.False(VersionSpecifier.TryParse((string?)null, out _));
        Assert.Throws<ArgumentNullException>(() => VersionSpecifier.Parse(">=1").IsSatisfiedBy(null!));
        Assert.Throws<ArgumentNullException>(() => SpecifierSet.Parse(">=1").Contains(null!));
        Assert.Throws<ArgumentNullException>(() => SpecifierSet.Parse((string)null!));
        Assert.False(SpecifierSet.TryParse((string?)null, out _));
    }
}
