using ModelGate.Formats.Pep440;

namespace ModelGate.Formats.Tests.Pep440;

public class PythonVersionOrderingTests
{
    public static TheoryData<string, string, string> Relations => ReadRelations("ordering.txt");

    public static TheoryData<string, string, string> LegacyRelations => ReadRelations("legacy-ordering.txt");

    public static TheoryData<string[]> SortedBlocks => [.. Pep440Fixtures.Blocks("sorted.txt")];

    [Theory]
    [MemberData(nameof(Relations))]
    public void Pairs_in_ordering_txt_compare_as_written(string left, string relation, string right) =>
        AssertRelation(PythonVersion.Parse(left), relation, PythonVersion.Parse(right));

    [Theory]
    [MemberData(nameof(LegacyRelations))]
    public void Legacy_pairs_in_legacy_ordering_txt_compare_as_written(string left, string relation, string right)
    {
        var l = PythonVersion.ParseLenient(left);
        var r = PythonVersion.ParseLenient(right);

        Assert.True(l.IsLegacy || r.IsLegacy, "each line has a legacy side");
        AssertRelation(l, relation, r);
    }

    [Theory]
    [MemberData(nameof(SortedBlocks))]
    public void Every_pair_in_a_sorted_txt_block_is_in_ascending_order(string[] block)
    {
        var versions = block.Select(PythonVersion.Parse).ToArray();
        for (var i = 0; i < versions.Length; i++)
        {
            for (var j = i + 1; j < versions.Length; j++)
                AssertRelation(versions[i], "<", versions[j]);
        }

        var shuffled = versions.Reverse().ToList();
        shuffled.Sort();
        Assert.Equal(block, shuffled.Select(v => v.Original));
    }

    [Fact]
    public void Null_sorts_first_and_equals_only_null()
    {
        var version = PythonVersion.Parse("0");

        Assert.Equal(1, version.CompareTo(null));
        Assert.True(null < version);
        Assert.True(version > null);
        Assert.False(version == null);
        Assert.True((PythonVersion?)null == null);
        Assert.False(version.Equals((object?)null));
        Assert.False(version.Equals("0"));
    }

    [Fact]
    public void Equal_versions_work_as_dictionary_keys_whatever_their_spelling()
    {
        var releases = new Dictionary<PythonVersion, string> { [PythonVersion.Parse("1.0")] = "first" };

        Assert.Equal("first", releases[PythonVersion.Parse("v1.0.0.0")]);
        Assert.True(releases.ContainsKey(PythonVersion.Parse("1.0.0")));
        Assert.False(releases.ContainsKey(PythonVersion.Parse("1.0.0.1")));
    }

    private static TheoryData<string, string, string> ReadRelations(string file)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in Pep440Fixtures.Lines(file))
        {
            var relation = line.Contains(" == ", StringComparison.Ordinal) ? "==" : "<";
            var at = line.IndexOf($" {relation} ", StringComparison.Ordinal);
            if (at < 0)
                throw new InvalidDataException($"{file}: no ' < ' or ' == ' in '{line}'");
            data.Add(line[..at].Trim(), relation, line[(at + relation.Length + 2)..].Trim());
        }
        return data;
    }

    private static void AssertRelation(PythonVersion left, string relation, PythonVersion right)
    {
        if (relation == "==")
        {
            Assert.Equal(0, left.CompareTo(right));
            Assert.Equal(0, right.CompareTo(left));
            Assert.True(left.Equals(right));
            Assert.True(right.Equals((object)left));
            Assert.True(left == right);
            Assert.False(left != right);
            Assert.True(left <= right && left >= right);
            Assert.False(left < right || left > right);
            Assert.Equal(left.GetHashCode(), right.GetHashCode());
            return;
        }

        Assert.True(left.CompareTo(right) < 0, $"{left} < {right}");
        Assert.True(right.CompareTo(left) > 0, $"{right} > {left}");
        Assert.True(left < right);
        Assert.True(left <= right);
        Assert.True(right > left);
        Assert.True(right >= left);
        Assert.False(left >= right);
        Assert.False(left.Equals(right));
        Assert.True(left != right);
    }
}
