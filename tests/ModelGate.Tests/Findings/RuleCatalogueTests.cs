using ModelGate.Findings;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Findings;

public sealed class RuleCatalogueTests
{
    [Fact]
    public void Rule_ids_are_unique()
    {
        var duplicates = Rules.All.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    public static TheoryData<string> RuleIds() => new(Rules.All.Select(r => r.Id));

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Every_rule_is_documented_in_docs_rules_md(string id)
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "rules.md"));
        Assert.Contains($"| {id} |", doc, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Every_rule_id_is_in_the_range_of_its_kind(string id)
    {
        var rule = Rules.Find(id)!;
        var range = rule.Kind switch
        {
            FindingKind.ParseError => '0',
            FindingKind.Vulnerability or FindingKind.Hygiene => '1',
            FindingKind.Artifact => '2',
            FindingKind.Provenance => '3',
            FindingKind.License or FindingKind.Card => '4',
            _ => '5',
        };
        Assert.Matches("^MG[0-9]{4}$", id);
        Assert.Equal(range, id[2]);
    }

    [Fact]
    public void The_catalogue_lists_rules_in_id_order()
    {
        var ids = Rules.All.Select(r => r.Id).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }
}
