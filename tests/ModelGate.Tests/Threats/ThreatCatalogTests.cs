using System.Text;
using System.Text.RegularExpressions;
using ModelGate.Findings;
using ModelGate.Tests.Support;
using ModelGate.Threats;

namespace ModelGate.Tests.Threats;

public sealed partial class ThreatCatalogTests
{
    /// <summary>CWE entries the shared taxonomy does not list, with their names as MITRE's CWE list gives them.</summary>
    private static readonly Dictionary<string, string> CweBeyondTaxonomy = new(StringComparer.Ordinal)
    {
        ["CWE-20"] = "Improper Input Validation",
        ["CWE-22"] = "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')",
        ["CWE-94"] = "Improper Control of Generation of Code ('Code Injection')",
        ["CWE-400"] = "Uncontrolled Resource Consumption",
        ["CWE-427"] = "Uncontrolled Search Path Element",
        ["CWE-1336"] = "Improper Neutralization of Special Elements Used in a Template Engine",
        ["CWE-1357"] = "Reliance on Insufficiently Trustworthy Component",
    };

    public static TheoryData<string> AllRuleIds() => [.. Rules.All.Select(r => r.Id)];

    [Theory]
    [MemberData(nameof(AllRuleIds))]
    public void Every_rule_maps_to_at_least_one_threat_of_the_catalogue(string ruleId)
    {
        var threats = ThreatCatalog.For(Rules.Find(ruleId)!);

        Assert.NotEmpty(threats);
        Assert.All(threats, t => Assert.NotNull(ThreatCatalog.Find(t.Id)));
        Assert.Equal(threats.Count, threats.Select(t => t.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_rule_table_names_only_rules_that_exist_each_once()
    {
        Assert.All(ThreatCatalog.MappedRules, id => Assert.NotNull(Rules.Find(id)));
        Assert.Equal(ThreatCatalog.MappedRules.Count, ThreatCatalog.MappedRules.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Rules.All.Count, ThreatCatalog.MappedRules.Count);
    }

    [Theory]
    [InlineData("model")]
    [InlineData("weights-code")]
    [InlineData("weights-data")]
    [InlineData("dataset")]
    [InlineData("packages")]
    [InlineData("pipeline")]
    public void Every_asset_type_weighs_catalogued_threats(string assetType) =>
        Assert.NotEmpty(ThreatCatalog.ForAsset(assetType));

    [Fact]
    public void Catalogue_ids_names_and_urls_match_the_shared_taxonomy()
    {
        var facts = ReadTaxonomy();
        Assert.Equal(ThreatCatalog.Entries.Count, ThreatCatalog.Entries.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
        foreach (var entry in ThreatCatalog.Entries)
        {
            if (facts.TryGetValue(entry.Id, out var fact))
            {
                Assert.Equal((fact.Taxonomy, fact.Name, fact.Url), (entry.Taxonomy, entry.Name, entry.Url));
            }
            else
            {
                Assert.Equal(ThreatCatalog.Cwe, entry.Taxonomy);
                Assert.Equal(CweBeyondTaxonomy[entry.Id], entry.Name);
                Assert.Equal($"https://cwe.mitre.org/data/definitions/{entry.Id[4..]}.html", entry.Url);
            }
        }
        // Every fact of the taxonomy is catalogued, so a mapping can use any of them.
        Assert.All(facts.Keys, id => Assert.NotNull(ThreatCatalog.Find(id)));
    }

    [Theory]
    [InlineData("AML.T0010.003", "AI Supply Chain Compromise: Model")]
    [InlineData("AML.T0011.000", "User Execution: Unsafe AI Artifacts")]
    [InlineData("AML.T0109", "AI Supply Chain Rug Pull")]
    [InlineData("ML06", "AI Supply Chain Attacks")]
    public void Sub_techniques_are_shown_with_their_parent(string id, string displayName) =>
        Assert.Equal(displayName, ThreatCatalog.Find(id)!.DisplayName);

    [Theory]
    [InlineData("MG1001", "ML06 LLM03 AML.T0010.001 CWE-1395 CWE-1104")]
    [InlineData("MG2001", "ML06 LLM03 LLM04 AML.T0011.000 AML.T0018.002 AML.T0112.001 CWE-502")]
    [InlineData("MG3001", "ML06 LLM03 AML.T0010.003 AML.T0109 CWE-494")]
    [InlineData("MG3003", "ML06 ML10 LLM03 LLM04 AML.T0010.003 CWE-494 CWE-345")]
    public void Key_rules_carry_the_threats_they_are_evidence_of(string ruleId, string ids) =>
        Assert.Equal(ids, string.Join(' ', ThreatCatalog.For(ruleId).Select(t => t.Id)));

    [Fact]
    public void Docs_threats_table_is_generated_from_the_data()
    {
        var path = Path.Combine(RepositoryPaths.Root, "docs", "threats.md");
        var expected = ThreatDocs.Render();
        if (Environment.GetEnvironmentVariable("MODELGATE_UPDATE_GOLDEN") == "1")
            File.WriteAllText(path, expected);
        Assert.True(File.Exists(path), "docs/threats.md is missing; run with MODELGATE_UPDATE_GOLDEN=1");
        Assert.Equal(expected, File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    private static Dictionary<string, (string Taxonomy, string Name, string Url)> ReadTaxonomy()
    {
        var file = Path.Combine(RepositoryPaths.Root, "..", "shared", "data", "threat-taxonomy.yaml");
        var sections = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["owasp_ml_top10"] = ThreatCatalog.OwaspMl,
            ["owasp_llm_top10_2025"] = ThreatCatalog.OwaspLlm,
            ["mitre_atlas"] = ThreatCatalog.Atlas,
            ["cwe"] = ThreatCatalog.Cwe,
        };
        var result = new Dictionary<string, (string, string, string)>(StringComparer.Ordinal);
        string? taxonomy = null;
        foreach (var line in File.ReadLines(file, Encoding.UTF8))
        {
            var section = Section().Match(line);
            if (section.Success)
            {
                taxonomy = sections.GetValueOrDefault(section.Groups[1].Value);
                continue;
            }
            var entry = Entry().Match(line);
            if (entry.Success && taxonomy is not null)
                Assert.True(result.TryAdd(entry.Groups["id"].Value, (taxonomy, entry.Groups["name"].Value, entry.Groups["url"].Value)));
        }
        Assert.True(result.Count > 50, $"read only {result.Count} entries from {file}");
        return result;
    }

    [GeneratedRegex(@"^(\w+):\s*$")]
    private static partial Regex Section();

    [GeneratedRegex("^\\s+- \\{id: (?<id>[^,]+), name: \"(?<name>[^\"]+)\".*url: \"(?<url>[^\"]+)\"\\}")]
    private static partial Regex Entry();
}
