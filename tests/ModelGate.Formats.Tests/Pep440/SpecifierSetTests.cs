using ModelGate.Formats.Pep440;

namespace ModelGate.Formats.Tests.Pep440;

public class SpecifierSetTests
{
    public static TheoryData<string, string, string> Memberships
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var line in Pep440Fixtures.Lines("specifiers.txt"))
            {
                var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 3)
                    throw new InvalidDataException($"specifiers.txt: expected 'VERSION VERB SPECIFIERS' in '{line}'");
                data.Add(parts[0], parts[1], parts[2]);
            }
            return data;
        }
    }

    public static TheoryData<string> InvalidSets => [.. Pep440Fixtures.Lines("invalid-specifiers.txt")];

    public static TheoryData<string, string> Normalizations => Pep440Fixtures.Pairs("specifier-normalization.txt", " -> ");

    [Theory]
    [MemberData(nameof(Memberships))]
    public void Each_line_of_specifiers_txt_holds(string version, string verb, string specifiers)
    {
        var candidate = PythonVersion.ParseLenient(version);
        var set = SpecifierSet.Parse(Pep440Fixtures.Empty(specifiers));

        var (prereleases, expected) = verb switch
        {
            "in" => ((bool?)null, true),
            "not-in" => (null, false),
            "in-pre" => (true, true),
            "not-in-pre" => (true, false),
            "in-nopre" => (false, true),
            "not-in-nopre" => (false, false),
            _ => throw new InvalidDataException($"specifiers.txt: unknown verb '{verb}'"),
        };

        Assert.Equal(expected, set.Contains(candidate, prereleases));
        if (set.Specifiers.Count == 1)
            Assert.Equal(expected, set.Specifiers[0].IsSatisfiedBy(candidate, prereleases));
    }

    [Theory]
    [MemberData(nameof(InvalidSets))]
    public void Sets_in_invalid_specifiers_txt_are_rejected(string text)
    {
        Assert.False(SpecifierSet.TryParse(text, out var none));
        Assert.Null(none);
        Assert.False(SpecifierSet.TryParse(text.AsSpan(), out _));
        var error = Assert.Throws<MalformedDataException>(() => SpecifierSet.Parse(text));
        Assert.Equal("pep440", error.Format);
        Assert.Contains("clause", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Normalizations))]
    public void Sets_in_specifier_normalization_txt_print_in_normal_form(string input, string expected)
    {
        var set = SpecifierSet.Parse(Pep440Fixtures.Empty(input));

        Assert.Equal(Pep440Fixtures.Empty(expected), set.ToString());
        Assert.Equal(set.ToString(), SpecifierSet.Parse(set.ToString()).ToString());
    }

    [Fact]
    public void Clauses_keep_their_declared_order()
    {
        var set = SpecifierSet.Parse(" <2.0 , >=1.0, !=1.5 ");

        Assert.Equal(
            [SpecifierOperator.LessThan, SpecifierOperator.GreaterThanOrEqual, SpecifierOperator.NotEqual],
            set.Specifiers.Select(s => s.Operator));
        Assert.Equal(["2.0", "1.0", "1.5"], set.Specifiers.Select(s => s.Version));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" , ,")]
    public void Blank_text_is_the_empty_set(string text)
    {
        var set = SpecifierSet.Parse(text);

        Assert.Empty(set.Specifiers);
        Assert.Same(SpecifierSet.Empty, set);
        Assert.Equal("", set.ToString());
    }

    [Theory]
    [InlineData("==1.0", "1.0")]
    [InlineData("== v1.0.0", "1.0.0")]
    [InlineData("==1.0-1", "1.0.post1")]
    [InlineData("==1.0+Local", "1.0+local")]
    [InlineData("===1.0-SNAPSHOT", "1.0-SNAPSHOT")]
    [InlineData(" === FooBar ", "FooBar")]
    public void A_single_pinning_clause_gives_its_pinned_version(string text, string expected)
    {
        Assert.True(SpecifierSet.Parse(text).TryGetPinnedVersion(out var pinned));
        Assert.Equal(expected, pinned);
    }

    [Theory]
    [InlineData("")]
    [InlineData("==1.0.*")]
    [InlineData(">=1.0")]
    [InlineData("~=1.0")]
    [InlineData("!=1.0")]
    [InlineData("==1.0,==1.0")]
    [InlineData("==1.0,>=0.9")]
    public void Anything_but_a_single_pinning_clause_has_no_pinned_version(string text)
    {
        Assert.False(SpecifierSet.Parse(text).TryGetPinnedVersion(out var pinned));
        Assert.Null(pinned);
    }

    [Theory]
    [InlineData(">=1.0", "0.9 1.0 1.1a1 1.1 2.0.dev1 2.0", "1.0 1.1 2.0")]
    [InlineData(">=1.0", "0.9 1.1a1 2.0.dev1", "1.1a1 2.0.dev1")]
    [InlineData(">=1.0", "0.9 1.1a1 1.5 2.0.dev1", "1.5")]
    [InlineData("<1.0", "1.1a1 2.0.dev1", "")]
    [InlineData(">=1.0b1", "0.9 1.0b1 1.0 1.1a1", "1.0b1 1.0 1.1a1")]
    [InlineData("", "1.0a1 1.0.dev1 2004d", "2004d")]
    [InlineData("", "1.0a1 1.0.dev1", "1.0a1 1.0.dev1")]
    [InlineData("~=2.2,!=2.3", "2.2 2.3 2.4rc1 2.5 3.0", "2.2 2.5")]
    [InlineData("!=1.0", "2004d 1.0 2.0", "2.0")]
    [InlineData("===2004d", "2004d 1.0", "2004d")]
    public void Filter_excludes_prereleases_unless_no_final_release_matches(string specifiers, string candidates, string expected)
    {
        var set = SpecifierSet.Parse(specifiers);
        var versions = Split(candidates).Select(PythonVersion.ParseLenient);

        var filtered = set.Filter(versions).Select(v => v.ToString());

        Assert.Equal(Split(expected), filtered);
    }

    [Theory]
    [InlineData(">=1.0", true, "0.9 1.0 1.1a1 2.0.dev1", "1.0 1.1a1 2.0.dev1")]
    [InlineData(">=1.0", false, "0.9 1.1a1 2.0.dev1", "")]
    [InlineData(">=1.0b1", false, "1.0b1 1.0 1.1a1", "1.0")]
    [InlineData("", true, "2.0 1.0a1", "2.0 1.0a1")]
    public void Filter_with_an_explicit_prerelease_choice_applies_it_to_every_version(string specifiers, bool prereleases, string candidates, string expected)
    {
        var set = SpecifierSet.Parse(specifiers);
        var versions = Split(candidates).Select(PythonVersion.ParseLenient);

        var filtered = set.Filter(versions, prereleases).Select(v => v.ToString());

        Assert.Equal(Split(expected), filtered);
    }

    [Fact]
    public void Filter_reads_its_input_lazily_and_only_once()
    {
        var reads = 0;
        IEnumerable<PythonVersion> Source()
        {
            foreach (var text in new[] { "1.0a1", "1.0", "2.0" })
            {
                reads++;
                yield return PythonVersion.Parse(text);
            }
        }

        var filtered = SpecifierSet.Parse(">=0.1").Filter(Source());
        Assert.Equal(0, reads);

        Assert.Equal(["1.0", "2.0"], filtered.Select(v => v.ToString()));
        Assert.Equal(3, reads);
    }

    [Fact]
    public void Parse_error_names_the_failing_clause_and_why()
    {
        var error = Assert.Throws<MalformedDataException>(() => SpecifierSet.Parse(">=1.0, ~=1, <3"));

        Assert.Contains("clause 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("~=", error.Message, StringComparison.Ordinal);
        Assert.Contains("two", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_longer_than_MaxRequirementLength_is_rejected()
    {
        var text = string.Join(",", Enumerable.Repeat(">=1.0", (ReaderLimits.MaxRequirementLength / 6) + 1));

        Assert.False(SpecifierSet.TryParse(text, out _));
        Assert.Throws<MalformedDataException>(() => SpecifierSet.Parse(text));
    }

    private static string[] Split(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
