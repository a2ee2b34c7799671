using ModelGate.Advisories;
using ModelGate.Formats.Osv;
using static ModelGate.Tests.Advisories.Osv;

namespace ModelGate.Tests.Advisories;

public sealed class AdvisoryMatcherTests
{
    private static IReadOnlyList<AdvisoryMatch> MatchOne(OsvAdvisory advisory, string name, string version) =>
        new AdvisoryMatcher(AdvisoryIndex.Build([advisory])).Match(name, version);

    private static bool Affects(string events, string version, string type = "ECOSYSTEM") =>
        MatchOne(Advisory("PYSEC-1", Package("demo", Range(events, type))), "demo", version) switch
        {
            [] => false,
            [{ Outcome: MatchOutcome.Affected }] => true,
            var other => throw new InvalidOperationException($"unexpected {other.Count} matches"),
        };

    [Theory]
    // introduced "0": from the beginning, everything
    [InlineData("i:0", "0", true)]
    [InlineData("i:0", "0.0.0.dev0", true)]
    [InlineData("i:0", "99!1.0", true)]
    // fixed boundary: equal is not affected; pre-releases and dev releases of the fix come before it
    [InlineData("i:0 f:1.0", "0.9", true)]
    [InlineData("i:0 f:1.0", "1.0", false)]
    [InlineData("i:0 f:1.0", "1.0.0", false)]
    [InlineData("i:0 f:1.0", "1.0rc1", true)]
    [InlineData("i:0 f:1.0", "1.0.dev0", true)]
    [InlineData("i:0 f:1.0", "1.0.post1", false)]
    [InlineData("i:0 f:1.0", "1.0+local", false)]
    [InlineData("i:0 f:1.0", "0.9+local", true)]
    [InlineData("i:0 f:1.0", "1!0.5", false)]
    // introduced boundary: equal is affected
    [InlineData("i:1.2 f:1.4", "1.2", true)]
    [InlineData("i:1.2 f:1.4", "1.2rc1", false)]
    [InlineData("i:1.2 f:1.4", "1.1.999", false)]
    [InlineData("i:1.2 f:1.4", "1.3.9", true)]
    // last_affected boundary: equal is affected, anything after is not
    [InlineData("i:1.0 l:2.0", "2.0", true)]
    [InlineData("i:1.0 l:2.0", "2.0.0", true)]
    [InlineData("i:1.0 l:2.0", "2.0+local", false)]
    [InlineData("i:1.0 l:2.0", "2.0.post1", false)]
    [InlineData("i:1.0 l:2.0", "2.0.1", false)]
    [InlineData("i:1.0 l:2.0", "0.9", false)]
    // limit caps the range, exclusive; "*" is infinity
    [InlineData("i:0 x:2.0", "1.9", true)]
    [InlineData("i:0 x:2.0", "2.0", false)]
    [InlineData("i:0 f:3.0 x:2.0", "2.5", false)]
    [InlineData("i:0 f:3.0 x:2.0", "1.5", true)]
    [InlineData("i:0 x:*", "1000", true)]
    [InlineData("i:0 x:1.0 x:3.0", "2.0", true)]
    // several intervals in one range, events listed out of order
    [InlineData("f:2.0 i:1.0 f:4.0 i:3.0", "0.5", false)]
    [InlineData("f:2.0 i:1.0 f:4.0 i:3.0", "1.5", true)]
    [InlineData("f:2.0 i:1.0 f:4.0 i:3.0", "2.5", false)]
    [InlineData("f:2.0 i:1.0 f:4.0 i:3.0", "3.0", true)]
    [InlineData("f:2.0 i:1.0 f:4.0 i:3.0", "4.0", false)]
    // a range with no introduced event affects nothing
    [InlineData("f:2.0", "1.0", false)]
    // a legacy event version orders before every valid one: after introduced "0" a legacy fixed clears
    // every valid version, and a legacy introduced starts the range below all of them
    [InlineData("i:0 f:trunk", "0.1", false)]
    [InlineData("i:0.3m1 f:0.5", "0.4", true)]
    public void Ecosystem_ranges_follow_the_osv_evaluation(string events, string version, bool affected)
    {
        Assert.Equal(affected, Affects(events, version));
    }

    [Theory]
    [InlineData("1.5", true)]
    [InlineData("2.0", false)]
    public void Semver_ranges_are_evaluated_with_pep440(string version, bool affected)
    {
        Assert.Equal(affected, Affects("i:1.0.0 f:2.0.0", version, "SEMVER"));
    }

    [Fact]
    public void Git_ranges_are_ignored()
    {
        Assert.False(Affects("i:0", "1.0", "GIT"));
    }

    [Theory]
    [InlineData("1.0", true)]
    [InlineData("1.0.0", true)]
    [InlineData("1.0.post0", false)]
    [InlineData("1.1", false)]
    [InlineData("0.3m1", true)]
    [InlineData("0.3M1", false)]
    public void Versions_list_compares_by_pep440_equality_else_exact_text(string version, bool affected)
    {
        var advisory = Advisory("PYSEC-1", Entry("PyPI", "demo", ["1.0", "0.3m1", "2.0"]));
        Assert.Equal(affected, MatchOne(advisory, "demo", version).Count == 1);
    }

