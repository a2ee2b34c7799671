using FsCheck.Xunit;
using ModelGate.Formats.Pep440;

namespace ModelGate.Formats.Tests.Pep440;

[Properties(Arbitrary = [typeof(Pep440Arbitraries)], MaxTest = 500)]
public class Pep440PropertyTests
{
    [Property]
    public void Every_permitted_spelling_parses_to_the_normal_form_of_its_components(SpelledVersion spelled)
    {
        var canonical = spelled.Parts.Canonical();

        var version = PythonVersion.Parse(spelled.Text);

        Assert.Equal(canonical, version.ToString());
        Assert.Equal(PythonVersion.Parse(canonical), version);
        Assert.Equal(spelled.Text, version.Original);
    }

    [Property]
    public void Parsing_the_normal_form_gives_back_an_equal_version(VersionParts parts)
    {
        var version = PythonVersion.Parse(parts.Canonical());

        var reparsed = PythonVersion.Parse(version.ToString());

        Assert.Equal(version, reparsed);
        Assert.Equal(version.ToString(), reparsed.ToString());
        Assert.Equal(version.GetHashCode(), reparsed.GetHashCode());
    }

    [Property]
    public void CompareTo_agrees_with_the_spec_ordering_of_the_components(VersionPair pair)
    {
        var (x, y) = pair;
        var expected = VersionParts.ReferenceCompare(x, y);

        var actual = Math.Sign(PythonVersion.Parse(x.Canonical()).CompareTo(PythonVersion.Parse(y.Canonical())));

        Assert.Equal(expected, actual);
    }

    [Property]
    public void Ordering_is_antisymmetric_and_consistent_with_Equals_and_GetHashCode(SpelledPair pair)
    {
        var (x, y) = pair;
        var a = PythonVersion.Parse(x.Text);
        var b = PythonVersion.Parse(y.Text);

        var ab = Math.Sign(a.CompareTo(b));
        Assert.Equal(-ab, Math.Sign(b.CompareTo(a)));
        Assert.Equal(ab == 0, a.Equals(b));
        Assert.Equal(ab == 0, a == b);
        Assert.Equal(ab < 0, a < b);
        if (ab == 0)
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Property]
    public void Ordering_is_transitive(VersionTriple triple)
    {
        var (x, y, z) = triple;
        var sorted = new[] { x, y, z }.Select(p => PythonVersion.Parse(p.Canonical())).Order().ToArray();

        Assert.True(sorted[0] <= sorted[1] && sorted[1] <= sorted[2]);
        Assert.True(sorted[0] <= sorted[2]);
        Assert.Equal(sorted[0].CompareTo(sorted[1]) == 0 && sorted[1].CompareTo(sorted[2]) == 0, sorted[0] == sorted[2]);
    }

    [Property]
    public void Compatible_release_equals_its_expansion_to_greater_or_equal_and_a_prefix_match(VersionPair pair)
    {
        var (spec, candidate) = pair;
        var release = spec.Release.Length >= 2 ? spec.Release : [.. spec.Release, 0];
        var clause = spec with { Release = release, Local = null };
        var epoch = clause.Epoch.IsZero ? "" : $"{clause.Epoch}!";
        var prefix = $"=={epoch}{string.Join('.', release[..^1])}.*";
        var version = PythonVersion.Parse(candidate.Canonical());

        var compatible = VersionSpecifier.Parse("~=" + clause.Canonical()).IsSatisfiedBy(version, allowPrereleases: true);
        var expansion = SpecifierSet.Parse($">={clause.Canonical()},{prefix}").Contains(version, prereleases: true);

        Assert.Equal(expansion, compatible);
    }

    [Property]
    public void Not_equal_is_the_negation_of_equal_with_and_without_a_wildcard(VersionPair pair, bool wildcard)
    {
        var (spec, candidate) = pair;
        var clause = wildcard ? spec with { Dev = null, Local = null } : spec;
        var text = clause.Canonical() + (wildcard ? ".*" : "");
        var version = PythonVersion.Parse(candidate.Canonical());

        var equal = VersionSpecifier.Parse("==" + text).IsSatisfiedBy(version, allowPrereleases: true);
        var notEqual = VersionSpecifier.Parse("!=" + text).IsSatisfiedBy(version, allowPrereleases: true);

        Assert.NotEqual(equal, notEqual);
    }

    [Property]
    public void Exact_equality_compares_public_versions_unless_the_clause_has_a_local_label(VersionPair pair)
    {
        var (spec, candidate) = pair;
        var clauseVersion = PythonVersion.Parse(spec.Canonical());
        var version = PythonVersion.Parse(candidate.Canonical());
        var expected = clauseVersion.IsLocal ? version == clauseVersion : version.PublicVersion == clauseVersion;

        Assert.Equal(expected, VersionSpecifier.Parse("==" + spec.Canonical()).IsSatisfiedBy(version, allowPrereleases: true));
    }

    [Property]
    public void Inclusive_comparisons_follow_the_ordering_of_public_versions(VersionPair pair)
    {
        var (spec, candidate) = pair;
        var clause = spec with { Local = null };
        var bound = PythonVersion.Parse(clause.Canonical());
        var version = PythonVersion.Parse(candidate.Canonical());

        Assert.Equal(version.PublicVersion >= bound, VersionSpecifier.Parse(">=" + clause.Canonical()).IsSatisfiedBy(version, true));
        Assert.Equal(version.PublicVersion <= bound, VersionSpecifier.Parse("<=" + clause.Canonical()).IsSatisfiedBy(version, true));
    }

    [Property]
    public void Exclusive_comparisons_admit_a_subset_of_the_strict_ordering_and_all_of_it_across_releases(VersionPair pair)
    {
        var (spec, candidate) = pair;
        var clause = spec with { Local = null };
        var bound = PythonVersion.Parse(clause.Canonical());
        var version = PythonVersion.Parse(candidate.Canonical());

        var less = VersionSpecifier.Parse("<" + clause.Canonical()).IsSatisfiedBy(version, true);
        var greater = VersionSpecifier.Parse(">" + clause.Canonical()).IsSatisfiedBy(version, true);

        Assert.True(!less || version.PublicVersion < bound);
        Assert.True(!greater || version.PublicVersion > bound);
        if (version.BaseVersion != bound.BaseVersion)
        {
            Assert.Equal(version.PublicVersion < bound, less);
            Assert.Equal(version.PublicVersion > bound, greater);
        }
    }

    [Property]
    public void Without_a_prerelease_choice_a_set_rejects_prereleases_unless_a_clause_names_one(VersionPair pair)
    {
        var (spec, candidate) = pair;
        var clause = spec with { Local = null };
        var set = SpecifierSet.Parse(">=" + clause.Canonical());
        var version = PythonVersion.Parse(candidate.Canonical());

        var contained = set.Contains(version);

        if (version.IsPrerelease && !clause.IsPrerelease)
            Assert.False(contained);
        else
            Assert.Equal(set.Contains(version, prereleases: true), contained);
    }
}
