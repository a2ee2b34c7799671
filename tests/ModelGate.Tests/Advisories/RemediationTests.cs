using ModelGate.Advisories;
using ModelGate.Formats.Osv;
using static ModelGate.Tests.Advisories.Osv;

namespace ModelGate.Tests.Advisories;

public sealed class RemediationTests
{
    private static RemediationAdvice Advise(string version, params OsvAdvisory[] advisories)
    {
        var matcher = new AdvisoryMatcher(AdvisoryIndex.Build(advisories));
        return UpgradeAdvisor.Advise(version, AdvisoryGrouping.Group(matcher.Match("demo", version)), matcher.Index.Get("demo"));
    }

    [Fact]
    public void Upgrade_is_the_smallest_fix_that_no_advisory_of_the_package_affects()
    {
        var advice = Advise(
            "1.0",
            Advisory("PYSEC-1", Package("demo", Range("i:0 f:1.1"))),
            Advisory("PYSEC-2", Package("demo", Range("i:0 f:1.2"), Range("i:1.3 f:1.4"))),
            Advisory("PYSEC-3", Package("demo", Range("i:1.2 f:1.3"))));
        // 1.1 is still hit by PYSEC-2, 1.2 by PYSEC-3 (which 1.0 itself is clear of), 1.3 by PYSEC-2's second range; 1.4 is clean.
        Assert.Equal("1.4", advice.RecommendedUpgrade);
        Assert.False(advice.CrossesMajor);
        Assert.Equal(["1.1"], advice.FixedByGroup.Single(g => g.Group.PrimaryId == "PYSEC-1").Fixed);
        Assert.Equal(["1.2", "1.4"], advice.FixedByGroup.Single(g => g.Group.PrimaryId == "PYSEC-2").Fixed);
        Assert.Null(advice.Rollback);
    }

    [Fact]
    public void Upgrade_across_a_major_release_is_flagged()
    {
        var advice = Advise("1.9", Advisory("PYSEC-1", Package("demo", Range("i:0 f:2.0.1"))));
        Assert.Equal("2.0.1", advice.RecommendedUpgrade);
        Assert.True(advice.CrossesMajor);
    }

    [Fact]
    public void Rollback_is_the_newest_named_version_below_that_no_advisory_affects()
    {
        var advice = Advise(
            "2.1",
            Advisory("PYSEC-1", Package("demo", Range("i:0 f:1.0"), Range("i:2.0 f:2.5"))),
            Advisory("PYSEC-2", Package("demo", Range("i:1.5 l:2.2"))));
        Assert.Equal("1.0", advice.Rollback);
        Assert.Equal("2.5", advice.RecommendedUpgrade);
        Assert.Equal(["2.5"], advice.FixedByGroup.Single(g => g.Group.PrimaryId == "PYSEC-1").Fixed);
    }

    [Fact]
    public void Fixed_versions_below_the_current_one_are_not_listed_and_spellings_collapse()
    {
        var advice = Advise("1.5", Advisory("PYSEC-1", Package("demo", Range("i:0 f:1.0"), Range("i:1.5 f:2.0"), Range("i:1.4 f:2.0.0"))));
        Assert.Equal(["2.0"], Assert.Single(advice.FixedByGroup).Fixed);
        Assert.Equal("2.0", advice.RecommendedUpgrade);
        Assert.Equal("1.0", advice.Rollback);
    }

    [Fact]
    public void No_fix_means_no_upgrade()
    {
        var advice = Advise("3.0", Advisory("PYSEC-1", Entry("PyPI", "demo", ["1.0", "2.0", "3.0"], Range("i:0"))));
        Assert.Null(advice.RecommendedUpgrade);
        Assert.Null(advice.Rollback);
        Assert.Empty(Assert.Single(advice.FixedByGroup).Fixed);
    }

    [Fact]
    public void A_pre_release_fix_recommends_the_final_release_it_leads_to()
    {
        var advice = Advise("0.9", Advisory("PYSEC-1", Package("demo", Range("i:0 f:1.0rc1"))));
        Assert.Equal("1.0", advice.RecommendedUpgrade);
    }

    [Fact]
    public void A_final_release_affected_by_another_advisory_is_passed_over()
    {
        var advice = Advise("0.9", Advisory("PYSEC-1", Package("demo", Range("i:0 f:1.0rc1"))), Advisory("PYSEC-2", Package("demo", Range("i:1.0 f:1.1"))));
        Assert.Equal("1.1", advice.RecommendedUpgrade);
    }

    [Fact]
    public void A_final_release_is_preferred_to_a_smaller_pre_release()
    {
        var advice = Advise("0.9", Advisory("PYSEC-1", Package("demo", Range("i:0 f:0.24.dev0"))), Advisory("PYSEC-2", Package("demo", Range("i:0 f:0.23.1"))));
        Assert.Equal("0.24", advice.RecommendedUpgrade);
    }
}
