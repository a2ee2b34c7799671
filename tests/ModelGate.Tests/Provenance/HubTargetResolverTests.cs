using ModelGate.Findings;
using ModelGate.Provenance;
using ModelGate.Provenance.Locks;
using ModelGate.Scanning;

namespace ModelGate.Tests.Provenance;

public sealed class HubTargetResolverTests
{
    private static Scanner ModelScanner(HubSourceOptions options) =>
        ScannerBuilder.CreateForModels().UseTargetResolver(new HubTargetResolver(options)).Build();

    [Fact]
    public async Task A_branch_is_resolved_with_one_metadata_request_verified_scanned_and_reported_unpinned()
    {
        await using var hub = new BertHub();
        var report = await ModelScanner(hub.Options()).ScanAsync($"hf://{BertHub.RepoName}@main", new ScanOptions());

        Assert.Equal(1, hub.ModelInfoRequests);
        var provenance = Assert.Single(report.Provenance);
        Assert.Equal(BertHub.Commit, provenance.Commit);
        Assert.Equal("main", provenance.RequestedRevision);
        Assert.Equal(ProvenancePin.None, provenance.Pin);
        Assert.Equal(hub.Files.Keys.Order(StringComparer.Ordinal), provenance.Files.Select(f => f.Path));
        Assert.All(provenance.Files, f => Assert.Equal(ProvenanceFileStatus.Verified, f.Status));
        var unpinned = Assert.Single(report.Findings, f => f.Rule == Rules.RevisionNotPinned);
        Assert.Contains(BertHub.Commit, unpinned.Message, StringComparison.Ordinal);
        Assert.Contains(report.Artifacts, a => a.Path == "model.safetensors" && a.Verdict == ModelGate.Artifacts.ArtifactVerdict.Clean);
        Assert.Contains(report.Artifacts, a => a.Path == "pytorch_model.bin" && a.Verdict == ModelGate.Artifacts.ArtifactVerdict.Clean);
        Assert.Equal($"hf://{BertHub.RepoName}@main", report.Target);
    }

    [Fact]
    public async Task A_commit_reference_is_pinned()
    {
        await using var hub = new BertHub();
        var report = await ModelScanner(hub.Options()).ScanAsync($"hf://{BertHub.RepoName}@{BertHub.Commit}", new ScanOptions());

        Assert.Equal(ProvenancePin.Reference, report.Provenance[0].Pin);
        Assert.DoesNotContain(report.Findings, f => f.Rule == Rules.RevisionNotPinned);
    }

    [Fact]
    public async Task A_lock_wins_over_a_branch_that_moved_and_says_so()
    {
        await using var hub = new BertHub();
        hub.MoveMain();
        var options = hub.Options(lockFile: await BertHub.ExampleLockAsync());
        var report = await ModelScanner(options).ScanAsync($"hf://{BertHub.RepoName}@main", new ScanOptions());

        var provenance = Assert.Single(report.Provenance);
        Assert.Equal(BertHub.Commit, provenance.Commit);
        Assert.Equal(ProvenancePin.Lock, provenance.Pin);
        Assert.All(provenance.Files, f => Assert.Equal(ProvenanceFileStatus.Verified, f.Status));
        var moved = Assert.Single(report.Findings, f => f.Rule == Rules.CommitDiffersFromLock);
        Assert.Equal(Severity.Info, moved.Severity);
        Assert.Contains(BertHub.NewerCommit, moved.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Findings, f => f.Rule == Rules.RevisionNotPinned);
    }

    [Fact]
    public async Task Tampered_bytes_are_a_critical_finding_and_never_reach_the_scanner()
    {
        await using var hub = new BertHub();
        hub.Server.TamperContent("pytorch_model.bin", 200);
        var report = await ModelScanner(hub.Options()).ScanAsync($"hf://{BertHub.RepoName}@{BertHub.Commit}", new ScanOptions());

        var mismatch = Assert.Single(report.Findings, f => f.Rule == Rules.FileHashMismatch);
        Assert.Equal("pytorch_model.bin", mismatch.Artifact);
        Assert.Equal(Severity.Critical, mismatch.Severity);
        Assert.Equal(ProvenanceFileStatus.Changed, report.Provenance[0].Files.Single(f => f.Path == "pytorch_model.bin").Status);
        Assert.DoesNotContain(report.Artifacts, a => a.Path.StartsWith("pytorch_model.bin", StringComparison.Ordinal));
        Assert.Equal(ModelGate.Policy.Verdict.Fail, report.Decision.Verdict);
    }

