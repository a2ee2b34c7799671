using System.Text;
using ModelGate.Formats.Osv;

namespace ModelGate.Formats.Tests.Osv;

public sealed class OsvYamlReaderTests
{
    [Fact]
    public void Scalars_keep_the_text_as_written()
    {
        var a = OsvYamlReader.Read("""
            id: PYSEC-2020-1
            modified: 2021-02-03T04:05:06.5Z
            affected:
            - package:
                ecosystem: PyPI
                name: demo
              ranges:
              - type: ECOSYSTEM
                events:
                - introduced: 0
                - fixed: 3.10
                - introduced: 1e3
                - fixed: 0x10
              versions:
              - "0.1"
              - 1.0
              - 2.00
            """);
        var events = a.Affected[0].Ranges[0].Events.Select(e => e.Version);
        Assert.Equal(["0", "3.10", "1e3", "0x10"], events);
        Assert.Equal(["0.1", "1.0", "2.00"], a.Affected[0].Versions);
        Assert.Equal(new DateTimeOffset(2021, 2, 3, 4, 5, 6, 500, TimeSpan.Zero), a.Modified);
    }

    [Theory]
    [InlineData("summary: ~")]
    [InlineData("summary: null")]
    [InlineData("summary:")]
    public void Plain_null_scalars_are_absent(string line)
    {
        Assert.Null(OsvYamlReader.Read("id: X\n" + line + "\n").Summary);
    }

    [Fact]
    public void Quoted_null_is_a_string()
    {
        Assert.Equal("null", OsvYamlReader.Read("id: X\nsummary: 'null'\n").Summary);
    }

    [Theory]
    [InlineData("id: !!python/object:os.system X\n", "YAML tag")]
    [InlineData("id: X\naliases: &a [A]\nrelated: *a\n", "YAML alias '*a' refused")]
    [InlineData("id: X\nid: Y\n", "the key 'id' appears twice")]
    [InlineData("id: X\n---\nid: Y\n", "more than one document")]
    [InlineData("", "empty")]
    [InlineData("id: [1\n", "invalid YAML")]
    [InlineData("id:\n  a: b\n", "id must be a string, not an object")]
    [InlineData("? [a]\n: b\n", "mapping key is not a plain string")]
    public void Hostile_or_wrong_yaml_is_refused(string yaml, string expected)
    {
        var ex = Assert.Throws<MalformedDataException>(() => OsvYamlReader.Read(yaml));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Billion_laughs_costs_nothing_because_aliases_are_refused()
    {
        var sb = new StringBuilder("id: X\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
            sb.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        var ex = Assert.Throws<MalformedDataException>(() => OsvYamlReader.Read(sb.ToString()));
        Assert.Contains("alias", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var yaml = "id: X\nx: " + new string('[', 5000) + new string(']', 5000) + "\n";
        Assert.Throws<MalformedDataException>(() => OsvYamlReader.Read(yaml));
    }

    /// <summary>Every advisory of the PyPA snapshot reads, and survives the canonical JSON round trip.</summary>
    [Fact]
    public void Pypa_snapshot_reads_and_round_trips_through_canonical_json()
    {
        var root = SnapshotPath();
        var files = Directory.GetFiles(Path.Combine(root, "vulns"), "*.yaml", SearchOption.AllDirectories);
        Assert.True(files.Length > 2600, $"only {files.Length} advisories in {root}");
        foreach (var file in files)
        {
            var advisory = OsvYamlReader.Read(File.ReadAllText(file));
            Assert.Equal(Path.GetFileNameWithoutExtension(file), advisory.Id);
            var json = OsvJsonWriter.ToUtf8Bytes(advisory);
            var back = OsvJsonReader.Read(json);
            OsvAssert.Equal(advisory, back);
            Assert.Equal(json, OsvJsonWriter.ToUtf8Bytes(back));
        }
    }

    [Fact]
    public void Pypa_yaml_with_quoted_and_plain_versions_keeps_both_spellings()
    {
        var advisory = OsvYamlReader.Read(File.ReadAllText(Path.Combine(SnapshotPath(), "vulns", "zstd", "PYSEC-2023-121.yaml")));
        Assert.Contains("1.3.0.2", advisory.Affected[0].Versions);
        Assert.Equal("0", advisory.Affected[0].Ranges[0].Events[0].Version);
    }

    internal static string SnapshotPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "testdata", "pypa-advisory-db");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new InvalidOperationException("shared/testdata/pypa-advisory-db not found above " + AppContext.BaseDirectory);
    }
}
