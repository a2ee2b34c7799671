using ModelGate.Analyzers;
using ModelGate.Findings;
using ModelGate.Provenance;
using ModelGate.Scanning;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Provenance;

public sealed class LockVerificationAnalyzerTests
{
    /// <summary>A project with the example snapshot vendored at vendor/bert (local-dir metadata included).</summary>
    private static TempTree Project()
    {
        var tree = new TempTree();
        var source = BertHub.ExampleModelFolder;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            tree.WriteBytes(Path.Combine("vendor", "bert", Path.GetRelativePath(source, file)), File.ReadAllBytes(file));
        tree.Write("requirements.txt", "transformers==4.30.2\n");
        return tree;
    }

    private static async Task<ModelGate.Reporting.ScanReport> ScanAsync(string root) =>
        await ScannerBuilder.CreateForModels()
            .AddAnalyzer(new LockVerificationAnalyzer(await BertHub.ExampleLockAsync(), "modelgate.lock.json"))
            .Build()
            .ScanAsync(root, new ScanOptions());

    [Fact]
    public async Task A_vendored_snapshot_is_matched_by_its_recorded_commit_and_verified()
    {
        using var project = Project();
        var report = await ScanAsync(project.Root);

        var provenance = Assert.Single(report.Provenance);
        Assert.Equal(ProvenancePin.Lock, provenance.Pin);
        Assert.Equal("vendor/bert", provenance.Source);
        Assert.Contains(provenance.Files, f => f.Path == "vendor/bert/model.safetensors");
        Assert.All(provenance.Files, f => Assert.Equal(ProvenanceFileStatus.Verified, f.Status));
        Assert.DoesNotContain(report.Findings, f => f.Kind == FindingKind.Provenance);
    }

    [Fact]
    public async Task A_changed_byte_in_a_vendored_snapshot_is_critical_at_its_project_path()
    {
        using var project = Project();
        var config = Path.Combine(project.Root, "vendor", "bert", "config.json");
        var bytes = await File.ReadAllBytesAsync(config);
        bytes[0] ^= 0x20;
        await File.WriteAllBytesAsync(config, bytes);

        var report = await ScanAsync(project.Root);

        var finding = Assert.Single(report.Findings, f => f.Rule == Rules.FileHashMismatch);
        Assert.Equal("vendor/bert/config.json", finding.Location?.Path);
        Assert.Equal(ModelGate.Policy.Verdict.Fail, report.Decision.Verdict);
    }

    [Fact]
    public async Task A_folder_that_records_another_commit_is_not_checked_against_the_lock()
    {
        using var project = Project();
        foreach (var metadata in Directory.EnumerateFiles(Path.Combine(project.Root, "vendor", "bert", ".cache"), "*.metadata", SearchOption.AllDirectories))
            await File.WriteAllTextAsync(metadata, "ffffffffffffffffffffffffffffffffffffffff\nx\n0\n");

        var report = await ScanAsync(project.Root);

        Assert.Empty(report.Provenance);
    }
}
