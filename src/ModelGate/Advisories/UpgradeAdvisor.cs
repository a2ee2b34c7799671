using ModelGate.Formats;
using ModelGate.Formats.Osv;
using ModelGate.Formats.Pep440;

namespace ModelGate.Advisories;

/// <summary>
/// Works out upgrade and rollback targets for one package version from its matched advisory groups.
/// </summary>
/// <remarks>
/// Only versions the advisories name are candidates, because the audit runs offline and knows no release
/// list: every <c>introduced</c> (but "0"), <c>fixed</c> and <c>last_affected</c> event version and every
/// <c>versions</c> entry of the package's entries in any of the package's advisories, when it is valid
/// PEP 440 (a legacy string such as <c>trunk</c> is no install target). In practice the unaffected
/// candidates are <c>fixed</c> versions: a <c>versions</c> entry or a <c>last_affected</c> version is
/// affected by the advisory that names it, and the release after a <c>last_affected</c> is unknown.
/// A candidate qualifies when no advisory of the package affects it or leaves it unevaluable: not only
/// the matched ones, so that the advice never walks into another known advisory (an upgrade from 1.0 to a
/// 1.2 that a different advisory covers is no remedy). Pre-releases are not filtered out: when an
/// advisory's fix is <c>2.0rc1</c>, that is the smallest version it names as fixed.
/// </remarks>
internal static class UpgradeAdvisor
{
    private static readonly OsvEventKind[] CandidateEvents = [OsvEventKind.Introduced, OsvEventKind.Fixed, OsvEventKind.LastAffected];

    /// <param name="version">The audited version.</param>
    /// <param name="groups">The advisory groups matched for it.</param>
    /// <param name="packageAdvisories">Every advisory of the package (<see cref="AdvisoryIndex.Get"/>): candidates come from them, and must be clear of them.</param>
    public static RemediationAdvice Advise(string version, IReadOnlyList<AdvisoryGroup> groups, IReadOnlyList<IndexedAdvisory> packageAdvisories)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(packageAdvisories);
        PythonVersion current;
        try
        {
            current = PythonVersion.ParseLenient(version);
        }
        catch (MalformedDataException)
        {
            return new RemediationAdvice([.. groups.Select(g => new GroupFixes(g, []))], null, false, null);
        }

        var fixedByGroup = groups
            .Select(g => new GroupFixes(g, [.. Distinct(g.Members.SelectMany(m => Events(m.Indexed, OsvEventKind.Fixed)).Where(v => v > current)).Select(v => v.Original)]))
            .ToArray();

        var members = groups.SelectMany(g => g.Members).Select(m => m.Indexed).Concat(packageAdvisories).DistinctBy(a => a.Advisory.Id).ToArray();
        // A fix first released as a pre-release (fixed: 0.24.dev0) is in the final release of the same
        // version too, so the final release (0.24) is a candidate even when no advisory names it.
        var named = members.SelectMany(Candidates).ToList();
        var candidates = Distinct(named.Concat(named.Where(v => v.IsPrerelease && !v.IsLegacy).Select(v => v.BaseVersion)));
        // Final releases are preferred: "upgrade to 0.24.dev0" is not advice anyone can take to production.
        // A pre-release is suggested only when no final release qualifies.
        PythonVersion? upgrade = null, upgradePre = null, rollback = null, rollbackPre = null;
        foreach (var candidate in candidates)
        {
            if (candidate == current || members.Any(a => AdvisoryMatcher.Evaluate(a, candidate.Original, candidate) is not null))
                continue;
            if (candidate > current)
            {
                if (candidate.IsPrerelease)
                    upgradePre ??= candidate;
                else
                    upgrade ??= candidate;
            }
            else if (candidate.IsPrerelease)
            {
                rollbackPre = candidate;
            }
            else
            {
                rollback = candidate;
            }
        }
        upgrade ??= upgradePre;
        rollback ??= rollbackPre;
        var crossesMajor = upgrade is not null && (current.IsLegacy || current.Epoch != upgrade.Epoch || current.Release[0] != upgrade.Release[0]);
        return new RemediationAdvice(fixedByGroup, upgrade?.Original, crossesMajor, rollback?.Original);
    }

    private static IEnumerable<PythonVersion> Candidates(IndexedAdvisory advisory)
    {
        foreach (var entry in advisory.Entries)
        {
            foreach (var listed in entry.ParsedVersions)
            {
                if (listed is not null)
                    yield return listed;
            }
        }
        foreach (var kind in CandidateEvents)
        {
            foreach (var v in Events(advisory, kind))
                yield return v;
        }
    }

    // Valid PEP 440 versions of one event kind; introduced "0" has no version and legacy strings are skipped.
    private static IEnumerable<PythonVersion> Events(IndexedAdvisory advisory, OsvEventKind kind) =>
        advisory.Entries
            .SelectMany(e => e.Ranges)
            .SelectMany(r => r.Events)
            .Where(e => e.Kind == kind && e.Version is { IsLegacy: false })
            .Select(e => e.Version!);

    // Ascending, one per PEP 440 value (1.0 and 1.0.0 are one), the first spelling seen kept.
    private static PythonVersion[] Distinct(IEnumerable<PythonVersion> versions) =>
        [.. versions.Distinct().Order()];
}
