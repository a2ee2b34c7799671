using System.Text;
using System.Text.Json;
using ModelGate.Formats.CycloneDx;
using ModelGate.Tests.Provenance.Hub;

namespace ModelGate.Cli.Tests;

/// <summary><c>modelgate bom</c>, <c>bom audit</c>, <c>bom diff</c> and <c>scan BOM</c> end to end on the bert-sentiment example.</summary>
public sealed class BomRunTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "modelgate-bom-tests", Guid.NewGuid().ToString("N"));

    public BomRunTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Advisories => RepoExamples.Path("bert-sentiment/advisories");

    private async Task<string> BomAsync(string target, string name)
    {
        var output = Path.Combine(_dir, name);
        var (code, _, stderr) = await CliRunner.RunAsync("bom", target, "--db", Advisories, "--reproducible", "-o", output);
        Assert.True(code == 0, stderr);
        return output;
    }

    [Fact]
    public async Task The_bert_sentiment_BOM_names_the_model_its_datasets_packages_and_vulnerabilities()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("bom", RepoExamples.Path("bert-sentiment"), "--db", Advisories, "-o", Path.Combine(_dir, "bom.cdx.json"), "--spec-version", "1.7");

        Assert.Equal(0, code);
        Assert.Contains("CycloneDX 1.7 BOM written to", stderr, StringComparison.Ordinal);
        var bom = CycloneDxReader.Read(File.ReadAllBytes(Path.Combine(_dir, "bom.cdx.json")));
        Assert.Equal("1.7", bom.SpecVersion);
        var model = bom.Components.Single(c => c.Type == "machine-learning-model");
        Assert.Equal("pkg:huggingface/google-bert/bert-base-uncased@86b5e0934494bd15c9632b12f734a8a67f723594", model.Purl);
        Assert.Equal(["Apache-2.0"], model.Licenses);
        Assert.Equal(["dataset:bookcorpus", "dataset:wikipedia"], model.ModelCard!.DatasetRefs);
        Assert.Equal("bert", model.ModelCard.ArchitectureFamily);
        Assert.Contains(bom.Components, c => c.Type == "file" && c.ParentRef == model.BomRef && c.Name == "model.safetensors" && c.Hashes.Count == 1);
        Assert.Equal(["bookcorpus", "wikipedia"], bom.Components.Where(c => c.Type == "data").Select(c => c.Name));
        Assert.Equal(13, bom.Components.Count(c => c.PackageUrl?.Type == "pypi"));
        Assert.Contains(bom.Vulnerabilities, v => v.Id == "PYSEC-2023-74" && v.Affects.SequenceEqual(["pkg:pypi/requests@2.28.2"]));
        Assert.Empty(bom.Problems);
    }

    [Fact]
    public async Task Two_reproducible_runs_write_the_same_bytes()
    {
        var first = await BomAsync(RepoExamples.Path("bert-sentiment"), "first.cdx.json");
        var second = await BomAsync(RepoExamples.Path("bert-sentiment"), "second.cdx.json");

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public async Task Bom_diff_after_bumping_one_pin_shows_exactly_that_change_and_exits_1()
    {
        var project = Path.Combine(_dir, "bert-sentiment");
        Copy(RepoExamples.Path("bert-sentiment"), project);
        var before = await BomAsync(project, "before.cdx.json");
        var requirements = Path.Combine(project, "requirements.txt");
        File.WriteAllText(requirements, File.ReadAllText(requirements).Replace("requests==2.28.2", "requests==2.32.3", StringComparison.Ordinal));
        var after = await BomAsync(project, "after.cdx.json");

        var (code, stdout, _) = await CliRunner.RunAsync("bom", "diff", before, after);

        Assert.Equal(1, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(
            [
                "~ library requests: version 2.28.2 -> 2.32.3",
                "✓ fixed vulnerability PYSEC-2023-74 in requests 2.28.2",
                "0 added, 0 removed, 1 changed; 0 new vulnerabilities, 1 fixed",
            ],
            lines);
    }

    [Fact]
    public async Task Bom_diff_of_a_BOM_with_itself_says_no_changes_and_exits_0()
    {
        var bom = await BomAsync(RepoExamples.Path("bert-sentiment"), "bom.cdx.json");

        var (code, stdout, _) = await CliRunner.RunAsync("bom", "diff", bom, bom, "--format", "json");

        Assert.Equal(0, code);
        Assert.False(JsonDocument.Parse(stdout).RootElement.GetProperty("hasChanges").GetBoolean());
    }

    [Fact]
    public async Task Bom_diff_of_a_file_that_is_not_a_BOM_exits_2_naming_it()
    {
        var bom = await BomAsync(RepoExamples.Path("bert-sentiment"), "bom.cdx.json");
        var broken = Path.Combine(_dir, "broken.json");
        File.WriteAllText(broken, "{\"bomFormat\":\"CycloneDX\",\n\"components\": [");

        var (code, _, stderr) = await CliRunner.RunAsync("bom", "diff", bom, broken);

        Assert.Equal(2, code);
        Assert.Contains("broken.json", stderr, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_takes_a_BOM_as_its_target_and_audits_its_packages()
    {
        var bom = await BomAsync(RepoExamples.Path("bert-sentiment"), "bom.cdx.json");

        var (code, stdout, _) = await CliRunner.RunAsync("scan", bom, "--db", Advisories, "--format", "json");

        Assert.Equal(1, code);
        using var report = JsonDocument.Parse(stdout);
        Assert.Equal(13, report.RootElement.GetProperty("summary").GetProperty("packages").GetInt32());
        Assert.Equal(14, report.RootElement.GetProperty("summary").GetProperty("vulnerabilities").GetInt32());
    }

    [Fact]
    public async Task Bom_audit_reports_like_scan_in_every_format()
    {
        var bom = await BomAsync(RepoExamples.Path("bert-sentiment"), "bom.cdx.json");

        var (code, stdout, _) = await CliRunner.RunAsync("bom", "audit", bom, "--db", Advisories, "--format", "sarif");

        Assert.Equal(1, code);
        Assert.Contains("PYSEC-2023-74", stdout, StringComparison.Ordinal);
        Assert.Equal("2.1.0", JsonDocument.Parse(stdout).RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Bom_audit_of_a_file_that_is_not_a_BOM_exits_2()
    {
        var path = Path.Combine(_dir, "requirements.txt");
        File.WriteAllText(path, "requests==2.28.2\n");

        var (code, _, stderr) = await CliRunner.RunAsync("bom", "audit", path, "--db", Advisories);

        Assert.Equal(2, code);
        Assert.Contains("is not a CycloneDX JSON BOM", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_can_write_a_BOM_as_its_report_format()
    {
        var (_, stdout, _) = await CliRunner.RunAsync("scan", RepoExamples.Path("sklearn-pandas"), "--db", RepoExamples.Path("sklearn-pandas/advisories"), "--format", "cyclonedx");

        var bom = CycloneDxReader.Read(Encoding.UTF8.GetBytes(stdout));
        Assert.Equal("1.6", bom.SpecVersion);
        Assert.NotEmpty(bom.Vulnerabilities);
    }

    [Fact]
    public async Task A_Hub_model_BOM_names_it_by_its_huggingface_purl_with_every_file_hashed()
    {
        const string repo = "google-bert/bert-base-uncased";
        const string commit = "86b5e0934494bd15c9632b12f734a8a67f723594";
        var root = RepoExamples.Path("bert-sentiment/model");
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => !p.StartsWith(".cache/", StringComparison.Ordinal))
            .ToDictionary(p => p, p => File.ReadAllBytes(Path.Combine(root, p)), StringComparer.Ordinal);
        await using var hub = new FakeHubServer();
        await using var cdn = new FakeHubServer();
        hub.AddRepo(repo, commit, files, new Dictionary<string, string> { ["main"] = commit });
        hub.UseCdn(cdn);
        var output = Path.Combine(_dir, "hub.cdx.json");

        var (code, _, stderr) = await CliRunner.RunAsync("bom", $"hf://{repo}@{commit}", "--endpoint", hub.EndpointText, "--cache-dir", Path.Combine(_dir, "hf-cache"), "--db", Advisories, "-o", output);

        Assert.True(code == 0, stderr);
        var bom = CycloneDxReader.Read(File.ReadAllBytes(output));
        Assert.Equal(repo, bom.Subject!.Name);
        var model = Assert.Single(bom.Components, c => c.Type == "machine-learning-model");
        Assert.Equal($"pkg:huggingface/{repo}@{commit}", model.Purl);
        var nested = bom.Components.Where(c => c.ParentRef == model.BomRef).ToList();
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), nested.Select(c => c.Name));
        Assert.All(nested, f => Assert.Equal(FakeHubServer.Sha256(files[f.Name]), Assert.Single(f.Hashes).Content));
    }

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
