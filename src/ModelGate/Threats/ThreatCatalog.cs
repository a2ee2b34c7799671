using System.Collections.Frozen;
using ModelGate.Findings;

namespace ModelGate.Threats;

/// <summary>
/// The threat taxonomies and the mapping of every rule onto them, read once from the embedded data files
/// threat-catalog.tsv, rule-threats.tsv and asset-threats.tsv (data, so the mapping is reviewed as a table).
/// </summary>
internal static class ThreatCatalog
{
    public const string OwaspMl = "OWASP ML Top 10";
    public const string OwaspLlm = "OWASP LLM Top 10 2025";
    public const string Atlas = "MITRE ATLAS";
    public const string Cwe = "CWE";

    private static readonly Lazy<Data> Loaded = new(Load);

    /// <summary>Every catalogued threat, in file order (taxonomy, then id).</summary>
    public static IReadOnlyList<ThreatEntry> Entries => Loaded.Value.Entries;

    /// <summary>The threat with this id, or null.</summary>
    public static ThreatEntry? Find(string id) => Loaded.Value.ById.GetValueOrDefault(id);

    /// <summary>The threats a finding of this rule is evidence of; empty for a rule the table does not name.</summary>
    public static IReadOnlyList<ThreatReference> For(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return For(rule.Id);
    }

    /// <inheritdoc cref="For(Rule)"/>
    public static IReadOnlyList<ThreatReference> For(string ruleId) =>
        Loaded.Value.ByRule.TryGetValue(ruleId, out var threats) ? threats : [];

    /// <summary>The rule ids rule-threats.tsv maps, in file order.</summary>
    public static IReadOnlyList<string> MappedRules => Loaded.Value.RuleOrder;

    /// <summary>The threats weighed for an asset of this type (asset-threats.tsv); empty for an unknown type.</summary>
    public static IReadOnlyList<ThreatEntry> ForAsset(string assetType) =>
        Loaded.Value.ByAsset.TryGetValue(assetType, out var threats) ? threats : [];

    /// <summary>The asset types asset-threats.tsv names.</summary>
    public static IReadOnlyCollection<string> AssetTypes => Loaded.Value.ByAsset.Keys;

    private sealed record Data(
        IReadOnlyList<ThreatEntry> Entries,
        FrozenDictionary<string, ThreatEntry> ById,
        FrozenDictionary<string, IReadOnlyList<ThreatReference>> ByRule,
        IReadOnlyList<string> RuleOrder,
        FrozenDictionary<string, IReadOnlyList<ThreatEntry>> ByAsset);

    private static Data Load()
    {
        var entries = new List<ThreatEntry>();
        var byId = new Dictionary<string, ThreatEntry>(StringComparer.Ordinal);
        foreach (var (line, fields) in Rows("threat-catalog.tsv", 4))
        {
            var entry = new ThreatEntry(fields[0], fields[1], fields[2], fields[3]);
            if (!byId.TryAdd(entry.Id, entry))
                throw Bad("threat-catalog.tsv", line, $"duplicate id {entry.Id}");
            entries.Add(entry);
        }
        // ATLAS sub-techniques (AML.Txxxx.yyy) are shown with their parent's name.
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var dot = e.Id.LastIndexOf('.');
            if (e.Taxonomy == Atlas && dot > "AML.".Length && byId.TryGetValue(e.Id[..dot], out var parent))
            {
                entries[i] = e with { DisplayName = $"{parent.Name}: {e.Name}" };
                byId[e.Id] = entries[i];
            }
        }

        var byRule = new Dictionary<string, IReadOnlyList<ThreatReference>>(StringComparer.Ordinal);
        var ruleOrder = new List<string>();
        foreach (var (line, fields) in Rows("rule-threats.tsv", 2))
        {
            var threats = Resolve("rule-threats.tsv", line, fields[1], byId).Select(t => t.ToReference()).ToList();
            if (!byRule.TryAdd(fields[0], threats))
                throw Bad("rule-threats.tsv", line, $"duplicate rule {fields[0]}");
            ruleOrder.Add(fields[0]);
        }

        var byAsset = new Dictionary<string, IReadOnlyList<ThreatEntry>>(StringComparer.Ordinal);
        foreach (var (line, fields) in Rows("asset-threats.tsv", 2))
        {
            if (!byAsset.TryAdd(fields[0], Resolve("asset-threats.tsv", line, fields[1], byId)))
                throw Bad("asset-threats.tsv", line, $"duplicate asset type {fields[0]}");
        }
        return new Data(entries, byId.ToFrozenDictionary(StringComparer.Ordinal), byRule.ToFrozenDictionary(StringComparer.Ordinal), ruleOrder, byAsset.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static List<ThreatEntry> Resolve(string file, int line, string ids, Dictionary<string, ThreatEntry> byId)
    {
        var result = new List<ThreatEntry>();
        foreach (var id in ids.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!byId.TryGetValue(id, out var entry))
                throw Bad(file, line, $"unknown threat id {id}");
            if (result.Contains(entry))
                throw Bad(file, line, $"threat {id} listed twice");
            result.Add(entry);
        }
        if (result.Count == 0)
            throw Bad(file, line, "no threats");
        return result;
    }

    private static IEnumerable<(int Line, string[] Fields)> Rows(string name, int columns)
    {
        using var stream = typeof(ThreatCatalog).Assembly.GetManifestResourceStream("ModelGate.Threats." + name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from the build");
        using var reader = new StreamReader(stream);
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (text.Length == 0 || text[0] == '#')
                continue;
            var fields = text.Split('\t');
            if (fields.Length != columns || fields.Any(f => f.Length == 0 || f.Trim() != f))
                throw Bad(name, number, $"expected {columns} non-empty tab-separated fields");
            yield return (number, fields);
        }
    }

    private static InvalidOperationException Bad(string file, int line, string reason) =>
        new($"{file} line {line}: {reason}");
}
