using ModelGate.Formats.Pep440;

namespace ModelGate.Advisories;

/// <summary>
/// Matches a PyPI package version against an <see cref="AdvisoryIndex"/> with the osv-schema evaluation
/// algorithm (ossf.github.io/osv-schema, "Evaluation"): an index lookup, then for each advisory the
/// <c>versions</c> list and every ECOSYSTEM/SEMVER range. Thread-safe; advisories are never modified.
/// </summary>
internal sealed class AdvisoryMatcher
{
    public AdvisoryMatcher(AdvisoryIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        Index = index;
    }

    public AdvisoryIndex Index { get; }

    /// <summary>
    /// The advisories that affect <paramref name="version"/> of the package, or cannot be evaluated for it,
    /// ordered by id. A version that is not valid PEP 440 is matched against <c>versions</c> lists by exact
    /// string; an advisory with ranges for the package then gives <see cref="MatchOutcome.CannotEvaluate"/>,
    /// never a silent "not affected".
    /// </summary>
    public IReadOnlyList<AdvisoryMatch> Match(string name, string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var candidates = Index.Get(name);
        if (candidates.Count == 0)
            return [];
        var valid = PythonVersion.TryParse(version, out var parsed) ? parsed : null;
        List<AdvisoryMatch>? matches = null;
        foreach (var advisory in candidates)
        {
            if (Evaluate(advisory, version, valid) is { } outcome)
                (matches ??= []).Add(new AdvisoryMatch(advisory, outcome));
        }
        return matches is null ? [] : matches;
    }

    /// <summary>
    /// One advisory for one version: <see cref="MatchOutcome.Affected"/>, <see cref="MatchOutcome.CannotEvaluate"/>,
    /// or null when not affected. <paramref name="valid"/> is <paramref name="text"/> parsed as PEP 440, or null.
    /// </summary>
    public static MatchOutcome? Evaluate(IndexedAdvisory advisory, string text, PythonVersion? valid)
    {
        ArgumentNullException.ThrowIfNull(advisory);
        var unevaluable = false;
        foreach (var entry in advisory.Entries)
        {
            if (entry.ListsVersion(text, valid))
                return MatchOutcome.Affected;
            foreach (var range in entry.Ranges)
            {
                if (valid is null || range.Unreadable is not null)
                    unevaluable = true;
                else if (range.Includes(valid))
                    return MatchOutcome.Affected;
            }
        }
        return unevaluable ? MatchOutcome.CannotEvaluate : null;
    }
}
