using System.IO.Compression;
using System.Security.Cryptography;
using ModelGate.Extractors.Models;
using ModelGate.Scanning;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Extractors;

public sealed class ModelArtifactExtractorTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static Scanner NewScanner() => new ScannerBuilder().AddExtractor(new ModelArtifactExtractor()).Build();

    private static byte[] TorchZip(string folder)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in new[] { ($"{folder}/data.pkl", new byte[] { 0x80, 0x02, 0x7D, 0x2E }), ($"{folder}/version", "3\n"u8.ToArray()) })
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(content);
            }
        }
        return buffer.ToArray();
    }

    [Fact]
    public async Task Model_files_are_listed_with_format_size_and_sha256()
    {
        var torch = TorchZip("archive");
        _tree.WriteBytes("models/pytorch_model.bin", torch);
        _tree.WriteBytes("models/weights", [0x80, 0x04, 0x95, 0x01, 0, 0, 0, 0, 0, 0, 0, 0x4E, 0x2E, 0, 0, 0]);
        _tree.Write("models/notes", "just some text, not a model at all");
        _tree.Write("models/vocab.bin", "plain text pretending");
        _tree.Write("site/distutils-precedence.pth", "import os; var = 'SETUPTOOLS_USE_DISTUTILS'\n");
        _tree.WriteBytes("models/junk.bin", [0x00, 0x01, 0x02, 0x03, 0xFF, 0xFE, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19]);
        _tree.Write("models/broken.safetensors", "not really");

        var inventory = await NewScanner().InventoryAsync(_tree.Root, new ScanOptions { HashArtifacts = true });

        // Text under an ambiguous name (.pth path files, vocab.bin) is not a model; binary under it, and
        // anything under a name only models use, is listed even when its format is not recognised.
        Assert.Equal(["models/broken.safetensors", "models/junk.bin", "models/pytorch_model.bin", "models/weights"], inventory.ModelArtifacts.Select(a => a.Source.Path));
        var pt = inventory.ModelArtifacts[2];
        Assert.Equal("pytorch-zip", pt.Format);
        Assert.Equal(torch.Length, pt.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(torch)), pt.Digests["sha256"]);
        Assert.Equal("unknown", inventory.ModelArtifacts[0].Format);
        Assert.Equal("unknown", inventory.ModelArtifacts[1].Format);
        Assert.Equal("pickle", inventory.ModelArtifacts[3].Format);
    }

    [Fact]
    public async Task Files_are_hashed_only_when_asked_so_large_checkpoints_are_not_read_whole()
    {
        _tree.WriteBytes("pytorch_model.bin", TorchZip("archive"));

        var inventory = await NewScanner().InventoryAsync(_tree.Root, new ScanOptions());

        Assert.Empty(Assert.Single(inventory.ModelArtifacts).Digests);
    }

    [Fact]
    public async Task A_broken_zip_is_listed_and_left_to_the_artifact_scanner_to_judge()
    {
        _tree.WriteBytes("model.pt", [.. "PK\x03\x04"u8, .. new byte[100]]);

        var report = await ScannerBuilder.CreateForModels().Build().ScanAsync(_tree.Root, new ScanOptions());

        Assert.Equal("zip", Assert.Single(report.Inventory.ModelArtifacts).Format);
        Assert.Empty(report.Inventory.Diagnostics);
        Assert.Equal(ModelGate.Artifacts.ArtifactVerdict.Error, Assert.Single(report.Artifacts).Verdict);
        Assert.Contains(report.Findings, f => f.Rule == ModelGate.Findings.Rules.ArtifactNotAnalysed && f.Message.Contains("model.pt", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("weights.dat", true)]
    [InlineData("checkpoint", true)]
    [InlineData("payload.json", false)]
    [InlineData("train.py", false)]
    public async Task Pickles_are_found_by_content_except_under_source_and_text_names(string name, bool listed)
    {
        _tree.WriteBytes(name, [0x80, 0x02, .. "cos\nsystem\n"u8, 0x29, 0x52, 0x2E]);

        var inventory = await NewScanner().InventoryAsync(_tree.Root, new ScanOptions());

        Assert.Equal(listed, inventory.ModelArtifacts.Count == 1);
    }

    [Fact]
    public async Task A_file_named_as_the_target_is_judged_by_content_whatever_its_name()
    {
        var path = _tree.WriteBytes("payload.json", [0x80, 0x02, .. "cos\nsystem\n"u8, 0x29, 0x52, 0x2E]);

        var inventory = await NewScanner().InventoryAsync(path, new ScanOptions());

        Assert.Equal("pickle", Assert.Single(inventory.ModelArtifacts).Format);
    }
}