    [Fact]
    public void Versions_list_and_ranges_are_alternatives()
    {
        var advisory = Advisory("PYSEC-1", Entry("PyPI", "demo", ["5.0"], Range("i:0 f:1.0")));
        Assert.Single(MatchOne(advisory, "demo", "5.0"));
        Assert.Single(MatchOne(advisory, "demo", "0.5"));
        Assert.Empty(MatchOne(advisory, "demo", "3.0"));
    }

    [Fact]
    public void Several_ranges_and_several_entries_for_one_package_all_count()
    {
        var advisory = Advisory(
            "PYSEC-1",
            Package("demo", Range("i:1.0 f:1.1"), Range("i:2.0 f:2.1")),
            Package("Demo", Range("i:3.0 f:3.1")),
            Package("other", Range("i:0")));
        Assert.Single(MatchOne(advisory, "demo", "1.0.5"));
        Assert.Single(MatchOne(advisory, "demo", "2.0.5"));
        Assert.Single(MatchOne(advisory, "demo", "3.0.5"));
        Assert.Empty(MatchOne(advisory, "demo", "2.5"));
    }

    [Theory]
    [InlineData("npm")]
    [InlineData("pypi")]
    [InlineData("PyPI:extra")]
    [InlineData("Root:PyPI")]
    public void Only_the_exact_PyPI_ecosystem_is_indexed(string ecosystem)
    {
        var advisory = Advisory("GHSA-1", Entry(ecosystem, "demo", ["1.0"], Range("i:0")));
        Assert.Empty(MatchOne(advisory, "demo", "1.0"));
    }

    [Fact]
    public void Withdrawn_advisories_are_left_out()
    {
        var advisory = Advisory("PYSEC-1", Package("demo", Range("i:0"))) with { Withdrawn = DateTimeOffset.UnixEpoch };
        var index = AdvisoryIndex.Build([advisory]);
        Assert.Equal(0, index.AdvisoryCount);
        Assert.Empty(new AdvisoryMatcher(index).Match("demo", "1.0"));
    }

    [Theory]
    [InlineData("Scikit_Learn")]
    [InlineData("scikit.learn")]
    [InlineData("SCIKIT-LEARN")]
    [InlineData("scikit--_learn")]
    public void Names_are_compared_pep503_normalized(string spelling)
    {
        var advisory = Advisory("PYSEC-1", Package("scikit_Learn", Range("i:0")));
        Assert.Single(MatchOne(advisory, spelling, "1.0"));
    }

    [Theory]
    [InlineData("2013-01-21T20:33:09+0100")]
    [InlineData("trunk")]
    [InlineData("0.3m1")]
    public void A_legacy_version_cannot_be_evaluated_against_ranges(string version)
    {
        var match = Assert.Single(MatchOne(Advisory("PYSEC-1", Package("demo", Range("i:0 f:1.0"))), "demo", version));
        Assert.Equal(MatchOutcome.CannotEvaluate, match.Outcome);
    }

    [Fact]
    public void A_legacy_version_listed_exactly_is_affected_and_one_not_listed_is_not()
    {
        var advisory = Advisory("PYSEC-1", Entry("PyPI", "demo", ["2013-01-21T20:33:09+0100"]));
        Assert.Equal(MatchOutcome.Affected, Assert.Single(MatchOne(advisory, "demo", "2013-01-21T20:33:09+0100")).Outcome);
        Assert.Empty(MatchOne(advisory, "demo", "2013-02-01T20:50:46+0100"));
    }

    [Fact]
    public void An_unreadable_event_version_makes_the_range_unevaluable_not_clean()
    {
        var advisory = Advisory("PYSEC-1", Package("demo", new OsvRange("ECOSYSTEM", null, [new(OsvEventKind.Introduced, "0"), new(OsvEventKind.Fixed, "  ")])));
        Assert.Equal(MatchOutcome.CannotEvaluate, Assert.Single(MatchOne(advisory, "demo", "1.0")).Outcome);
    }

    [Fact]
    public void Matching_never_reorders_the_advisorys_events()
    {
        var advisory = Advisory("PYSEC-1", Package("demo", Range("f:2.0 i:1.0")));
        var before = advisory.Affected[0].Ranges[0].Events.ToArray();
        Assert.Single(MatchOne(advisory, "demo", "1.5"));
        Assert.Equal(before, advisory.Affected[0].Ranges[0].Events);
    }

    [Fact]
    public void Duplicate_ids_keep_the_newest_modified()
    {
        var old = Advisory("PYSEC-1", Package("demo", Range("i:0 f:1.0"))) with { Modified = DateTimeOffset.UnixEpoch };
        var newer = Advisory("PYSEC-1", Package("demo", Range("i:0 f:2.0"))) with { Modified = DateTimeOffset.UnixEpoch.AddDays(1) };
        var matcher = new AdvisoryMatcher(AdvisoryIndex.Build([newer, old]));
        Assert.Single(matcher.Match("demo", "1.5"));
        Assert.Equal(1, matcher.Index.AdvisoryCount);
    }

    [Fact]
    public void Matches_come_out_ordered_by_id()
    {
        var matcher = new AdvisoryMatcher(AdvisoryIndex.Build([
            Advisory("PYSEC-9", Package("demo", Range("i:0"))),
            Advisory("GHSA-1", Package("demo", Range("i:0"))),
            Advisory("PYSEC-10", Package("demo", Range("i:0"))),
        ]));
        Assert.Equal(["GHSA-1", "PYSEC-10", "PYSEC-9"], matcher.Match("demo", "1").Select(m => m.Id));
    }
}
