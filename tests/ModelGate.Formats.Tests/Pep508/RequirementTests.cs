using ModelGate.Formats;
using ModelGate.Formats.Pep508;

namespace ModelGate.Formats.Tests.Pep508;

public sealed class RequirementTests
{
    [Theory]
    // text, name, normalized, extras, specifier, url, marker
    [InlineData("A", "A", "a", "", "", null, null)]
    [InlineData("A.B-C_D", "A.B-C_D", "a-b-c-d", "", "", null, null)]
    [InlineData("aa", "aa", "aa", "", "", null, null)]
    [InlineData("name", "name", "name", "", "", null, null)]
    [InlineData("name<=1", "name", "name", "", "<=1", null, null)]
    [InlineData("name>=3", "name", "name", "", ">=3", null, null)]
    [InlineData("name>=3,", "", "", "", "", null, null)]
    [InlineData("name>=3,<2", "name", "name", "", ">=3,<2", null, null)]
    [InlineData("name >= 3 , < 2", "name", "name", "", ">=3,<2", null, null)]
    [InlineData("name (>=3, <2)", "name", "name", "", ">=3,<2", null, null)]
    [InlineData("name==1.0.*", "name", "name", "", "==1.0.*", null, null)]
    [InlineData("name~=1.4.2", "name", "name", "", "~=1.4.2", null, null)]
    [InlineData("name!=1.5", "name", "name", "", "!=1.5", null, null)]
    [InlineData("name===1.0-weird+local", "name", "name", "", "===1.0-weird+local", null, null)]
    [InlineData("name==1!2.0.post1.dev3+abc.1", "name", "name", "", "==1!2.0.post1.dev3+abc.1", null, null)]
    [InlineData("name[quux, strange];python_version<'2.7' and platform_version=='2'", "name", "name", "quux,strange", "", null, "python_version<'2.7' and platform_version=='2'")]
    [InlineData("name[Foo_Bar,foo-bar]", "name", "name", "foo-bar", "", null, null)]
    [InlineData("name[]", "name", "name", "", "", null, null)]
    [InlineData("name; os_name=='a' or os_name=='b'", "name", "name", "", "", null, "os_name=='a' or os_name=='b'")]
    [InlineData("name; os_name=='a' and os_name=='b' or os_name=='c'", "name", "name", "", "", null, "os_name=='a' and os_name=='b' or os_name=='c'")]
    [InlineData("name; (os_name=='a' or os_name=='b') and os_name=='c'", "name", "name", "", "", null, "(os_name=='a' or os_name=='b') and os_name=='c'")]
    [InlineData("name@http://foo.com", "name", "name", "", "", "http://foo.com", null)]
    [InlineData("name [fred,bar] @ http://foo.com ; python_version=='2.7'", "name", "name", "fred,bar", "", "http://foo.com", "python_version=='2.7'")]
    [InlineData("name @ git+https://github.com/org/repo@v1.0#egg=name", "name", "name", "", "", "git+https://github.com/org/repo@v1.0#egg=name", null)]
    [InlineData("name @ http://x;python_version<'3'", "name", "name", "", "", "http://x;python_version<'3'", null)]
    [InlineData("name @ file:///tmp/x;y.whl", "name", "name", "", "", "file:///tmp/x;y.whl", null)]
    [InlineData("name; sys.platform == 'win32' and os.name == 'nt'", "name", "name", "", "", null, "sys.platform == 'win32' and os.name == 'nt'")]
    [InlineData("name; 'linux' in sys_platform", "name", "name", "", "", null, "'linux' in sys_platform")]
    [InlineData("name; 'win' not in sys_platform", "name", "name", "", "", null, "'win' not in sys_platform")]
    [InlineData("name; extra == \"Test_Extra\"", "name", "name", "", "", null, "extra == \"Test_Extra\"")]
    [InlineData("name;python_version>\"3\"and os_name==\"nt\"", "name", "name", "", "", null, "python_version>\"3\"and os_name==\"nt\"")]
    [InlineData("  name  ", "name", "name", "", "", null, null)]
    public void Parses_valid_requirements(string text, string name, string normalized, string extras, string specifier, string? url, string? marker)
    {
        if (name.Length == 0)
        {
            Assert.False(Requirement.TryParse(text, out _, out _));
            return;
        }
        var requirement = Requirement.Parse(text);
        Assert.Equal(
            (name, normalized, extras, specifier, url, marker),
            (requirement.Name, requirement.NormalizedName, string.Join(',', requirement.Extras), requirement.Specifier, requirement.Url, requirement.MarkerText));
    }

    [Theory]
    // text, 1-based column named in the error, a fragment of the message
    [InlineData("", 1, "expected a package name")]
    [InlineData("=1.0", 1, "expected a package name, found '='")]
    [InlineData("name-", 5, "not a valid package name")]
    [InlineData("-name", 1, "not a valid package name")]
    [InlineData("name>=", 7, "expected a version after '>='")]
    [InlineData("name>=1.0,", 11, "expected a version operator")]
    [InlineData("name[extra", 11, "expected ']'")]
    [InlineData("name[extra,]", 12, "expected a package name")]
    [InlineData("name (>=1.0", 12, "expected ')'")]
    [InlineData("name @", 7, "expected a URL")]
    [InlineData("name @ http://x ; python_version<'3' junk", 38, "unexpected 'j'")]
    [InlineData("name 1.0", 6, "unexpected '1'")]
    [InlineData("name;", 6, "expected a marker variable or string but the marker ended")]
    [InlineData("name; os_name", 14, "expected a marker operator")]
    [InlineData("name; os_name == ", 18, "expected a marker variable or string")]
    [InlineData("name; unknown_var == 'x'", 7, "unknown marker variable 'unknown_var'")]
    [InlineData("name; os_name == 'x", 18, "unterminated string")]
    [InlineData("name; os_name not 'x'", 18, "expected 'in' after 'not'")]
    [InlineData("name; (os_name == 'x'", 22, "expected ')'")]
    public void Reports_errors_with_the_column(string text, int column, string fragment)
    {
        var ex = Assert.Throws<MalformedDataException>(() => Requirement.Parse(text));
        Assert.Equal("pep508", ex.Format);
        Assert.StartsWith($"column {column}:", ex.Reason, StringComparison.Ordinal);
        Assert.Contains(fragment, ex.Reason, StringComparison.Ordinal);
        Assert.False(Requirement.TryParse(text, out _, out var error));
        Assert.Equal(ex.Reason, error);
    }

    [Fact]
    public void Refuses_a_requirement_longer_than_the_limit_without_parsing_it()
    {
        var text = "name>=" + new string('1', ReaderLimits.MaxRequirementLength);

        var ex = Assert.Throws<MalformedDataException>(() => Requirement.Parse(text));

        Assert.Contains("limit", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_markers_nested_past_the_limit()
    {
        var depth = ReaderLimits.MaxMarkerDepth + 1;
        var text = "name; " + new string('(', depth) + "os_name == 'x'" + new string(')', depth);

        var ex = Assert.Throws<MalformedDataException>(() => Requirement.Parse(text));

        Assert.Contains("deeper than", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_markers_nested_to_the_limit()
    {
        var depth = ReaderLimits.MaxMarkerDepth;
        var text = "name; " + new string('(', depth) + "os_name == 'x'" + new string(')', depth);

        Assert.NotNull(Requirement.Parse(text).Marker);
    }
}
