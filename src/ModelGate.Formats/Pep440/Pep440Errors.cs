using System.Text;

namespace ModelGate.Formats.Pep440;

/// <summary>Builds the <see cref="MalformedDataException"/>s of this folder; only on the throwing path.</summary>
internal static class Pep440Errors
{
    public const string Format = "pep440";

    private const int MaxQuotedLength = 80;

    public static MalformedDataException InvalidVersion(ReadOnlySpan<char> input, VersionParseError error, int index) =>
        new(Format, $"{Quote(input)} is not a valid version: {Describe(input, error, index)}");

    public static string Describe(ReadOnlySpan<char> input, VersionParseError error, int index) => error switch
    {
        VersionParseError.Empty => "it is empty",
        VersionParseError.TooLong => $"it is longer than {ReaderLimits.MaxRequirementLength} characters",
        VersionParseError.TooManyReleaseSegments => $"it has more than {ReaderLimits.MaxReleaseSegments} release segments",
        VersionParseError.ExpectedDigit => $"expected a digit at index {index}, found {Character(input, index)}",
        VersionParseError.InvalidLocalLabel =>
            $"the local version label holds ASCII letters and digits in segments separated by '.', '-' or '_'; found {Character(input, index)} at index {index}",
        _ => $"unexpected {Character(input, index)} at index {index}",
    };

    public static MalformedDataException InvalidSpecifier(ReadOnlySpan<char> input, string reason) =>
        new(Format, $"{Quote(input)} is not a valid version specifier: {reason}");

    public static MalformedDataException InvalidSpecifierSet(ReadOnlySpan<char> input, string reason) =>
        new(Format, $"{Quote(input)} is not a valid version specifier set: {reason}");

    /// <summary>The input in quotes, cut to a readable length, control characters escaped.</summary>
    public static string Quote(ReadOnlySpan<char> input)
    {
        var sb = new StringBuilder(Math.Min(input.Length, MaxQuotedLength) + 8);
        sb.Append('\'');
        foreach (var c in input.Length > MaxQuotedLength ? input[..MaxQuotedLength] : input)
            AppendVisible(sb, c);
        if (input.Length > MaxQuotedLength)
            sb.Append("...");
        sb.Append('\'');
        return sb.ToString();
    }

    private static string Character(ReadOnlySpan<char> input, int index)
    {
        if (index >= input.Length)
            return "the end";
        var sb = new StringBuilder("'");
        AppendVisible(sb, input[index]);
        return sb.Append('\'').ToString();
    }

    private static void AppendVisible(StringBuilder sb, char c)
    {
        if (char.IsControl(c) || char.IsSurrogate(c))
            sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
        else
            sb.Append(c);
    }
}
