using System.Diagnostics.CodeAnalysis;

namespace ModelGate.Formats.Pep440;

/// <summary>
/// One version clause such as <c>&gt;=1.0</c>, <c>==1.2.*</c> or <c>~=2.2</c> (PyPA "Version specifiers"
/// specification, section Version specifiers). Whitespace may surround the clause and separate the operator
/// from the version.
/// </summary>
public sealed class VersionSpecifier
{
    private readonly PythonVersion? _version;
    private readonly PythonVersion? _compatibleBase;
    private readonly string _normalized;

    private VersionSpecifier(SpecifierOperator op, string version, bool isWildcard, PythonVersion? parsed)
    {
        Operator = op;
        Version = version;
        IsWildcard = isWildcard;
        _version = parsed;
        _compatibleBase = op == SpecifierOperator.CompatibleRelease ? parsed!.BaseVersion : null;
        _normalized = op == SpecifierOperator.ArbitraryEqual
            ? "===" + version
            : OperatorText(op) + parsed!.ToString() + (isWildcard ? ".*" : "");

        // Handling of pre-releases: a clause that names a pre-release admits pre-releases. "!=" admits
        // nothing, so it never does (as packaging's Specifier.prereleases).
        NamesPrerelease = op != SpecifierOperator.NotEqual && parsed is not null && parsed.IsPrerelease;
    }

    public SpecifierOperator Operator { get; }

    /// <summary>The version as written after the operator, without surrounding whitespace, including a
    /// trailing <c>.*</c>.</summary>
    public string Version { get; }

    /// <summary>True for a prefix match, <c>==V.*</c> or <c>!=V.*</c>.</summary>
    public bool IsWildcard { get; }

    /// <summary>True for <c>==V</c> without a wildcard and for <c>===V</c>: the clause admits one version.</summary>
    public bool IsPinned => Operator == SpecifierOperator.ArbitraryEqual || (Operator == SpecifierOperator.Equal && !IsWildcard);

    /// <summary>For a pinned clause the version it admits: the normal form for <c>==</c>, the text as written for
    /// <c>===</c>; otherwise null.</summary>
    public string? PinnedVersion => !IsPinned ? null : Operator == SpecifierOperator.ArbitraryEqual ? Version : _version!.ToString();

    /// <summary>The clause's version names a pre-release or development release, so pre-releases are admitted
    /// by default.</summary>
    internal bool NamesPrerelease { get; }

