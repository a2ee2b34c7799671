using System.Collections.Frozen;
using ModelGate.Formats.Osv;
using ModelGate.Formats.Pep508;

namespace ModelGate.Advisories;

/// <summary>
/// Advisories by PEP 503-normalized PyPI name: immutable and thread-safe once built. Only
/// <c>affected[]</c> entries whose <c>package.ecosystem</c> is exactly <c>PyPI</c> are indexed (osv-schema
/// defines no <c>:suffix</c> for PyPI; "PyPI:x" or "pypi" is another ecosystem, not ours). Withdrawn
/// advisories are left out. When two advisories share an id (the same record loaded from two sources),
/// the one with the newest <c>modified</c> is kept, the first seen on a tie.
/// </summary>
internal sealed class AdvisoryIndex
{
    public const string PyPIEcosystem = "PyPI";

    private readonly FrozenDictionary<string, IndexedAdvisory[]> _byPackage;

    private AdvisoryIndex(FrozenDictionary<string, IndexedAdvisory[]> byPackage, int advisoryCount)
    {
        _byPackage = byPackage;
        AdvisoryCount = advisoryCount;
    }

    public static AdvisoryIndex Empty { get; } = Build([]);

    /// <summary>Advisories that name at least one PyPI package.</summary>
    public int AdvisoryCount { get; }

    public int PackageCount => _byPackage.Count;

    public IEnumerable<string> PackageNames => _byPackage.Keys;

    public static AdvisoryIndex Build(IEnumerable<OsvAdvisory> advisories)
    {
        ArgumentNullException.ThrowIfNull(advisories);
        var byId = new Dictionary<string, OsvAdvisory>(StringComparer.Ordinal);
        foreach (var advisory in advisories)
        {
            if (advisory.Withdrawn is not null)
                continue;
            if (!byId.TryGetValue(advisory.Id, out var kept) || Newer(advisory, kept))
                byId[advisory.Id] = advisory;
        }

        var byPackage = new Dictionary<string, List<IndexedAdvisory>>(StringComparer.Ordinal);
        var indexed = 0;
        foreach (var advisory in byId.Values)
        {
            var entries = new Dictionary<string, List<CompiledAffected>>(StringComparer.Ordinal);
            foreach (var affected in advisory.Affected)
            {
                if (affected.Package is not { Ecosystem: PyPIEcosystem } package || string.IsNullOrWhiteSpace(package.Name))
                    continue;
                var name = PackageName.Normalize(package.Name);
                if (!entries.TryGetValue(name, out var list))
                    entries[name] = list = [];
                list.Add(CompiledAffected.Compile(affected));
            }
            if (entries.Count > 0)
                indexed++;
            foreach (var (name, list) in entries)
            {
                if (!byPackage.TryGetValue(name, out var bucket))
                    byPackage[name] = bucket = [];
                bucket.Add(new IndexedAdvisory(advisory, name, list));
            }
        }
        var frozen = byPackage.ToFrozenDictionary(
            p => p.Key,
            p => p.Value.OrderBy(a => a.Advisory.Id, StringComparer.Ordinal).ToArray(),
            StringComparer.Ordinal);
        return new AdvisoryIndex(frozen, indexed);
    }

    /// <summary>The advisories naming the package, ordered by id; the name is normalized here too.</summary>
    public IReadOnlyList<IndexedAdvisory> Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byPackage.TryGetValue(name, out var hit) || _byPackage.TryGetValue(PackageName.Normalize(name), out hit) ? hit : [];
    }

    private static bool Newer(OsvAdvisory candidate, OsvAdvisory kept) =>
        (candidate.Modified, kept.Modified) switch
        {
            ({ } c, { } k) => c > k,
            ({ }, null) => true,
            _ => false,
        };
}
