using ModelGate.Formats.CycloneDx;

namespace ModelGate.Sbom;

/// <summary>
/// What changed between two BOMs: components added, removed or changed (version, hashes), and vulnerabilities
/// that are new since the old BOM or gone from it. Components are matched by identity — the purl without its
/// version, else type, group and name — and nested components under their parent's identity (docs/cyclonedx.md).
/// </summary>
internal sealed record BomDiff(
    IReadOnlyList<ComponentChange> Added,
    IReadOnlyList<ComponentChange> Removed,
    IReadOnlyList<ComponentChange> Changed,
    IReadOnlyList<VulnerabilityChange> NewVulnerabilities,
    IReadOnlyList<VulnerabilityChange> FixedVulnerabilities)
{
    public bool IsEmpty => Added.Count + Removed.Count + Changed.Count + NewVulnerabilities.Count + FixedVulnerabilities.Count == 0;

    public static BomDiff Compare(CycloneDxBom before, CycloneDxBom after)
    {
        var old = Index(before);
        var now = Index(after);
        var added = new List<ComponentChange>();
        var removed = new List<ComponentChange>();
        var changed = new List<ComponentChange>();
        foreach (var key in old.Keys.Union(now.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var was = old.GetValueOrDefault(key) ?? [];
            var isNow = now.GetValueOrDefault(key) ?? [];
            if (was.Count == 1 && isNow.Count == 1)
            {
                if (Describe(was[0], isNow[0]) is { Count: > 0 } details)
                    changed.Add(new ComponentChange(key, isNow[0].Type, isNow[0].Label, was[0].Version, isNow[0].Version, details));
                continue;
            }
            // The same identity several times (two versions of a package): compared as sets of versions and hashes.
            var wasByState = was.ToLookup(c => c.State, StringComparer.Ordinal);
            var nowByState = isNow.ToLookup(c => c.State, StringComparer.Ordinal);
            foreach (var entry in was.Where(c => !nowByState.Contains(c.State)).DistinctBy(c => c.State))
                removed.Add(new ComponentChange(key, entry.Type, entry.Label, entry.Version, null, []));
            foreach (var entry in isNow.Where(c => !wasByState.Contains(c.State)).DistinctBy(c => c.State))
                added.Add(new ComponentChange(key, entry.Type, entry.Label, null, entry.Version, []));
        }

        var oldVulns = Vulnerabilities(before);
        var newVulns = Vulnerabilities(after);
        return new BomDiff(
            added,
            removed,
            changed,
            [.. newVulns.Where(v => !oldVulns.ContainsKey(v.Key)).Select(v => v.Value).Order()],
            [.. oldVulns.Where(v => !newVulns.ContainsKey(v.Key)).Select(v => v.Value).Order()]);
    }

    private static List<string> Describe(Entry was, Entry now)
    {
        var details = new List<string>();
        if (was.Version != now.Version)
            details.Add($"version {was.Version ?? "(none)"} -> {now.Version ?? "(none)"}");
        foreach (var alg in was.Hashes.Keys.Union(now.Hashes.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var a = was.Hashes.GetValueOrDefault(alg);
            var b = now.Hashes.GetValueOrDefault(alg);
            if (a == b)
                continue;
            details.Add(a is null ? $"{alg} added {Short(b!)}" : b is null ? $"{alg} removed (was {Short(a)})" : $"{alg} {Short(a)} -> {Short(b)}");
        }
        return details;
    }

    private static string Short(string hashes) => string.Join(",", hashes.Split(',').Select(h => h.Length > 12 ? h[..12] + "…" : h));

    private const string TargetLabel = "(the target)";

    /// <summary>Every component by identity key.</summary>
    private static Dictionary<string, List<Entry>> Index(CycloneDxBom bom)
    {
        var keysByRef = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        foreach (var component in bom.Components)
        {
            // The subject is the BOM's own target: its name and version follow the run, not the content.
            if (ReferenceEquals(component, bom.Subject))
                continue;
            var parentKey = component.ParentRef is { } parent && keysByRef.TryGetValue(parent, out var p) ? p + " > " : string.Empty;
            var key = parentKey + IdentityOf(component);
            if (component.BomRef is { } bomRef)
                keysByRef.TryAdd(bomRef, key);
            var hashes = component.Hashes
                .GroupBy(h => h.Algorithm.ToUpperInvariant(), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => string.Join(",", g.Select(h => h.Content).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)), StringComparer.Ordinal);
            var version = component.PackageUrl?.Version ?? component.Version;
            var entry = new Entry(component.Type, Label(component), version, hashes);
            if (!index.TryGetValue(key, out var list))
                index[key] = list = [];
            list.Add(entry);
        }
        return index;
    }

    private static string IdentityOf(CycloneDxComponent component)
    {
        if (component.PackageUrl is { } purl)
            return (purl with { Version = null, Qualifiers = [], Subpath = null }).ToString();
        return component.Group is null ? $"{component.Type}:{component.Name}" : $"{component.Type}:{component.Group}/{component.Name}";
    }

    private static string Label(CycloneDxComponent component) =>
        component.PackageUrl is { } purl ? (purl.Namespace is null ? purl.Name : $"{purl.Namespace}/{purl.Name}") : component.Group is null ? component.Name : $"{component.Group}/{component.Name}";

    /// <summary>Each vulnerability id with each component it affects, named by identity so the two BOMs compare.</summary>
    private static Dictionary<(string Id, string Component, string? Version), VulnerabilityChange> Vulnerabilities(CycloneDxBom bom)
    {
        var byRef = new Dictionary<string, CycloneDxComponent>(StringComparer.Ordinal);
        foreach (var component in bom.Components)
        {
            if (component.BomRef is { } bomRef)
                byRef.TryAdd(bomRef, component);
        }
        var result = new Dictionary<(string Id, string Component, string? Version), VulnerabilityChange>();
        foreach (var vulnerability in bom.Vulnerabilities)
        {
            var severity = vulnerability.Ratings.Select(r => r.Severity).FirstOrDefault(s => s is not null) ?? "unknown";
            if (vulnerability.Affects.Count == 0)
                result.TryAdd((vulnerability.Id, "(no component)", null), new VulnerabilityChange(vulnerability.Id, "(no component)", null, severity));
            foreach (var reference in vulnerability.Affects)
            {
                var component = byRef.GetValueOrDefault(reference);
                // Findings on the BOM's own subject compare as "the target": its name follows the folder or run.
                var change = component is not null && ReferenceEquals(component, bom.Subject)
                    ? new VulnerabilityChange(vulnerability.Id, TargetLabel, null, severity)
                    : new VulnerabilityChange(vulnerability.Id, component is null ? reference : Label(component), component?.PackageUrl?.Version ?? component?.Version, severity);
                result.TryAdd((change.Id, change.Component, change.Version), change);
            }
        }
        return result;
    }

    /// <param name="State">What tells two entries of one identity apart.</param>
    private sealed record Entry(string Type, string Label, string? Version, Dictionary<string, string> Hashes)
    {
        public string State => Version + "|" + string.Join(";", Hashes.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => h.Key + "=" + h.Value));
    }
}

/// <summary>A component added, removed or changed; <paramref name="Details"/> says what changed.</summary>
internal sealed record ComponentChange(string Identity, string Type, string Name, string? OldVersion, string? NewVersion, IReadOnlyList<string> Details);

/// <summary>A vulnerability on a component, by id, component name and version.</summary>
internal sealed record VulnerabilityChange(string Id, string Component, string? Version, string Severity) : IComparable<VulnerabilityChange>
{
    public int CompareTo(VulnerabilityChange? other)
    {
        if (other is null)
            return 1;
        var byId = string.CompareOrdinal(Id, other.Id);
        if (byId != 0)
            return byId;
        var byComponent = string.CompareOrdinal(Component, other.Component);
        return byComponent != 0 ? byComponent : string.CompareOrdinal(Version, other.Version);
    }
}
