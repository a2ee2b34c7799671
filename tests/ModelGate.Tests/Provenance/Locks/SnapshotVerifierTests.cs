using ModelGate.Provenance.Hub;
using ModelGate.Provenance.Locks;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Provenance.Locks;

public sealed class SnapshotVerifierTests
{
    private static readonly byte[] Weights = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))];
    private static readonly byte[] Config = "{\"model_type\": \"bert\"}\n"u8.ToArray();

    private static Dictionary<string, byte[]> Files() => new(StringComparer.Ordinal)
    {
        ["config.json"] = Config,
        ["model.safetensors"] = Weights,
        ["onnx/model.onnx"] = [1, 2, 3],
        ["empty.txt"] = [],
    };

    private static void WriteAll(TempTree tree, Dictionary<string, byte[]> files)
    {
        foreach (var (path, bytes) in files)
            tree.WriteBytes(path, bytes);
    }

    [Fact]
    public async Task Untouched_snapshot_verifies_with_nested_paths_and_tool_metadata_skipped()
    {
        using var tree = new TempTree();
        WriteAll(tree, Files());
        tree.Write(".git/HEAD", "ref: refs/heads/main\n");
        tree.Write(".cache/huggingface/.gitignore", "*\n");
        tree.Write("modelgate.lock.json", "{}");
        var result = await SnapshotVerifier.VerifyAsync(tree.Root, LockSamples.Pin(Files()), CancellationToken.None);
        Assert.Equal(["config.json", "empty.txt", "model.safetensors", "onnx/model.onnx"], result.Files.Select(f => f.Path));
        Assert.All(result.Files, f => Assert.Equal(FileVerificationStatus.Verified, f.Status));
        Assert.Null(result.DetectedCommit);
        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(2500, true)]
    [InlineData(4999, true)]
    [InlineData(0, false)]
    [InlineData(2500, false)]
    [InlineData(4999, false)]
    public async Task One_byte_changed_with_the_same_size_is_caught(int offset, bool pinnedBySha256)
    {
        using var tree = new TempTree();
        var files = Files();
        var model = LockSamples.Pin(files, sha256: pinnedBySha256);
        var tampered = (byte[])Weights.Clone();
        tampered[offset] ^= 0x01;
        files["model.safetensors"] = tampered;
        WriteAll(tree, files);
        var result = await SnapshotVerifier.VerifyAsync(tree.Root, model, CancellationToken.None);
        var changed = Assert.Single(result.Files, f => f.Status != FileVerificationStatus.Verified);
        Assert.Equal("model.safetensors", changed.Path);
        Assert.Equal(FileVerificationStatus.Changed, changed.Status);
        var expected = pinnedBySha256 ? $"sha256:{LockSamples.Sha256(Weights)}" : $"git-blob:{LockSamples.GitBlob(Weights)}";
        var actual = pinnedBySha256 ? $"sha256:{LockSamples.Sha256(tampered)}" : $"git-blob:{LockSamples.GitBlob(tampered)}";
        Assert.Equal(expected, changed.Expected);
        Assert.Equal(actual, changed.Actual);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Size_change_missing_and_unexpected_files_are_reported()
    {
        using var tree = new TempTree();
        var files = Files();
        var model = LockSamples.Pin(files, include: ["*.json", "*.safetensors", "onnx/", "*.txt"]);
        files["config.json"] = [.. Config, (byte)' '];
        files.Remove("onnx/model.onnx");
        files["extra/pytorch_model.bin"] = [9];
        files["tokenizer.json"] = [8];
        WriteAll(tree, files);
        var result = await SnapshotVerifier.VerifyAsync(tree.Root, model, CancellationToken.None);
        Assert.Equal(
            [
                new FileVerification("config.json", FileVerificationStatus.Changed, $"size {Config.Length}", $"size {Config.Length + 1}", null),
                new FileVerification("empty.txt", FileVerificationStatus.Verified, $"sha256:{LockSamples.Sha256([])}", $"sha256:{LockSamples.Sha256([])}", null),
                new FileVerification("extra/pytorch_model.bin", FileVerificationStatus.Unexpected, null, "size 1", "outside the lock's include patterns, but loaders may still pick it up"),
                new FileVerification("model.safetensors", FileVerificationStatus.Verified, $"sha256:{LockSamples.Sha256(Weights)}", $"sha256:{LockSamples.Sha256(Weights)}", null),
                new FileVerification("onnx/model.onnx", FileVerificationStatus.Missing, $"sha256:{LockSamples.Sha256([1, 2, 3])}", null, null),
                new FileVerification("tokenizer.json", FileVerificationStatus.Unexpected, null, "size 1", null),
            ],
            result.Files);
    }

    [Fact]
    public async Task Cache_snapshot_with_relative_links_into_blobs_verifies_and_names_its_commit()
    {
        using var tree = new TempTree();
        var snapshot = BuildCache(tree, LockSamples.BertCommit);
        var result = await SnapshotVerifier.VerifyAsync(snapshot, LockSamples.Pin(Files()), CancellationToken.None);
        Assert.All(result.Files, f => Assert.Equal(FileVerificationStatus.Verified, f.Status));
        Assert.Equal(4, result.Files.Count);
        Assert.Equal(LockSamples.BertCommit, result.DetectedCommit);
        Assert.True(result.Succeeded);
        Assert.Equal(new SnapshotIdentity(LockSamples.Bert, LockSamples.BertCommit), SnapshotVerifier.DetectIdentity(snapshot + "/"));
    }

    [Fact]
    public async Task Cache_snapshot_of_another_commit_is_flagged()
    {
        using var tree = new TempTree();
        var snapshot = BuildCache(tree, LockSamples.OtherCommit);
        var result = await SnapshotVerifier.VerifyAsync(snapshot, LockSamples.Pin(Files()), CancellationToken.None);
        Assert.Equal(LockSamples.OtherCommit, result.DetectedCommit);
        Assert.True(result.CommitDiffers);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Tampered_blob_behind_a_cache_link_is_caught()
    {
        using var tree = new TempTree();
        var snapshot = BuildCache(tree, LockSamples.BertCommit);
        var blob = Path.Combine(tree.Root, "models--google-bert--bert-base-uncased", "blobs", LockSamples.Sha256(Weights));
        var tampered = (byte[])Weights.Clone();
        tampered[^1] ^= 0x80;
        File.WriteAllBytes(blob, tampered);
        var result = await SnapshotVerifier.VerifyAsync(snapshot, LockSamples.Pin(Files()), CancellationToken.None);
        Assert.Equal(FileVerificationStatus.Changed, result.Files.Single(f => f.Path == "model.safetensors").Status);
    }

    [Fact]
    public async Task Link_leaving_the_snapshot_is_changed_and_not_followed()
    {
        using var tree = new TempTree();
        var outside = tree.WriteBytes("elsewhere/weights.bin", Weights);
        WriteAll(tree, new Dictionary<string, byte[]> { ["snap/config.json"] = Config });
        var snapshot = Path.Combine(tree.Root, "snap");
        File.CreateSymbolicLink(Path.Combine(snapshot, "model.safetensors"), "../elsewhere/weights.bin");
        File.CreateSymbolicLink(Path.Combine(snapshot, "stray.bin"), outside);
        var model = LockSamples.Pin(new Dictionary<string, byte[]> { ["config.json"] = Config, ["model.safetensors"] = Weights });
        var result = await SnapshotVerifier.VerifyAsync(snapshot, model, CancellationToken.None);
        var link = result.Files.Single(f => f.Path == "model.safetensors");
        Assert.Equal(FileVerificationStatus.Changed, link.Status);
        Assert.Null(link.Actual);
        Assert.Contains("outside the snapshot and its cache folder; not followed", link.Detail, StringComparison.Ordinal);
        var stray = result.Files.Single(f => f.Path == "stray.bin");
        Assert.Equal(FileVerificationStatus.Unexpected, stray.Status);
        Assert.Contains("not followed", stray.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_inside_the_snapshot_are_followed_and_links_to_folders_or_nothing_are_not()
    {
        using var tree = new TempTree();
        tree.WriteBytes("real/model.safetensors", Weights);
        Directory.CreateDirectory(Path.Combine(tree.Root, "dir"));
        File.CreateSymbolicLink(Path.Combine(tree.Root, "model.safetensors"), "real/model.safetensors");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "dangling.bin"), "gone.bin");
        Directory.CreateSymbolicLink(Path.Combine(tree.Root, "loop"), ".");
        var model = LockSamples.Pin(new Dictionary<string, byte[]> { ["model.safetensors"] = Weights, ["real/model.safetensors"] = Weights });
        var result = await SnapshotVerifier.VerifyAsync(tree.Root, model, CancellationToken.None);
        Assert.Equal(FileVerificationStatus.Verified, result.Files.Single(f => f.Path == "model.safetensors").Status);
        Assert.Contains("does not exist", result.Files.Single(f => f.Path == "dangling.bin").Detail, StringComparison.Ordinal);
        Assert.Contains("to a folder", result.Files.Single(f => f.Path == "loop").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_dir_metadata_gives_the_commit_when_every_file_agrees()
    {
        using var tree = new TempTree();
        WriteAll(tree, Files());
        tree.Write(".cache/huggingface/download/config.json.metadata", $"{LockSamples.OtherCommit}\n45a2321a\n1726000000.5\n");
        tree.Write(".cache/huggingface/download/onnx/model.onnx.metadata", $"{LockSamples.OtherCommit.ToUpperInvariant()}\r\netag\n1726000000.5\n");
        tree.Write(".cache/huggingface/download/onnx/model.onnx.lock", "");
        var result = await SnapshotVerifier.VerifyAsync(tree.Root, LockSamples.Pin(Files()), CancellationToken.None);
        Assert.Equal(LockSamples.OtherCommit, result.DetectedCommit);
        Assert.True(result.CommitDiffers);
        Assert.Equal(new SnapshotIdentity(null, LockSamples.OtherCommit), SnapshotVerifier.DetectIdentity(tree.Root));
    }

    [Theory]
    [InlineData("2222222222222222222222222222222222222222\netag\n")]
    [InlineData("not a commit\n")]
    [InlineData("")]
    public void Local_dir_metadata_that_disagrees_or_is_malformed_gives_no_commit(string second)
    {
        using var tree = new TempTree();
        tree.Write("config.json", "{}");
        tree.Write(".cache/huggingface/download/config.json.metadata", $"{LockSamples.OtherCommit}\netag\n");
        tree.Write(".cache/huggingface/download/model.bin.metadata", second);
        Assert.Null(SnapshotVerifier.DetectIdentity(tree.Root));
    }

    [Fact]
    public void Plain_folder_has_no_identity()
    {
        using var tree = new TempTree();
        tree.Write("config.json", "{}");
        Assert.Null(SnapshotVerifier.DetectIdentity(tree.Root));
    }

    [Fact]
    public async Task Missing_folder_is_a_clear_error()
    {
        using var tree = new TempTree();
        var missing = Path.Combine(tree.Root, "nope");
        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => SnapshotVerifier.VerifyAsync(missing, LockSamples.Pin(Files()), CancellationToken.None));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Folder_lock_then_verify_round_trips_and_skips_tool_files()
    {
        using var tree = new TempTree();
        WriteAll(tree, Files());
        tree.Write(".cache/huggingface/download/config.json.metadata", $"{LockSamples.BertCommit}\n");
        tree.Write("modelgate.lock.json", "{}");
        var model = await LockedModel.FromFolderAsync(tree.Root, LockSamples.Bert, LockSamples.BertCommit.ToUpperInvariant(), "main", [], CancellationToken.None);
        Assert.True(model.HashedLocally);
        Assert.Equal(LockSamples.BertCommit, model.Commit);
        Assert.Equal(LockSamples.Pin(Files()).Files, model.Files);
        var result = await SnapshotVerifier.VerifyAsync(tree.Root, model, CancellationToken.None);
        Assert.True(result.Succeeded);
        Assert.Equal(LockSamples.BertCommit, result.DetectedCommit);
    }

    [Fact]
    public async Task Folder_lock_honours_include_patterns_and_records_no_revision_for_a_commit()
    {
        using var tree = new TempTree();
        WriteAll(tree, Files());
        var model = await LockedModel.FromFolderAsync(tree.Root, LockSamples.Bert, LockSamples.BertCommit, LockSamples.BertCommit, ["*.json"], CancellationToken.None);
        Assert.Null(model.Revision);
        Assert.Equal(["*.json"], model.Include);
        Assert.Equal("config.json", Assert.Single(model.Files).Path);
    }

    [Fact]
    public async Task Fifo_posing_as_a_locked_file_is_changed_without_being_opened()
    {
        using var tree = new TempTree();
        tree.WriteBytes("config.json", Config);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(tree.Root, "model.safetensors"), Path.Combine(tree.Root, "stray.pipe")]))
            await mkfifo.WaitForExitAsync();
        var model = LockSamples.Pin(new Dictionary<string, byte[]> { ["config.json"] = Config, ["model.safetensors"] = Weights });
        var result = await SnapshotVerifier.VerifyAsync(tree.Root, model, CancellationToken.None);
        Assert.Equal(
            [
                new FileVerification("config.json", FileVerificationStatus.Verified, $"sha256:{LockSamples.Sha256(Config)}", $"sha256:{LockSamples.Sha256(Config)}", null),
                new FileVerification("model.safetensors", FileVerificationStatus.Changed, $"size {Weights.Length}", "size 0", null),
                new FileVerification("stray.pipe", FileVerificationStatus.Unexpected, null, "size 0", null),
            ],
            result.Files);
    }

    /// <summary>A huggingface_hub cache: blobs named by etag, snapshot files as relative links into ../../blobs.</summary>
    private static string BuildCache(TempTree tree, string commit)
    {
        var repo = Path.Combine(tree.Root, "models--google-bert--bert-base-uncased");
        var snapshot = Path.Combine(repo, "snapshots", commit);
        tree.Write("models--google-bert--bert-base-uncased/refs/main", commit);
        foreach (var (path, bytes) in Files())
        {
            var etag = LockSamples.Sha256(bytes);
            tree.WriteBytes($"models--google-bert--bert-base-uncased/blobs/{etag}", bytes);
            var link = Path.Combine(snapshot, path);
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            var depth = path.Count(c => c == '/');
            File.CreateSymbolicLink(link, string.Concat(Enumerable.Repeat("../", depth + 2)) + "blobs/" + etag);
        }
        return snapshot;
    }
}
