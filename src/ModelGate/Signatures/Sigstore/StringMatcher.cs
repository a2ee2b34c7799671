using System.Text.RegularExpressions;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// An expected certificate value: an exact string, or a regular expression matched against the whole value
/// (anchored, so "https://github.com/org/" cannot be satisfied by "https://evil.example/https://github.com/org/").
/// </summary>
internal sealed class StringMatcher
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private readonly Regex? regex;

    private StringMatcher(string pattern, Regex? regex)
    {
        Pattern = pattern;
        this.regex = regex;
    }

    public string Pattern { get; }

    public bool IsRegex => regex is not null;

    public static StringMatcher Exact(string value) => new(value, null);

    public static StringMatcher Regex(string pattern)
    {
        try
        {
            return new StringMatcher(pattern, new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant, MatchTimeout));
        }
        catch (ArgumentException ex)
        {
            throw new SigstoreVerificationException(SigstoreChecks.Identity, $"the regular expression '{pattern}' is invalid ({ex.Message})", ex);
        }
    }

    public bool Matches(string value)
    {
        if (regex is null)
            return string.Equals(value, Pattern, StringComparison.Ordinal);
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    public override string ToString() => IsRegex ? $"/{Pattern}/" : $"'{Pattern}'";
}
