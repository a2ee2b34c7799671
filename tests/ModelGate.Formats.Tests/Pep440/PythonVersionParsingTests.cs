using System.Numerics;
using ModelGate.Formats.Pep440;

namespace ModelGate.Formats.Tests.Pep440;

public class PythonVersionParsingTests
{
    public static TheoryData<string, string> Normalizations => Pep440Fixtures.Pairs("normalization.txt", " -> ");

    public static TheoryData<string> InvalidVersions => [.. Pep440Fixtures.Lines("invalid.txt")];

    [Theory]
    [MemberData(nameof(Normalizations))]
    public void Every_spelling_in_normalization_txt_parses_to_its_normal_form(string input, string expected)
    {
        var text = Pep440Fixtures.Unescape(input);

        var version = PythonVersion.Parse(text);

        Assert.Equal(expected, version.ToString());
        Assert.Equal(text, version.Original);
        Assert.False(version.IsLegacy);
        Assert.Equal(version, PythonVersion.Parse(expected));
        Assert.Equal(expected, PythonVersion.Parse(text.AsSpan()).ToString());
        Assert.True(PythonVersion.TryParse(text, out var viaTry));
        Assert.Equal(expected, viaTry.ToString());
        Assert.Equal(expected, PythonVersion.ParseLenient(text).ToString());
    }

    [Theory]
    [MemberData(nameof(InvalidVersions))]
    public void Strings_in_invalid_txt_are_rejected_by_Parse_and_TryParse_and_become_legacy_with_ParseLenient(string input)
    {
        var text = Pep440Fixtures.Unescape(input);

        var error = Assert.Throws<MalformedDataException>(() => PythonVersion.Parse(text));
        Assert.Equal("pep440", error.Format);
        Assert.Throws<MalformedDataException>(() => PythonVersion.Parse(text.AsSpan()));
        Assert.False(PythonVersion.TryParse(text, out var none));
        Assert.Null(none);
        Assert.False(PythonVersion.TryParse(text.AsSpan(), out _));

        var legacy = PythonVersion.ParseLenient(text);
        Assert.True(legacy.IsLegacy);
        Assert.Equal(text, legacy.Original);
    }

    [Theory]
    [InlineData("1!2.3.4rc5.post6.dev7+Local-8", 1, new[] { 2, 3, 4 }, PreReleaseKind.ReleaseCandidate, 5, 6, 7, "local.8")]
    [InlineData("1.0", 0, new[] { 1, 0 }, null, null, null, null, null)]
    [InlineData("1.0a", 0, new[] { 1, 0 }, PreReleaseKind.Alpha, 0, null, null, null)]
    [InlineData("1.0beta2", 0, new[] { 1, 0 }, PreReleaseKind.Beta, 2, null, null, null)]
    [InlineData("1.0c3", 0, new[] { 1, 0 }, PreReleaseKind.ReleaseCandidate, 3, null, null, null)]
    [InlineData("1.0-4", 0, new[] { 1, 0 }, null, null, 4, null, null)]
    [InlineData("1.0.dev", 0, new[] { 1, 0 }, null, null, null, 0, null)]
    [InlineData("2.0.0+ubuntu_1", 0, new[] { 2, 0, 0 }, null, null, null, null, "ubuntu.1")]
    [InlineData("1.2.3.4.0.0", 0, new[] { 1, 2, 3, 4, 0, 0 }, null, null, null, null, null)]
    [InlineData("1.2.3.4.5.6.dev4096", 0, new[] { 1, 2, 3, 4, 5, 6 }, null, null, null, 4096, null)]
    [InlineData("3!0.post4096", 3, new[] { 0 }, null, null, 4096, null, null)]
    public void Properties_expose_each_segment(
        string text, int epoch, int[] release, PreReleaseKind? preKind, int? preNumber, int? post, int? dev, string? local)
    {
        var version = PythonVersion.Parse(text);

        Assert.Equal(epoch, version.Epoch);
        Assert.Equal(release.Select(n => new BigInteger(n)), version.Release);
        Assert.Equal(preKind is null ? null : new PreRelease(preKind.Value, preNumber!.Value), version.Pre);
        Assert.Equal(post is null ? null : new BigInteger(post.Value), version.Post);
        Assert.Equal(dev is null ? null : new BigInteger(dev.Value), version.Dev);
        Assert.Equal(local, version.Local);
        Assert.Equal(preKind is not null || dev is not null, version.IsPrerelease);
        Assert.Equal(post is not null, version.IsPostRelease);
        Assert.Equal(dev is not null, version.IsDevRelease);
        Assert.Equal(local is not null, version.IsLocal);
    }

    [Theory]
    [InlineData("1.0a1", "a1")]
    [InlineData("1.0beta", "b0")]
    [InlineData("1.0preview7", "rc7")]
    public void PreRelease_prints_the_normalized_segment(string text, string expected) =>
        Assert.Equal(expected, PythonVersion.Parse(text).Pre.ToString());

    [Theory]
    [InlineData("1!2.0rc1.post2.dev3+local", "1!2.0rc1.post2.dev3", "1!2.0")]
    [InlineData("1.0+local", "1.0", "1.0")]
    [InlineData("1.0.dev1", "1.0.dev1", "1.0")]
    [InlineData("1.0", "1.0", "1.0")]
    public void PublicVersion_drops_the_local_label_and_BaseVersion_keeps_epoch_and_release(string text, string expectedPublic, string expectedBase)
    {
        var version = PythonVersion.Parse(text);

        Assert.Equal(expectedPublic, version.PublicVersion.ToString());
        Assert.Equal(expectedBase, version.BaseVersion.ToString());
        Assert.False(version.PublicVersion.IsLocal);
    }

