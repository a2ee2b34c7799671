using System.Text;
using System.Text.Json;
using ModelGate.Formats.CycloneDx;
using ModelGate.Reporting.CycloneDx;
using ModelGate.Sbom;
using ModelGate.Tests.Reporting;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Sbom;

public sealed class BomDiffTests
{
    private static CycloneDxBom Bom(string components, string vulnerabilities = "[]") =>
        CycloneDxReader.Read(Encoding.UTF8.GetBytes($$"""{"bomFormat":"CycloneDX","specVersion":"1.6","components":{{components}},"vulnerabilities":{{vulnerabilities}}}"""));

    private static string Lib(string name, string version, string? sha256 = null) =>
        $$"""{"bom-ref":"pkg:pypi/{{name}}@{{version}}","type":"library","name":"{{name}}","version":"{{version}}","purl":"pkg:pypi/{{name}}@{{version}}"{{(sha256 is null ? "" : $$""","hashes":[{"alg":"SHA-256","content":"{{sha256}}"}]""")}}}""";

    [Fact]
    public void Identical_BOMs_have_no_changes()
    {
        var bom = Bom($"[{Lib("requests", "2.28.2")}]");

        Assert.True(BomDiff.Compare(bom, bom).IsEmpty);
    }

    [Fact]
    public void A_version_bump_is_one_changed_component_not_an_add_and_a_remove()
    {
        var diff = BomDiff.Compare(Bom($"[{Lib("requests", "2.28.2")}]"), Bom($"[{Lib("requests", "2.32.3")}]"));

        var change = Assert.Single(diff.Changed);
        Assert.Equal(("requests", "2.28.2", "2.32.3"), (change.Name, change.OldVersion, change.NewVersion));
        Assert.Equal(["version 2.28.2 -> 2.32.3"], change.Details);
        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
    }

    [Fact]
    public void A_changed_hash_at_the_same_version_is_a_change()
    {
        var diff = BomDiff.Compare(Bom($"[{Lib("torch", "1.13.0", new string('a', 64))}]"), Bom($"[{Lib("torch", "1.13.0", new string('b', 64))}]"));

        var change = Assert.Single(diff.Changed);
        Assert.StartsWith("SHA-256 aaaaaaaaaaaa", Assert.Single(change.Details), StringComparison.Ordinal);
    }

    [Fact]
    public void Added_and_removed_components_are_listed_by_name()
    {
        var diff = BomDiff.Compare(Bom($"[{Lib("a", "1")},{Lib("b", "1")}]"), Bom($"[{Lib("b", "1")},{Lib("c", "2")}]"));

        Assert.Equal(["c"], diff.Added.Select(c => c.Name));
        Assert.Equal(["a"], diff.Removed.Select(c => c.Name));
    }

    [Fact]
    public void Names_are_matched_as_their_purl_normalizes_them()
    {
        var before = Bom("""[{"type":"library","name":"PyYAML","version":"5.3.1","purl":"pkg:pypi/PyYAML@5.3.1"}]""");
        var after = Bom("""[{"type":"library","name":"pyyaml","version":"5.4","purl":"pkg:pypi/pyyaml@5.4"}]""");

        Assert.Single(BomDiff.Compare(before, after).Changed);
    }

    [Fact]
    public void Vulnerabilities_new_since_the_old_BOM_and_fixed_in_the_new_one_are_listed()
    {
        const string oldVulns = """[{"id":"PYSEC-1","ratings":[{"severity":"high"}],"affects":[{"ref":"pkg:pypi/a@1"}]}]""";
        const string newVulns = """[{"id":"PYSEC-2","ratings":[{"severity":"critical"}],"affects":[{"ref":"pkg:pypi/a@1"}]}]""";

        var diff = BomDiff.Compare(Bom($"[{Lib("a", "1")}]", oldVulns), Bom($"[{Lib("a", "1")}]", newVulns));

        var added = Assert.Single(diff.NewVulnerabilities);
        Assert.Equal(("PYSEC-2", "a", "1", "critical"), (added.Id, added.Component, added.Version, added.Severity));
        Assert.Equal("PYSEC-1", Assert.Single(diff.FixedVulnerabilities).Id);
    }

