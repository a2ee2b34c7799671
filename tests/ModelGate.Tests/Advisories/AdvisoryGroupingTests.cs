using ModelGate.Advisories;
using ModelGate.Formats.Osv;
using static ModelGate.Tests.Advisories.Osv;

namespace ModelGate.Tests.Advisories;

public sealed class AdvisoryGroupingTests
{
    private static IReadOnlyList<AdvisoryGroup> GroupAll(params OsvAdvisory[] advisories)
    {
        var matcher = new AdvisoryMatcher(AdvisoryIndex.Build(advisories));
        return AdvisoryGrouping.Group(matcher.Match("demo", "1.0"));
    }

    private static OsvAdvisory Aliased(string id, params string[] aliases) =>
        Advisory(id, Package("demo", Range("i:0"))) with { Aliases = aliases };

    [Fact]
    public void Aliases_chain_transitively_into_one_group_with_the_pysec_id_first()
    {
        var groups = GroupAll(
            Aliased("GHSA-aaaa", "CVE-2020-1"),
            Aliased("PYSEC-2020-5", "CVE-2020-1"),
            Aliased("OSV-3", "GHSA-aaaa"),
            Aliased("PYSEC-2021-9"));
        Assert.Equal(2, groups.Count);
        Assert.Equal(["PYSEC-2020-5", "CVE-2020-1", "GHSA-aaaa", "OSV-3"], groups[0].Ids);
        Assert.Equal(3, groups[0].Members.Count);
        Assert.Equal(["PYSEC-2021-9"], groups[1].Ids);
    }

    [Theory]
    [InlineData(new[] { "GHSA-1", "CVE-1" }, "GHSA-1")]
    [InlineData(new[] { "CVE-1", "OSV-1" }, "OSV-1")]
    [InlineData(new[] { "PYSEC-2", "PYSEC-1" }, "PYSEC-1")]
    public void Primary_id_prefers_pysec_then_ghsa_then_others_then_cve(string[] ids, string primary)
    {
        var advisories = ids.Select(id => Aliased(id, [.. ids.Where(other => other != id)])).ToArray();
        Assert.Equal(primary, Assert.Single(GroupAll(advisories)).PrimaryId);
    }

    [Fact]
    public void An_alias_that_is_not_a_matched_advisory_never_becomes_primary()
    {
        Assert.Equal(["GHSA-1", "CVE-1", "PYSEC-7"], Assert.Single(GroupAll(Aliased("GHSA-1", "PYSEC-7", "CVE-1"))).Ids);
    }
}
