using System.Text.Json;

namespace ModelGate.Cli.Tests;

public sealed class ExitCodeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "modelgate-cli-tests", Guid.NewGuid().ToString("N"));

    public ExitCodeTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("scan")]
    [InlineData("scan", "--format", "xml", ".")]
    [InlineData("scan", "--fail-on", "severe", ".")]
    [InlineData("inventory", "--python-version", "three", ".")]
    [InlineData("inventory", "--platform", "beos", ".")]
    [InlineData("frobnicate")]
    public async Task Usage_errors_exit_2_with_a_message(params string[] args)
    {
        var (code, _, stderr) = await CliRunner.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains("modelgate:", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("inventory")]
    public async Task A_target_that_does_not_exist_exits_2(string command)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(command, Path.Combine(_dir, "missing"));

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("neither a file nor a folder", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_folder_passes()
    {
        var (code, stdout, _) = await CliRunner.RunAsync("scan", _dir);

        Assert.Equal(0, code);
        Assert.Contains("Decision: PASS", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_unknown_file_fails_closed_with_exit_1()
    {
        var file = Path.Combine(_dir, "notes.md");
        await File.WriteAllTextAsync(file, "# not a manifest");

        var (code, stdout, _) = await CliRunner.RunAsync("scan", file);

        Assert.Equal(1, code);
        Assert.Contains("MG0006", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_on_critical_lets_a_high_finding_through()
    {
        var file = Path.Combine(_dir, "notes.md");
        await File.WriteAllTextAsync(file, "# not a manifest");

        var (code, _, _) = await CliRunner.RunAsync("scan", file, "--fail-on", "critical");

        Assert.Equal(0, code);
    }

    [Fact]
    public async Task Json_report_goes_to_the_output_file_with_the_stable_top_level_fields()
    {
        var output = Path.Combine(_dir, "report.json");

        var (code, stdout, stderr) = await CliRunner.RunAsync("scan", _dir, "--format", "json", "--output", output);

        Assert.Equal(0, code);
        Assert.Empty(stdout);
        Assert.Contains("Decision: PASS", stderr, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("modelgate", root.GetProperty("tool").GetProperty("name").GetString());
        foreach (var field in new[] { "target", "packages", "artifacts", "findings", "decision" })
            Assert.True(root.TryGetProperty(field, out _), field);
        Assert.Equal("pass", root.GetProperty("decision").GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Table_output_written_to_a_file_has_no_terminal_escapes()
    {
        var output = Path.Combine(_dir, "report.txt");

        await CliRunner.RunAsync("scan", _dir, "--output", output);

        var text = await File.ReadAllTextAsync(output);
        Assert.Contains("Decision: PASS", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text);
    }
}
