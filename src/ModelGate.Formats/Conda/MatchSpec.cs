using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace ModelGate.Formats.Conda;

/// <summary>
/// A conda package match specification as written in <c>environment.yml</c> (conda's <c>MatchSpec</c> string
/// form): <c>[channel[/subdir]::]name[ version[ build]]</c>, <c>name=version[=build]</c>, <c>name==version</c>,
/// <c>name&gt;=1.19,&lt;1.20</c>, and a trailing <c>[version=..., build=...]</c> bracket.
/// </summary>
public sealed record MatchSpec(string Name, string? Channel, string? VersionSpec, string? Build)
{
    private static readonly SearchValues<char> NotExact = SearchValues.Create("*,|<>!~ ");
    private static readonly SearchValues<char> NameEnd = SearchValues.Create(" =<>!~\t");
    private static readonly SearchValues<char> VersionPunctuation = SearchValues.Create("._*+!=<>~,|()-");
    private static readonly SearchValues<char> NotInBuild = SearchValues.Create("-=,|<>~*");

    /// <summary>
    /// The exact version when the spec pins one, following conda's rules: <c>==1.19.5</c>; <c>1.19.5</c>
    /// with no operator (space form, an exact match); <c>=1.19.5=build</c> (a build string makes the version
    /// exact). <c>=1.19.5</c> alone is conda's fuzzy match <c>1.19.5*</c> and is not a pin; neither is any
    /// wildcard, range or alternative.
    /// </summary>
    public string? ExactVersion
    {
        get
        {
            if (VersionSpec is null || VersionSpec.AsSpan().IndexOfAny(NotExact) >= 0)
                return null;
            if (VersionSpec.StartsWith("==", StringComparison.Ordinal))
                return NonEmpty(VersionSpec[2..]);
            if (VersionSpec.StartsWith('='))
                return Build is null ? null : NonEmpty(VersionSpec[1..]);
            return VersionSpec;
        }
    }

    /// <summary>The constraint as written without whitespace, with <c>=build</c> appended when a build is given; empty when none.</summary>
    public string Specifier => (VersionSpec ?? string.Empty) + (Build is null ? string.Empty : "=" + Build);

    private static string? NonEmpty(string s) => s.Length == 0 ? null : s;

    public static bool TryParse(string text, [NotNullWhen(true)] out MatchSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        var s = text;
        var hash = s.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
            s = s[..hash];
        s = s.Trim();
        if (s.Length == 0)
        {
            error = "empty package spec";
            return false;
        }

        string? channel = null;
        var colons = s.LastIndexOf("::", StringComparison.Ordinal);
        if (colons >= 0)
        {
            channel = s[..colons].Trim();
            s = s[(colons + 2)..].Trim();
        }

        string? bracketVersion = null;
        string? bracketBuild = null;
        var open = s.IndexOf('[', StringComparison.Ordinal);
        if (open >= 0)
        {
            if (!s.EndsWith(']'))
            {
                error = $"'{text}' has an unclosed '['";
                return false;
            }
            foreach (var pair in s[(open + 1)..^1].Split(','))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                    continue;
                var key = pair[..eq].Trim();
                var value = pair[(eq + 1)..].Trim().Trim('\'', '"');
                if (key == "version")
                    bracketVersion = value;
                else if (key == "build")
                    bracketBuild = value;
            }
            s = s[..open].Trim();
        }

        var nameEnd = s.AsSpan().IndexOfAny(NameEnd);
        var name = nameEnd < 0 ? s : s[..nameEnd];
        var rest = nameEnd < 0 ? string.Empty : s[nameEnd..].Trim();
        if (name.Length == 0 || !IsValidName(name))
        {
            error = $"'{text}' does not start with a valid conda package name";
            return false;
        }

        var (version, build) = SplitVersionAndBuild(rest);
        version = bracketVersion is null ? version : Compact(bracketVersion);
        build = bracketBuild ?? build;
        if (version is "==" or "<=" or ">=" or "<" or ">" or "!=" or "~=")
        {
            error = $"'{text}' has an operator '{version}' without a version";
            return false;
        }
        if (version is not null && !version.All(c => char.IsAsciiLetterOrDigit(c) || VersionPunctuation.Contains(c)))
        {
            error = $"'{text}' has a version constraint '{version}' with characters conda does not allow";
            return false;
        }
        spec = new MatchSpec(name, channel, string.IsNullOrEmpty(version) ? null : version, build);
        error = null;
        return true;
    }

    // conda's _parse_version_plus_build: "1.8.1 py27_0" or "=1.8.1=py27_0"; a build string never contains
    // '-', '=', ',', '|', '<', '>' or '~', and the separator must not follow an operator.
    private static (string? Version, string? Build) SplitVersionAndBuild(string rest)
    {
        if (rest.Length == 0)
            return (null, null);
        var parts = rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 2 && IsBuild(parts[^1]) && !EndsWithOperator(parts[^2]))
            return (Compact(string.Concat(parts[..^1])), parts[^1]);
        var compact = Compact(rest);
        var eq = compact.LastIndexOf('=');
        if (eq > 0 && !EndsWithOperator(compact[..eq]) && IsBuild(compact[(eq + 1)..]))
            return (compact[..eq], compact[(eq + 1)..]);
        return (compact, null);
    }

    // Build strings look like "py38h2f8d375_0" or "cuda112py38"; a bare number is read as part of the version.
    private static bool IsBuild(string s) =>
        s.Length > 0 && s.AsSpan().IndexOfAny(NotInBuild) < 0 && (!char.IsAsciiDigit(s[0]) || s.Contains('_', StringComparison.Ordinal));

    private static bool EndsWithOperator(string s) => s.Length > 0 && s[^1] is '=' or '!' or '|' or ',' or '<' or '>' or '~';

    private static string Compact(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    private static bool IsValidName(string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
                return false;
        }
        return true;
    }
}