    [Fact]
    public async Task A_lock_that_disagrees_with_the_hub_is_a_critical_finding()
    {
        await using var hub = new BertHub();
        var example = (await BertHub.ExampleLockAsync()).Models[0];
        var forged = example with
        {
            Files = [.. example.Files.Select(f => f.Path == "model.safetensors" ? f with { Sha256 = new string('0', 64) } : f)],
        };
        var report = await ModelScanner(hub.Options(lockFile: new ModelLock([forged]))).ScanAsync($"hf://{BertHub.RepoName}", new ScanOptions());

        Assert.Contains(report.Findings, f => f.Rule == Rules.FileHashMismatch && f.Artifact == "model.safetensors");
        Assert.Equal(ProvenanceFileStatus.Changed, report.Provenance[0].Files.Single(f => f.Path == "model.safetensors").Status);
    }

    [Fact]
    public async Task Offline_the_model_comes_from_the_cache_without_a_request()
    {
        await using var hub = new BertHub();
        await ModelScanner(hub.Options()).ScanAsync($"hf://{BertHub.RepoName}@main", new ScanOptions());
        var requests = hub.Server.Requests.Count;

        var report = await ModelScanner(hub.Options(offline: true)).ScanAsync($"hf://{BertHub.RepoName}@main", new ScanOptions());

        Assert.Equal(requests, hub.Server.Requests.Count);
        Assert.Equal(BertHub.Commit, report.Provenance[0].Commit);
        Assert.All(report.Provenance[0].Files, f => Assert.Equal(ProvenanceFileStatus.Verified, f.Status));
        Assert.Contains(report.Artifacts, a => a.Path == "model.safetensors");
    }

    [Fact]
    public async Task Offline_without_a_cached_snapshot_is_a_target_error()
    {
        await using var hub = new BertHub();
        var error = await Assert.ThrowsAsync<ScanTargetException>(() =>
            ModelScanner(hub.Options(offline: true)).ScanAsync($"hf://{BertHub.RepoName}@main", new ScanOptions()));
        Assert.Contains("offline", error.Message, StringComparison.Ordinal);
        Assert.Empty(hub.Server.Requests);
    }

    [Fact]
    public async Task A_gated_repository_is_a_target_error_that_says_what_to_do()
    {
        await using var hub = new BertHub();
        hub.Server.Gated(BertHub.RepoName, "hf_gate_token_123456");
        var error = await Assert.ThrowsAsync<ScanTargetException>(() =>
            ModelScanner(hub.Options()).ScanAsync($"hf://{BertHub.RepoName}", new ScanOptions()));
        Assert.Contains("gated", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("hf://")]
    [InlineData("hf://a/b/c")]
    [InlineData("hf://org/name@")]
    [InlineData("hf://org/../name")]
    public async Task A_malformed_reference_is_a_target_error(string target)
    {
        await using var hub = new BertHub();
        await Assert.ThrowsAsync<ScanTargetException>(() => ModelScanner(hub.Options()).ScanAsync(target, new ScanOptions()));
        // Only requests naming this repository count: the port may have served another test's server before.
        Assert.DoesNotContain(hub.Server.Requests, r => r.Target.Contains("/org/", StringComparison.Ordinal) || r.Target.Contains("/a/b", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[google-bert]", false)]
    [InlineData("[acme, meta-llama]", true)]
    public async Task The_policy_trusted_organizations_judge_the_publisher(string organizations, bool reported)
    {
        await using var hub = new BertHub();
        var policy = ModelGate.Policy.GatePolicy.From(ModelGate.Policy.PolicyFile.Parse(
            $"version: 1\nlists:\n  trusted-organizations: {organizations}\n", "p.yaml"), "p.yaml");
        var scanner = ScannerBuilder.CreateForModels().UseTargetResolver(new HubTargetResolver(hub.Options())).UsePolicy(policy).Build();

        var report = await scanner.ScanAsync($"hf://{BertHub.RepoName}@{BertHub.Commit}", new ScanOptions());

        Assert.Equal(reported, report.Findings.Any(f => f.Rule == Rules.UntrustedPublisher));
    }
}
