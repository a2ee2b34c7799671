using System.Text.RegularExpressions;
using ModelGate.Tests.Support;

namespace ModelGate.Cli.Tests;

/// <summary><c>modelgate threats</c> on the bundled examples, offline with their advisories, compared with committed Markdown.</summary>
public sealed partial class ThreatsRunTests
{

    [Theory]
    [InlineData("sklearn-pandas")]
    [InlineData("bert-sentiment")]
    public async Task Threat_model_of_the_example_matches_its_golden_markdown(string example)
    {
        var target = RepoExamples.Path(example);
        var (code, stdout, stderr) = await CliRunner.RunAsync("threats", target, "--db", Path.Combine(target, "advisories"));

        Assert.Empty(stderr);
        Assert.Equal(0, code);
        Golden.AssertMatches(Scanned().Replace(stdout.Replace(target, "<target>", StringComparison.Ordinal), "- Scanned: <time>"), $"threats-{example}.md");
    }

    [Fact]
    public async Task Threat_model_is_written_to_the_output_file()
    {
        var target = RepoExamples.Path("sklearn-pandas");
        var output = Path.Combine(Path.GetTempPath(), $"modelgate-threats-{Guid.NewGuid():N}.md");
        try
        {
            var (code, stdout, stderr) = await CliRunner.RunAsync("threats", target, "--db", Path.Combine(target, "advisories"), "-o", output);

            Assert.Equal(0, code);
            Assert.Empty(stdout);
            Assert.Contains(output, stderr, StringComparison.Ordinal);
            Assert.StartsWith("# Threat model: ", await File.ReadAllTextAsync(output), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task A_missing_target_is_an_error_naming_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"modelgate-missing-{Guid.NewGuid():N}");
        var advisories = Path.Combine(RepoExamples.Path("sklearn-pandas"), "advisories");
        var (code, stdout, stderr) = await CliRunner.RunAsync("threats", missing, "--db", advisories);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex("- Scanned: [^\\n]+")]
    private static partial Regex Scanned();
}
