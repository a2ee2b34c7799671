using ModelGate.Formats;
using ModelGate.Formats.Osv;
using ModelGate.Formats.Pep440;

namespace ModelGate.Advisories;

/// <summary>
/// Works out upgrade and rollback targets for one package version from its matched advisory groups.
/// </summary>
/// <remarks>
/// Only versions the advisories name are candidates, because the audit runs offline and knows no release
/// list, and a candidate qualifies only when no advisory of the package affects it or leaves it
/// unevaluable: not only the matched ones, so that the advice never walks into another known advisory (an
/// upgrade from 1.0 to a 1.2 that a different advisory covers is no remedy). That leaves the valid PEP 440
/// <c>fixed</c> versions of the package's advisories as the only candidates worth checking: a
/// <c>versions</c> entry is affected by the advisory that lists it, an <c>introduced</c> or
/// <c>last_affected</c> version by its own range, and the release after a <c>last_affected</c> is unknown;
/// a legacy string such as <c>trunk</c> is no install target. A pre-release fix (<c>2.0rc1</c>) also makes its final release (<c>2.0</c>) a candidate, and final
/// releases are preferred; a pre-release is advised only when no final release qualifies.
/// </remarks>
internal static class UpgradeAdvisor
{
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
        // A fix first released as a pre-release (fixed: 0.24.dev0) is in the final release of that version
        // too, so the final release (0.24) is a candidate even when no advisory names it.
        var named = members.SelectMany(a => Events(a, OsvEventKind.Fixed)).ToList();
        var candidates = Distinct(named.Concat(named.Where(v => v.IsPrerelease).Select(v => v.BaseVersion)));
        bool Clear(PythonVersion candidate) => !members.Any(a => AdvisoryMatcher.Evaluate(a, candidate.Original, candidate) is not null);
        // Final releases first: "upgrade to 0.24.dev0" is not advice to take to production. A pre-release
        // is suggested only when no final release qualifies.
        var above = candidates.Where(c => c > current).ToList();
        var below = candidates.Where(c => c < current).Reverse().ToList();
        var upgrade = above.Where(c => !c.IsPrerelease).FirstOrDefault(Clear) ?? above.Where(c => c.IsPrerelease).FirstOrDefault(Clear);
        var rollback = below.Where(c => !c.IsPrerelease).FirstOrDefault(Clear) ?? below.Where(c => c.IsPrerelease).FirstOrDefault(Clear);
        var crossesMajor = upgrade is not null && (current.IsLegacy || current.Epoch != upgrade.Epoch || current.Release[0] != upgrade.Release[0]);
        return new RemediationAdvice(fixedByGroup, upgrade?.Original, crossesMajor, rollback?.Original);
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
