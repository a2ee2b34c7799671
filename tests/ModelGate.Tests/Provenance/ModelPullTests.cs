using ModelGate.Findings;
using ModelGate.Provenance;
using ModelGate.Provenance.Hub;
using ModelGate.Provenance.Locks;
using ModelGate.Scanning;

namespace ModelGate.Tests.Provenance;

public sealed class ModelPullTests
{
    private static readonly HubReference Main = HubReference.Parse($"hf://{BertHub.RepoName}@main");

    private static Scanner Scanner() => ScannerBuilder.CreateForModels().Build();

    [Fact]
    public async Task A_verified_clean_model_is_placed_in_a_folder_that_verify_then_accepts()
    {
        await using var hub = new BertHub();
        var destination = Path.Combine(hub.Temp.Root, "models", "bert");
        var result = await ModelPull.RunAsync(Main, destination, hub.Options(), Scanner(), new ScanOptions(), CancellationToken.None);

        Assert.Equal(Path.GetFullPath(destination), result.PlacedAt);
        foreach (var (path, bytes) in hub.Files)
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(destination, path)));
        Assert.False(Directory.Exists(Path.Combine(hub.Temp.Root, "models", ModelPull.QuarantineFolderName)));

        // The local-dir metadata records the commit, so verify can tell which commit the folder holds.
        var verification = await SnapshotVerifier.VerifyAsync(destination, (await BertHub.ExampleLockAsync()).Models[0], CancellationToken.None);
        Assert.Equal(BertHub.Commit, verification.DetectedCommit);
        Assert.All(verification.Files, f => Assert.Equal(FileVerificationStatus.Verified, f.Status));
    }

    [Fact]
    public async Task Without_a_destination_the_model_lands_in_the_huggingface_hub_cache_layout()
    {
        await using var hub = new BertHub();
        var result = await ModelPull.RunAsync(Main, null, hub.Options(), Scanner(), new ScanOptions(), CancellationToken.None);

        var repoFolder = Path.Combine(hub.HfCache, "models--google-bert--bert-base-uncased");
        Assert.Equal(Path.Combine(repoFolder, "snapshots", BertHub.Commit), result.PlacedAt);
        Assert.Equal(BertHub.Commit, (await File.ReadAllTextAsync(Path.Combine(repoFolder, "refs", "main"))).Trim());
        var config = new FileInfo(Path.Combine(result.PlacedAt!, "config.json"));
        Assert.Equal("../../blobs/45a2321a7ecfdaaf60a6c1fd7f5463994cc8907d", config.LinkTarget?.Replace('\\', '/'));
        var weights = new FileInfo(Path.Combine(result.PlacedAt!, "model.safetensors"));
        Assert.Equal("../../blobs/" + FakeHubSha256(hub.Files["model.safetensors"]), weights.LinkTarget?.Replace('\\', '/'));
        Assert.Equal(hub.Files["model.safetensors"], await File.ReadAllBytesAsync(weights.FullName));
    }

    [Fact]
    public async Task Tampered_bytes_leave_nothing_in_place_and_name_the_file_and_hashes()
    {
        await using var hub = new BertHub();
        hub.Server.TamperContent("model.safetensors", 1000);
        var destination = Path.Combine(hub.Temp.Root, "bert");
        var result = await ModelPull.RunAsync(Main, destination, hub.Options(), Scanner(), new ScanOptions(), CancellationToken.None);

        Assert.Null(result.PlacedAt);
        Assert.False(Directory.Exists(destination));
        Assert.False(Directory.Exists(Path.Combine(hub.Temp.Root, ModelPull.QuarantineFolderName)));
        Assert.Contains("model.safetensors", result.Message, StringComparison.Ordinal);
        Assert.Contains("sha256:" + FakeHubSha256(hub.Files["model.safetensors"]), result.Message, StringComparison.Ordinal);
        Assert.Contains(result.Report.Findings, f => f.Rule == Rules.FileHashMismatch && f.Artifact == "model.safetensors");
        Assert.Equal(ModelGate.Policy.Verdict.Fail, result.Report.Decision.Verdict);
    }

    [Fact]
    public async Task Bytes_that_match_the_hub_but_not_the_lock_leave_nothing_in_place()
    {
        await using var hub = new BertHub();
        var example = (await BertHub.ExampleLockAsync()).Models[0];
        var forged = example with { Files = [.. example.Files.Select(f => f.Path == "vocab.txt" ? f with { Sha256 = new string('a', 64) } : f)] };
        var result = await ModelPull.RunAsync(Main, null, hub.Options(lockFile: new ModelLock([forged])), Scanner(), new ScanOptions(), CancellationToken.None);

        Assert.Null(result.PlacedAt);
        Assert.False(Directory.Exists(Path.Combine(hub.HfCache, "models--google-bert--bert-base-uncased", "snapshots")));
        Assert.Contains("vocab.txt", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verified_model_the_gate_fails_is_not_placed()
    {
        await using var hub = new BertHub();
        // protocol 2: GLOBAL os system, the string 'id', TUPLE1, REDUCE, STOP — os.system("id") when loaded.
        byte[] payload = [0x80, 0x02, .. "cos\nsystem\n"u8, (byte)'X', 2, 0, 0, 0, (byte)'i', (byte)'d', 0x85, (byte)'R', (byte)'.'];
        var files = new Dictionary<string, byte[]>(hub.Files) { ["extra/payload.pkl"] = payload };
        hub.Server.AddRepo(BertHub.RepoName, BertHub.NewerCommit, files, new Dictionary<string, string> { ["main"] = BertHub.NewerCommit });
        var destination = Path.Combine(hub.Temp.Root, "bert");
        var result = await ModelPull.RunAsync(Main, destination, hub.Options(), Scanner(), new ScanOptions(), CancellationToken.None);

        Assert.Null(result.PlacedAt);
        Assert.False(Directory.Exists(destination));
        Assert.Contains(result.Report.Findings, f => f.Rule == Rules.DangerousCallable);
        Assert.All(result.Report.Provenance[0].Files, f => Assert.Equal(ProvenanceFileStatus.Verified, f.Status));
    }

    [Fact]
    public async Task An_interrupted_pull_resumes_its_partial_download_with_a_range_request()
    {
        await using var hub = new BertHub();
        var destination = Path.Combine(hub.Temp.Root, "bert");
        var quarantine = Path.Combine(hub.Temp.Root, ModelPull.QuarantineFolderName, $"models--google-bert--bert-base-uncased--{BertHub.Commit}");
        Directory.CreateDirectory(quarantine);
        var weights = hub.Files["pytorch_model.bin"];
        await File.WriteAllBytesAsync(Path.Combine(quarantine, "pytorch_model.bin.incomplete"), weights[..1000]);

        var result = await ModelPull.RunAsync(Main, destination, hub.Options(), Scanner(), new ScanOptions(), CancellationToken.None);

        Assert.NotNull(result.PlacedAt);
        Assert.Equal(weights, await File.ReadAllBytesAsync(Path.Combine(destination, "pytorch_model.bin")));
        Assert.Contains(hub.Server.Requests.Concat(hub.Cdn.Requests), r => r.Target.Contains("pytorch_model.bin", StringComparison.Ordinal) && r.Range == "bytes=1000-");
    }

    [Fact]
    public async Task A_pull_stopped_mid_download_leaves_nothing_in_place_only_partial_files_in_quarantine()
    {
        await using var hub = new BertHub();
        hub.Server.Slow(2000);
        hub.Cdn.Slow(2000);
        var destination = Path.Combine(hub.Temp.Root, "bert");
        using var stop = new CancellationTokenSource();
        // Stopped as soon as the first bytes of some file are on disk: the state a kill mid-download leaves.
        var options = hub.Options() with { Progress = _ => stop.Cancel() };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ModelPull.RunAsync(HubReference.Parse($"hf://{BertHub.RepoName}@{BertHub.Commit}"), destination, options, Scanner(), new ScanOptions(), stop.Token));

        Assert.False(Directory.Exists(destination));
        var quarantine = Path.Combine(hub.Temp.Root, ModelPull.QuarantineFolderName);
        var left = Directory.Exists(quarantine) ? Directory.GetFiles(quarantine, "*", SearchOption.AllDirectories) : [];
        Assert.Contains(left, f => f.EndsWith(".incomplete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_destination_that_holds_files_is_refused_before_any_download()
    {
        await using var hub = new BertHub();
        var destination = Path.Combine(hub.Temp.Root, "occupied");
        hub.Temp.Write("occupied/notes.txt", "mine");
        await Assert.ThrowsAsync<ScanTargetException>(() =>
            ModelPull.RunAsync(Main, destination, hub.Options(), Scanner(), new ScanOptions(), CancellationToken.None));
        Assert.Empty(hub.Server.Requests);
    }

    private static string FakeHubSha256(byte[] content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
}
