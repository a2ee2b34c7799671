using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace ModelGate.Formats.Pep440;

/// <summary>
/// Version clauses joined by commas, all of which must hold (Version specifiers spec: "The comma (",") is
/// equivalent to a logical and operator"), for example <c>~= 0.9, &gt;= 1.0, != 1.3.4.*, &lt; 2.0</c>.
/// Whitespace around commas is allowed; empty clauses are skipped as pip does, so the empty string is the set
/// with no clauses, which every final version satisfies.
/// </summary>
public sealed class SpecifierSet
{
    private readonly VersionSpecifier[] _specifiers;
    private readonly bool _namesPrerelease;
    private string? _normalized;

    private SpecifierSet(VersionSpecifier[] specifiers)
    {
        _specifiers = specifiers;
        Specifiers = new ReadOnlyCollection<VersionSpecifier>(specifiers);
        foreach (var specifier in specifiers)
            _namesPrerelease |= specifier.NamesPrerelease;
    }

    /// <summary>The set with no clauses.</summary>
    public static SpecifierSet Empty { get; } = new([]);

    /// <summary>The clauses in the order written.</summary>
    public IReadOnlyList<VersionSpecifier> Specifiers { get; }

    /// <summary>Parses comma-separated clauses.</summary>
    /// <exception cref="MalformedDataException">A clause is not valid, or the text is longer than
    /// <see cref="ReaderLimits.MaxRequirementLength"/>.</exception>
    public static SpecifierSet Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <inheritdoc cref="Parse(string)"/>
    public static SpecifierSet Parse(ReadOnlySpan<char> s) =>
        TryParseCore(s, describeError: true, out var set, out var error)
            ? set
            : throw Pep440Errors.InvalidSpecifierSet(s, error!);

    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out SpecifierSet? set)
    {
        if (s is null)
        {
            set = null;
            return false;
        }
        return TryParseCore(s, describeError: false, out set, out _);
    }

    public static bool TryParse(ReadOnlySpan<char> s, [NotNullWhen(true)] out SpecifierSet? set) =>
        TryParseCore(s, describeError: false, out set, out _);

    /// <summary>
    /// Whether <paramref name="version"/> satisfies every clause. Pre-releases (development releases included)
    /// are excluded unless <paramref name="prereleases"/> is true, or it is null and some clause names a
    /// pre-release, as in <c>&gt;=1.0b1</c> (Version specifiers spec, Handling of pre-releases). A legacy
    /// version satisfies only <c>===</c> clauses, and the empty set.
    /// </summary>
    public bool Contains(PythonVersion version, bool? prereleases = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        var allow = prereleases ?? _namesPrerelease;
        if (version.IsPrerelease && !allow)
            return false;
        foreach (var specifier in _specifiers)
        {
            if (!specifier.IsSatisfiedBy(version, allow))
                return false;
        }
        return true;
    }

    /// <summary>
    /// The versions in <paramref name="versions"/> that <see cref="Contains"/> admits, in their order. When
    /// <paramref name="prereleases"/> is null and no clause names a pre-release, pre-releases are excluded
    /// unless no final or post-release matches, in which case the matching pre-releases are returned
    /// (Handling of pre-releases: "accept remotely available pre-releases for version specifiers where there
    /// is no final or post release that satisfies the version specifier").
    /// </summary>
    public IEnumerable<PythonVersion> Filter(IEnumerable<PythonVersion> versions, bool? prereleases = null)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var allow = prereleases ?? (_namesPrerelease ? true : null);
        return allow is bool fixedAllow ? FilterFixed(versions, fixedAllow) : FilterWithFallback(versions);
    }

    /// <summary>
    /// The version the set admits when it is exactly one pinned clause (<c>==V</c> without <c>.*</c>, or
    /// <c>===V</c>): the normal form for <c>==</c>, the text as written for <c>===</c>.
    /// </summary>
    public bool TryGetPinnedVersion([NotNullWhen(true)] out string? version)
    {
        version = _specifiers.Length == 1 ? _specifiers[0].PinnedVersion : null;
        return version is not null;
    }

    /// <summary>The clauses in normal form, in the order written, joined by <c>,</c>.</summary>
    public override string ToString() => _normalized ??= string.Join(",", (IEnumerable<VersionSpecifier>)_specifiers);

    private IEnumerable<PythonVersion> FilterFixed(IEnumerable<PythonVersion> versions, bool allow)
    {
        foreach (var version in versions)
        {
            if (Contains(version, allow))
                yield return version;
        }
    }

    private IEnumerable<PythonVersion> FilterWithFallback(IEnumerable<PythonVersion> versions)
    {
        List<PythonVersion>? prereleases = null;
        var yieldedFinal = false;
        foreach (var version in versions)
        {
            if (version.IsPrerelease)
            {
                if (!yieldedFinal && Contains(version, prereleases: true))
                    (prereleases ??= []).Add(version);
            }
            else if (Contains(version, prereleases: false))
            {
                yieldedFinal = true;
                yield return version;
            }
        }
        if (!yieldedFinal && prereleases is not null)
        {
            foreach (var version in prereleases)
                yield return version;
        }
    }

    internal static bool TryParseCore(
        ReadOnlySpan<char> input, bool describeError,
        [NotNullWhen(true)] out SpecifierSet? set, out string? error)
    {
        set = null;
        error = null;
        if (input.Length > ReaderLimits.MaxRequirementLength)
        {
            error = describeError ? $"it is longer than {ReaderLimits.MaxRequirementLength} characters" : null;
            return false;
        }

        var specifiers = new List<VersionSpecifier>();
        var clauseNumber = 0;
        foreach (var range in input.Split(','))
        {
            clauseNumber++;
            var clause = input[range];
            if (VersionParser.TrimWhitespace(clause).IsEmpty)
                continue;
            if (!VersionSpecifier.TryParseCore(clause, describeError, out var specifier, out var clauseError))
            {
                error = describeError
                    ? $"clause {clauseNumber} {Pep440Errors.Quote(VersionParser.TrimWhitespace(clause))}: {clauseError}"
                    : null;
                return false;
            }
            specifiers.Add(specifier);
        }
        set = specifiers.Count == 0 ? Empty : new SpecifierSet([.. specifiers]);
        return true;
    }
}