    /// <summary>Parses one clause.</summary>
    /// <exception cref="MalformedDataException">The text is not a valid clause.</exception>
    public static VersionSpecifier Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <inheritdoc cref="Parse(string)"/>
    public static VersionSpecifier Parse(ReadOnlySpan<char> s) =>
        TryParseCore(s, describeError: true, out var specifier, out var error)
            ? specifier
            : throw Pep440Errors.InvalidSpecifier(s, error!);

    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out VersionSpecifier? specifier)
    {
        if (s is null)
        {
            specifier = null;
            return false;
        }
        return TryParseCore(s, describeError: false, out specifier, out _);
    }

    public static bool TryParse(ReadOnlySpan<char> s, [NotNullWhen(true)] out VersionSpecifier? specifier) =>
        TryParseCore(s, describeError: false, out specifier, out _);

    /// <summary>
    /// Whether <paramref name="version"/> satisfies this clause. Pre-releases (including development releases)
    /// are rejected unless <paramref name="allowPrereleases"/> is true, or it is null and this clause names a
    /// pre-release (Version specifiers spec, Handling of pre-releases). A legacy version satisfies only
    /// <c>===</c>.
    /// </summary>
    public bool IsSatisfiedBy(PythonVersion version, bool? allowPrereleases = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.IsPrerelease && !(allowPrereleases ?? NamesPrerelease))
            return false;
        if (Operator == SpecifierOperator.ArbitraryEqual)
            return MatchesArbitrary(version);
        if (version.IsLegacy)
            return false;

        var spec = _version!;
        return Operator switch
        {
            SpecifierOperator.Equal => MatchesEqual(version, spec),
            SpecifierOperator.NotEqual => !MatchesEqual(version, spec),
            SpecifierOperator.LessThanOrEqual => version.ComparePublic(spec) <= 0,
            SpecifierOperator.GreaterThanOrEqual => version.ComparePublic(spec) >= 0,
            SpecifierOperator.LessThan => MatchesLessThan(version, spec),
            SpecifierOperator.GreaterThan => MatchesGreaterThan(version, spec),
            _ => MatchesCompatible(version, spec, _compatibleBase!),
        };
    }

    /// <summary>The clause in normal form: the operator, no whitespace, the version normalized (<c>===</c> keeps
    /// its text as written).</summary>
    public override string ToString() => _normalized;

    /// <summary>
    /// Version matching: strict equality with zero padding of the release; local labels of the candidate are
    /// ignored unless the clause has one. With <c>.*</c>, prefix matching.
    /// </summary>
    private bool MatchesEqual(PythonVersion candidate, PythonVersion spec)
    {
        if (IsWildcard)
            return MatchesPrefix(candidate, spec, spec.ReleaseLength);
        return spec.IsLocal ? candidate.Equals(spec) : candidate.ComparePublic(spec) == 0;
    }

    /// <summary>
    /// Prefix matching (Version matching): when the prefix is a release only, the candidate's release, padded
    /// with zeros or cut to the prefix length, must equal it and everything after is ignored. When the prefix
    /// also has a pre- or post-release segment, the release must be equal after zero padding and those
    /// segments must be equal; a development release and local label of the candidate are ignored.
    /// </summary>
    private static bool MatchesPrefix(PythonVersion candidate, PythonVersion prefix, int releaseLength)
    {
        if (candidate.EpochNumber != prefix.EpochNumber)
            return false;
        if (prefix.PreKind == PythonVersion.NoPre && !prefix.IsPostRelease)
        {
            var candidateLength = candidate.ReleaseLength;
            for (var i = 0; i < releaseLength; i++)
            {
                var value = i < candidateLength ? candidate.ReleaseAt(i) : VersionNumber.Zero;
                if (value != prefix.ReleaseAt(i))
                    return false;
            }
            return true;
        }
        return candidate.CompareRelease(prefix) == 0
            && candidate.SamePre(prefix)
            && (!prefix.IsPostRelease || candidate.SamePost(prefix));
    }

    /// <summary>
    /// Compatible release: <c>~=V.N</c> is <c>&gt;=V.N, ==V.*</c>; any pre-, post- or development segment of the
    /// clause's version is left out of the prefix.
    /// </summary>
    private static bool MatchesCompatible(PythonVersion candidate, PythonVersion spec, PythonVersion specBase) =>
        candidate.ComparePublic(spec) >= 0 && MatchesPrefix(candidate, specBase, specBase.ReleaseLength - 1);

    /// <summary>Exclusive ordered comparison: <c>&lt;V</c> does not admit a pre-release of V unless V is itself a
    /// pre-release ("of V" meaning the same epoch and release, as packaging and uv read it).</summary>
    private static bool MatchesLessThan(PythonVersion candidate, PythonVersion spec)
    {
        if (candidate.ComparePublic(spec) >= 0)
            return false;
        return spec.IsPrerelease || !candidate.IsPrerelease || !candidate.BaseEquals(spec);
    }

    /// <summary>Exclusive ordered comparison: <c>&gt;V</c> does not admit a post-release of V unless V is itself a
    /// post-release, nor a local version of V.</summary>
    private static bool MatchesGreaterThan(PythonVersion candidate, PythonVersion spec)
    {
        if (candidate.ComparePublic(spec) <= 0)
            return false;
        if (!spec.IsPostRelease && candidate.IsPostRelease && candidate.BaseEquals(spec))
            return false;
        return !candidate.IsLocal || !candidate.BaseEquals(spec);
    }

    /// <summary>
    /// Arbitrary equality: case-insensitive string equality with the candidate's normal form or with its text
    /// as written (surrounding whitespace removed); no zero padding, local labels count.
    /// </summary>
    private bool MatchesArbitrary(PythonVersion candidate) =>
        string.Equals(Version, candidate.ToString(), StringComparison.OrdinalIgnoreCase)
        || VersionParser.TrimWhitespace(candidate.Original).Equals(Version, StringComparison.OrdinalIgnoreCase);

    internal static bool TryParseCore(
        ReadOnlySpan<char> input, bool describeError,
        [NotNullWhen(true)] out VersionSpecifier? specifier, out string? error)
    {
        specifier = null;
        error = null;
        if (input.Length > ReaderLimits.MaxRequirementLength)
            return Fail(describeError, $"it is longer than {ReaderLimits.MaxRequirementLength} characters", out error);

        var text = VersionParser.TrimWhitespace(input);
        if (text.IsEmpty)
            return Fail(describeError, "it is empty", out error);

        var operatorLength = ReadOperator(text, out var op);
        if (operatorLength == 0)
            return Fail(describeError, "it does not start with one of ===, ==, !=, ~=, <=, >=, <, >", out error);

        // Whitespace between the operator and the version is optional.
        var versionText = VersionParser.TrimWhitespace(text[operatorLength..]);
        if (versionText.IsEmpty)
            return Fail(describeError, "there is no version after the operator", out error);
        foreach (var c in versionText)
        {
            if (VersionParser.IsWhitespace(c))
                return Fail(describeError, "the version contains whitespace", out error);
        }

        if (op == SpecifierOperator.ArbitraryEqual)
        {
            // Arbitrary equality takes any text; ',', ';' and ')' end a clause, a marker or a parenthesized
            // specifier in a requirement (PEP 508), so they cannot be part of it.
            if (versionText.IndexOfAny(",;)") >= 0)
                return Fail(describeError, "the version after === contains ',', ';' or ')'", out error);
            var arbitrary = PythonVersion.TryParse(versionText, out var asVersion) ? asVersion : null;
            specifier = new VersionSpecifier(op, versionText.ToString(), isWildcard: false, arbitrary);
            return true;
        }

        var isWildcard = versionText.EndsWith(".*", StringComparison.Ordinal);
        if (isWildcard && op is not (SpecifierOperator.Equal or SpecifierOperator.NotEqual))
            return Fail(describeError, "a '.*' suffix is allowed only with == and !=", out error);
        var core = isWildcard ? versionText[..^2] : versionText;

        var parseError = VersionParser.TryParse(core, null, out var parsed, out var index);
        if (parseError != VersionParseError.None)
        {
            return Fail(
                describeError,
                describeError ? $"{Pep440Errors.Quote(core)} is not a valid version: {Pep440Errors.Describe(core, parseError, index)}" : "",
                out error);
        }

        if (isWildcard && parsed!.IsDevRelease)
            return Fail(describeError, "a prefix match ('.*') cannot follow a development release", out error);
        if (isWildcard && parsed!.IsLocal)
            return Fail(describeError, "a prefix match ('.*') cannot follow a local version label", out error);
        if (parsed!.IsLocal && op is not (SpecifierOperator.Equal or SpecifierOperator.NotEqual))
            return Fail(describeError, "a local version label is allowed only with ==, != and ===", out error);
        if (op == SpecifierOperator.CompatibleRelease && parsed.ReleaseLength < 2)
            return Fail(describeError, "~= needs a release segment of at least two numbers, as in ~=1.0", out error);

        specifier = new VersionSpecifier(op, versionText.ToString(), isWildcard, parsed);
        return true;
    }

    private static bool Fail(bool describeError, string message, out string? error)
    {
        error = describeError ? message : null;
        return false;
    }

    private static int ReadOperator(ReadOnlySpan<char> text, out SpecifierOperator op)
    {
        op = SpecifierOperator.Equal;
        if (text.StartsWith("==="))
        {
            op = SpecifierOperator.ArbitraryEqual;
            return 3;
        }
        if (text.Length >= 2 && text[1] == '=')
        {
            switch (text[0])
            {
                case '=':
                    op = SpecifierOperator.Equal;
                    return 2;
                case '!':
                    op = SpecifierOperator.NotEqual;
                    return 2;
                case '~':
                    op = SpecifierOperator.CompatibleRelease;
                    return 2;
                case '<':
                    op = SpecifierOperator.LessThanOrEqual;
                    return 2;
                case '>':
                    op = SpecifierOperator.GreaterThanOrEqual;
                    return 2;
            }
        }
        if (text[0] == '<')
        {
            op = SpecifierOperator.LessThan;
            return 1;
        }
        if (text[0] == '>')
        {
            op = SpecifierOperator.GreaterThan;
            return 1;
        }
        return 0;
    }

    internal static string OperatorText(SpecifierOperator op) => op switch
    {
        SpecifierOperator.Equal => "==",
        SpecifierOperator.NotEqual => "!=",
        SpecifierOperator.LessThanOrEqual => "<=",
        SpecifierOperator.GreaterThanOrEqual => ">=",
        SpecifierOperator.LessThan => "<",
        SpecifierOperator.GreaterThan => ">",
        SpecifierOperator.CompatibleRelease => "~=",
        _ => "===",
    };
}