    [Fact]
    public void A_version_that_is_already_normal_and_its_derived_forms_are_the_same_object()
    {
        var version = PythonVersion.Parse("1.0");

        Assert.Same(version, version.PublicVersion);
        Assert.Same(version, version.BaseVersion);
        Assert.Same(version.Original, version.ToString());
    }

    [Fact]
    public void Numbers_longer_than_64_bits_keep_their_exact_value()
    {
        var version = PythonVersion.Parse("123456789012345678901234567890!18446744073709551616.0a99999999999999999999999.post00000000000000000000000000007");

        Assert.Equal(BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture), version.Epoch);
        Assert.Equal(BigInteger.Parse("18446744073709551616", System.Globalization.CultureInfo.InvariantCulture), version.Release[0]);
        Assert.Equal(BigInteger.Parse("99999999999999999999999", System.Globalization.CultureInfo.InvariantCulture), version.Pre!.Value.Number);
        Assert.Equal(new BigInteger(7), version.Post);
        Assert.Equal("123456789012345678901234567890!18446744073709551616.0a99999999999999999999999.post7", version.ToString());
    }

    [Fact]
    public void A_release_of_64_segments_parses_and_one_of_65_is_rejected()
    {
        var atLimit = string.Join(".", Enumerable.Repeat("1", ReaderLimits.MaxReleaseSegments));
        var overLimit = atLimit + ".1";

        Assert.Equal(ReaderLimits.MaxReleaseSegments, PythonVersion.Parse(atLimit).Release.Count);
        var error = Assert.Throws<MalformedDataException>(() => PythonVersion.Parse(overLimit));
        Assert.Contains("release segments", error.Message, StringComparison.Ordinal);
        Assert.Throws<MalformedDataException>(() => PythonVersion.ParseLenient(overLimit));
    }

    [Fact]
    public void Text_longer_than_MaxRequirementLength_is_rejected_even_by_ParseLenient()
    {
        var tooLong = "1." + new string('0', ReaderLimits.MaxRequirementLength);

        Assert.False(PythonVersion.TryParse(tooLong, out _));
        var error = Assert.Throws<MalformedDataException>(() => PythonVersion.Parse(tooLong));
        Assert.Contains("longer than", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 300, "the message quotes only the start of the input");
        Assert.Throws<MalformedDataException>(() => PythonVersion.ParseLenient(tooLong));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n\r\f\v")]
    public void Empty_or_whitespace_text_is_rejected_by_every_parse_method(string text)
    {
        Assert.False(PythonVersion.TryParse(text, out _));
        Assert.Throws<MalformedDataException>(() => PythonVersion.Parse(text));
        Assert.Throws<MalformedDataException>(() => PythonVersion.ParseLenient(text));
    }

    [Fact]
    public void Null_is_API_misuse_for_Parse_and_a_plain_false_for_TryParse()
    {
        Assert.Throws<ArgumentNullException>(() => PythonVersion.Parse((string)null!));
        Assert.Throws<ArgumentNullException>(() => PythonVersion.ParseLenient(null!));
        Assert.False(PythonVersion.TryParse((string?)null, out _));
    }

    [Theory]
    [InlineData("1.0-", "unexpected '-' at index 3")]
    [InlineData("1.0+foo..bar", "found '.' at index 8")]
    [InlineData("v", "expected a digit at index 1, found the end")]
    [InlineData("1!x", "expected a digit at index 2, found 'x'")]
    [InlineData("1.0\u0001", "'\\u0001'")]
    public void Parse_errors_name_the_offending_character_and_its_index(string text, string expectedFragment)
    {
        var error = Assert.Throws<MalformedDataException>(() => PythonVersion.Parse(text));

        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("pep440: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2004d", "2004d")]
    [InlineData("  1.0-SNAPSHOT\n", "1.0-SNAPSHOT")]
    [InlineData("dev", "dev")]
    public void Legacy_versions_print_their_trimmed_text_and_have_no_PEP_440_segments(string text, string expected)
    {
        var legacy = PythonVersion.ParseLenient(text);

        Assert.True(legacy.IsLegacy);
        Assert.Equal(expected, legacy.ToString());
        Assert.Equal(text, legacy.Original);
        Assert.Equal(BigInteger.MinusOne, legacy.Epoch);
        Assert.Empty(legacy.Release);
        Assert.Null(legacy.Pre);
        Assert.Null(legacy.Post);
        Assert.Null(legacy.Dev);
        Assert.Null(legacy.Local);
        Assert.False(legacy.IsPrerelease);
        Assert.Same(legacy, legacy.PublicVersion);
        Assert.Same(legacy, legacy.BaseVersion);
    }

    [Fact]
    public void ParseLenient_returns_a_valid_version_for_valid_text()
    {
        var version = PythonVersion.ParseLenient("1.0-1");

        Assert.False(version.IsLegacy);
        Assert.Equal("1.0.post1", version.ToString());
    }

    [Fact]
    public void The_generic_ISpanParsable_entry_points_parse_like_Parse()
    {
        Assert.Equal("1.0rc1", ParseGeneric<PythonVersion>("1.0c1").ToString());
        Assert.True(TryParseGeneric<PythonVersion>("1.0-1".AsSpan(), out var parsed));
        Assert.Equal("1.0.post1", parsed!.ToString());
        Assert.False(TryParseGeneric<PythonVersion>("1.0-".AsSpan(), out _));
    }

    private static T ParseGeneric<T>(string s) where T : IParsable<T> => T.Parse(s, null);

    private static bool TryParseGeneric<T>(ReadOnlySpan<char> s, out T? value) where T : ISpanParsable<T> => T.TryParse(s, null, out value);
}