    [Fact]
    public void Findings_on_the_target_compare_even_when_the_target_was_renamed()
    {
        static CycloneDxBom WithSubject(string name) => CycloneDxReader.Read(Encoding.UTF8.GetBytes($$$"""
            {"bomFormat":"CycloneDX","specVersion":"1.6",
             "metadata":{"component":{"bom-ref":"target","type":"application","name":"{{{name}}}"}},
             "components":[],
             "vulnerabilities":[{"id":"MG3006","ratings":[{"severity":"low"}],"affects":[{"ref":"target"}]}]}
            """));

        var diff = BomDiff.Compare(WithSubject("bert-sentiment"), WithSubject("copy-of-bert-sentiment"));

        Assert.Empty(diff.NewVulnerabilities);
        Assert.Empty(diff.FixedVulnerabilities);
    }

    [Fact]
    public async Task Bumping_one_pin_of_bert_sentiment_shows_exactly_that_change()
    {
        using var tree = new TempTree();
        Copy(Path.Combine(RepositoryPaths.Root, "examples", "bert-sentiment"), tree.Root);
        var requirements = Path.Combine(tree.Root, "requirements.txt");
        var before = await BomAsync(await CycloneDxReportWriterTests.ScanExampleAsync("bert-sentiment", tree.Root));
        File.WriteAllText(requirements, File.ReadAllText(requirements).Replace("requests==2.28.2", "requests==2.32.3", StringComparison.Ordinal));
        var after = await BomAsync(await CycloneDxReportWriterTests.ScanExampleAsync("bert-sentiment", tree.Root));

        var diff = BomDiff.Compare(before, after);

        var change = Assert.Single(diff.Changed);
        Assert.Equal(("requests", "2.28.2", "2.32.3"), (change.Name, change.OldVersion, change.NewVersion));
        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
        Assert.Empty(diff.NewVulnerabilities);
        Assert.Equal(["PYSEC-2023-74 requests 2.28.2"], diff.FixedVulnerabilities.Select(v => $"{v.Id} {v.Component} {v.Version}"));
    }

    [Theory]
    [InlineData("text", "~ library requests: version 2.28.2 -> 2.32.3")]
    [InlineData("markdown", "| changed | library | requests | 2.28.2 | 2.32.3 | version 2.28.2 -> 2.32.3 |")]
    [InlineData("json", "\"newVersion\": \"2.32.3\"")]
    public void Every_format_shows_the_change(string format, string expected)
    {
        var diff = BomDiff.Compare(Bom($"[{Lib("requests", "2.28.2")}]"), Bom($"[{Lib("requests", "2.32.3")}]"));

        var text = BomDiffWriter.Write(diff, format, "old.cdx.json", "new.cdx.json");

        Assert.Contains(expected, text, StringComparison.Ordinal);
        if (format == "json")
            Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("hasChanges").GetBoolean());
    }

    [Fact]
    public void A_hostile_name_cannot_break_the_markdown_table()
    {
        var diff = BomDiff.Compare(Bom("[]"), Bom("""[{"type":"library","name":"x | y\n# z"}]"""));

        var text = BomDiffWriter.Write(diff, "markdown", "a", "b");

        Assert.Contains("| added | library | x \\| y # z |", text, StringComparison.Ordinal);
    }

    private static async Task<CycloneDxBom> BomAsync(global::ModelGate.Reporting.ScanReport report) =>
        CycloneDxReader.Read(Encoding.UTF8.GetBytes(await ReportSamples.WriteAsync(new CycloneDxReportWriter(reproducible: true), report)));

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
