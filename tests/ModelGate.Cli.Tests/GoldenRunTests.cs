using System.Text.RegularExpressions;
using ModelGate.Tests.Support;

namespace ModelGate.Cli.Tests;

/// <summary>
/// Whole CLI runs on fixture projects, compared with committed output. The clock and the absolute target
/// path are normalized; set MODELGATE_UPDATE_GOLDEN=1 to rewrite the files after a deliberate change.
/// </summary>
public sealed partial class GoldenRunTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", name);

    [Theory]
    [InlineData("inventory-mixed-project.json", "inventory", "mixed-project", "--format", "json")]
    [InlineData("inventory-mixed-project-linux-py311.json", "inventory", "mixed-project", "--format", "json", "--python-version", "3.11", "--platform", "linux")]
    [InlineData("scan-mixed-project.txt", "scan", "mixed-project", "--db", "<advisories>")]
    [InlineData("deps-mixed-project.md", "deps", "mixed-project", "--db", "<advisories>", "--format", "markdown")]
    [InlineData("deps-mixed-project.json", "deps", "mixed-project", "--db", "<advisories>", "--format", "json", "--ignore", "TEST-2026-0002")]
    [InlineData("model-models.txt", "model", "models")]
    [InlineData("model-models.json", "model", "models", "--format", "json", "--hash")]
    [InlineData("scan-models.md", "scan", "models", "--db", "<advisories>", "--format", "markdown")]
    [InlineData("model-models.sarif", "model", "models", "--format", "sarif")]
    public async Task Fixture_runs_match_their_golden_output(string golden, string command, string fixture, params string[] options)
    {
        var target = Fixture(fixture);
        var advisories = Fixture("advisories");
        var (code, stdout, stderr) = await CliRunner.RunAsync([command, target, .. options.Select(o => o == "<advisories>" ? advisories : o)]);

        Assert.Empty(stderr);
        Golden.AssertMatches($"exit code: {code}\n{Normalize(stdout.Replace(advisories, "<advisories>", StringComparison.Ordinal), target)}", golden);
    }

    [Fact]
    public async Task Explain_prints_the_annotated_disassembly_of_every_pickle()
    {
        var target = Path.Combine(Fixture("models"), "payload.pkl");
        var (code, stdout, stderr) = await CliRunner.RunAsync("model", target, "--explain");

        Assert.Empty(stderr);
        Assert.Equal(1, code);
        Golden.AssertMatches(Normalize(stdout, Fixture("models")), "model-explain-payload.txt");
    }

    [Fact]
    public async Task The_bundled_example_scans_with_its_pinned_packages()
    {
        var target = RepoExamples.Path("sklearn-pandas");
        var (code, stdout, _) = await CliRunner.RunAsync("scan", target, "--format", "json", "--db", Path.Combine(target, "advisories"));

        Assert.Equal(1, code);
        Golden.AssertMatches(Normalize(stdout, target).Replace(Path.Combine(target, "advisories"), "<target>/advisories", StringComparison.Ordinal), "scan-example-sklearn-pandas.json");
    }

    private static string Normalize(string output, string target) =>
        GeneratedAt().Replace(output.Replace(target, "<target>", StringComparison.Ordinal), "\"generatedAt\": \"<time>\"");

    [GeneratedRegex("\"generatedAt\": \"[^\"]+\"")]
    private static partial Regex GeneratedAt();
}
