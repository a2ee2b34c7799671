using System.Text.Json;
using System.Text.RegularExpressions;
using ModelGate.Tests.Support;

namespace ModelGate.Cli.Tests;

/// <summary><c>modelgate assess</c> end to end on the bert-base-uncased example and on small cards.</summary>
public sealed partial class AssessRunTests
{
    private static string Normalize(string output, string example) =>
        GeneratedAt().Replace(output.Replace(example, "<example>", StringComparison.Ordinal), "\"generatedAt\": \"<time>\"");

    [GeneratedRegex("\"generatedAt\": \"[^\"]+\"")]
    private static partial Regex GeneratedAt();

    [Theory]
    [InlineData("markdown", "assess-bert-sentiment.md")]
    [InlineData("json", "assess-bert-sentiment.json")]
    public async Task The_bert_example_is_assessed_with_its_lock_from_the_project_folder(string format, string golden)
    {
        var example = RepoExamples.Path("bert-sentiment");
        var target = Path.Combine(example, "model");

        var (code, stdout, stderr) = await CliRunner.RunAsync("assess", target, "--offline", "--db", Path.Combine(example, "advisories"), "--format", format);

        Assert.Empty(stderr);
        Assert.Equal(0, code);
        Golden.AssertMatches($"exit code: {code}\n{Normalize(stdout, example)}", golden);
    }

    [Fact]
    public async Task The_bert_example_json_carries_the_facts_a_reviewer_asks_for()
    {
        var example = RepoExamples.Path("bert-sentiment");
        var (_, stdout, _) = await CliRunner.RunAsync("assess", Path.Combine(example, "model"), "--offline", "--db", Path.Combine(example, "advisories"), "--format", "json");

        using var json = JsonDocument.Parse(stdout);
        var assessment = json.RootElement.GetProperty("assessment");
        var parts = assessment.GetProperty("parts");
        Assert.Equal("warn", assessment.GetProperty("verdict").GetString());
        Assert.Equal("apache-2.0", parts.GetProperty("licensing").GetProperty("license").GetString());
        Assert.Equal("permissive", parts.GetProperty("licensing").GetProperty("category").GetString());
        Assert.Equal("pass", parts.GetProperty("licensing").GetProperty("verdict").GetString());
        var evidence = string.Join('\n', parts.EnumerateObject().SelectMany(p => p.Value.GetProperty("evidence").EnumerateArray().Select(e => e.GetString())));
        Assert.Contains("dataset bookcorpus", evidence, StringComparison.Ordinal);
        Assert.Contains("dataset wikipedia", evidence, StringComparison.Ordinal);
        Assert.Contains("limitations and bias: \"Limitations and bias\"", evidence, StringComparison.Ordinal);
        Assert.Contains("signature: none found (model.sig absent", evidence, StringComparison.Ordinal);
        Assert.Contains("revision: pinned to commit 86b5e0934494bd15c9632b12f734a8a67f723594", evidence, StringComparison.Ordinal);
        var recommendations = parts.GetProperty("technicalSecurity").GetProperty("recommendations")[0].GetString();
        Assert.Equal("Load model.safetensors (use_safetensors=True) and leave pytorch_model.bin out of downloads.", recommendations);
        Assert.InRange(parts.GetProperty("operationalRisk").GetProperty("documentationScore").GetInt32(), 70, 100);
    }

    [Fact]
    public async Task Without_a_lock_the_revision_is_unpinned()
    {
        using var tree = new TempTree();
        var model = RepoExamples.Path("bert-sentiment/model");
        foreach (var file in Directory.GetFiles(model))
            File.Copy(file, Path.Combine(tree.Root, Path.GetFileName(file)));

        var (code, stdout, _) = await CliRunner.RunAsync("assess", tree.Root, "--offline", "--db", RepoExamples.Path("bert-sentiment/advisories"), "--format", "json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        var provenance = json.RootElement.GetProperty("assessment").GetProperty("parts").GetProperty("provenance");
        Assert.Contains(provenance.GetProperty("evidence").EnumerateArray(), e => e.GetString() == "revision: unpinned (no lock names this snapshot's commit)");
        Assert.Equal("warn", provenance.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task A_failed_assessment_exits_1()
    {
        using var tree = new TempTree();
        tree.Write("README.md", "---\nlicense: cc-by-nc-4.0\n---\n# A research model\n\nFor non-commercial use only.\n");

        var (code, stdout, _) = await CliRunner.RunAsync("assess", tree.Root, "--offline", "--db", RepoExamples.Path("bert-sentiment/advisories"));

        Assert.Equal(1, code);
        Assert.Contains("| Licensing and IP | ❌ FAIL | cc-by-nc-4.0 (non-commercial); clauses: non-commercial |", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_table_format_is_refused()
    {
        using var tree = new TempTree();

        var (code, _, stderr) = await CliRunner.RunAsync("assess", tree.Root, "--format", "table");

        Assert.Equal(2, code);
        Assert.Contains("assess writes markdown, json or html, not 'table'", stderr, StringComparison.Ordinal);
    }
}
