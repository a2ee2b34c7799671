using System.Text;
using System.Text.Json;
using ModelGate.Tests.Provenance.Hub;

namespace ModelGate.Cli.Tests;

/// <summary>lock, verify, pull and hf:// scans run as a user runs them, against a fake Hub on 127.0.0.1.</summary>
public sealed class ProvenanceRunTests : IDisposable
{
    private const string Repo = "google-bert/bert-base-uncased";
    private const string Commit = "86b5e0934494bd15c9632b12f734a8a67f723594";

    private readonly string _temp = Path.Combine(Path.GetTempPath(), "modelgate-cli-tests", Guid.NewGuid().ToString("N"));

    public ProvenanceRunTests() => Directory.CreateDirectory(_temp);

    private static string ExampleFolder(string name) => RepoExamples.Path("bert-sentiment/" + name);

    private static Dictionary<string, byte[]> ExampleFiles()
    {
        var root = ExampleFolder("model");
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => !p.StartsWith(".cache/", StringComparison.Ordinal))
            .ToDictionary(p => p, p => File.ReadAllBytes(Path.Combine(root, p)), StringComparer.Ordinal);
    }

    private static async Task<(FakeHubServer Hub, FakeHubServer Cdn)> StartBertHubAsync()
    {
        var hub = new FakeHubServer();
        var cdn = new FakeHubServer();
        hub.AddRepo(Repo, Commit, ExampleFiles(), new Dictionary<string, string> { ["main"] = Commit });
        hub.UseCdn(cdn);
        await Task.CompletedTask;
        return (hub, cdn);
    }

    [Fact]
    public async Task Locking_a_twenty_file_repository_costs_one_metadata_request()
    {
        await using var hub = new FakeHubServer();
        var files = Enumerable.Range(0, 20).ToDictionary(
            i => i % 4 == 0 ? $"weights/shard-{i:00}.safetensors" : $"files/file-{i:00}.json",
            i => Encoding.UTF8.GetBytes($"{{\"file\": {i}}}\n"),
            StringComparer.Ordinal);
        hub.AddRepo("acme/twenty", "1111111111222222222233333333334444444444", files, new Dictionary<string, string> { ["main"] = "1111111111222222222233333333334444444444" });
        var lockPath = Path.Combine(_temp, "modelgate.lock.json");

        var (code, stdout, stderr) = await CliRunner.RunAsync("lock", "hf://acme/twenty@main", "--endpoint", hub.EndpointText, "-o", lockPath);

        Assert.True(code == 0, stderr);
        Assert.Single(hub.Requests);
        Assert.Contains("1111111111222222222233333333334444444444", stdout, StringComparison.Ordinal);
        using var lockJson = JsonDocument.Parse(await File.ReadAllBytesAsync(lockPath));
        var model = lockJson.RootElement.GetProperty("models")[0];
        Assert.Equal("main", model.GetProperty("revision").GetString());
        var locked = model.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(20, locked.Count);
        foreach (var file in locked)
        {
            var path = file.GetProperty("path").GetString()!;
            var content = files[path];
            Assert.Equal(content.Length, file.GetProperty("size").GetInt64());
            if (path.EndsWith(".safetensors", StringComparison.Ordinal))
                Assert.Equal(FakeHubServer.Sha256(content), file.GetProperty("sha256").GetString());
            else
                Assert.Equal(FakeHubServer.GitBlobId(content), file.GetProperty("gitBlobId").GetString());
        }
    }

    [Fact]
    public async Task Pull_then_verify_passes_and_one_changed_byte_fails()
    {
        var (hub, cdn) = await StartBertHubAsync();
        await using var _ = hub;
        await using var __ = cdn;
        var lockPath = Path.Combine(_temp, "modelgate.lock.json");
        var destination = Path.Combine(_temp, "bert");
        var cache = Path.Combine(_temp, "hf-cache");

        var locked = await CliRunner.RunAsync("lock", $"hf://{Repo}@main", "--endpoint", hub.EndpointText, "-o", lockPath);
        Assert.True(locked.ExitCode == 0, locked.Stderr);
        var pulled = await CliRunner.RunAsync("pull", $"hf://{Repo}@main", "--endpoint", hub.EndpointText, "--cache-dir", cache, "--lock", lockPath, "--to", destination, "--db", ExampleFolder("advisories"));
        Assert.True(pulled.ExitCode == 0, pulled.Stderr + pulled.Stdout);
        Assert.Contains("every byte verified", pulled.Stderr, StringComparison.Ordinal);

        var verified = await CliRunner.RunAsync("verify", destination, "--lock", lockPath);
        Assert.True(verified.ExitCode == 0, verified.Stdout);

        var config = Path.Combine(destination, "config.json");
        var bytes = await File.ReadAllBytesAsync(config);
        bytes[^2] ^= 0x01;
        await File.WriteAllBytesAsync(config, bytes);
        var (code, stdout, _) = await CliRunner.RunAsync("verify", destination, "--lock", lockPath, "--format", "json");
        Assert.Equal(1, code);
        using var report = JsonDocument.Parse(stdout);
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("MG3003", finding.GetProperty("ruleId").GetString());
        Assert.Equal("critical", finding.GetProperty("severity").GetString());
        Assert.Contains("config.json", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_pull_exits_1_and_places_nothing()
    {
        var (hub, cdn) = await StartBertHubAsync();
        await using var _ = hub;
        await using var __ = cdn;
        hub.TamperContent("pytorch_model.bin", 10);
        var destination = Path.Combine(_temp, "bert");

        var (code, _, stderr) = await CliRunner.RunAsync("pull", $"hf://{Repo}@{Commit}", "--endpoint", hub.EndpointText, "--to", destination, "--db", ExampleFolder("advisories"));

        Assert.Equal(1, code);
        Assert.False(Directory.Exists(destination));
        Assert.Contains("Nothing was placed", stderr, StringComparison.Ordinal);
        Assert.Contains("pytorch_model.bin", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pulled_model_scans_offline_from_the_cache_as_an_hf_target()
    {
        var (hub, cdn) = await StartBertHubAsync();
        await using var _ = hub;
        await using var __ = cdn;
        var cache = Path.Combine(_temp, "hf-cache");
        var pulled = await CliRunner.RunAsync("pull", $"hf://{Repo}@main", "--endpoint", hub.EndpointText, "--cache-dir", cache, "--db", ExampleFolder("advisories"));
        Assert.True(pulled.ExitCode == 0, pulled.Stderr);
        var requests = hub.Requests.Count;

        var (code, stdout, stderr) = await CliRunner.RunAsync("model", $"hf://{Repo}@main", "--offline", "--cache-dir", cache, "--format", "json");

        Assert.True(code == 0, stderr);
        Assert.Equal(requests, hub.Requests.Count);
        using var report = JsonDocument.Parse(stdout);
        var provenance = Assert.Single(report.RootElement.GetProperty("provenance").EnumerateArray());
        Assert.Equal(Commit, provenance.GetProperty("commit").GetString());
        Assert.Equal("none", provenance.GetProperty("pinnedBy").GetString());
        Assert.Contains(report.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "MG3001");
        Assert.Contains(report.RootElement.GetProperty("artifacts").EnumerateArray(), a => a.GetProperty("path").GetString() == "model.safetensors");
    }

    [Fact]
    public async Task The_bundled_example_verifies_against_its_lock()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("verify", ExampleFolder("model"), "--lock", ExampleFolder("modelgate.lock.json"), "--format", "json");

        Assert.True(code == 0, stderr + stdout);
        using var report = JsonDocument.Parse(stdout);
        Assert.Empty(report.RootElement.GetProperty("findings").EnumerateArray());
        var provenance = Assert.Single(report.RootElement.GetProperty("provenance").EnumerateArray());
        Assert.Equal(7, provenance.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public async Task A_folder_lock_records_the_commit_from_local_dir_metadata()
    {
        var lockPath = Path.Combine(_temp, "local.lock.json");
        var (code, _, stderr) = await CliRunner.RunAsync("lock", ExampleFolder("model"), "--repo", Repo, "-o", lockPath);

        Assert.True(code == 0, stderr);
        Assert.Equal(await File.ReadAllTextAsync(ExampleFolder("modelgate.lock.json")), await File.ReadAllTextAsync(lockPath));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_temp, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the OS temp cleaner takes it.
        }
    }
}
