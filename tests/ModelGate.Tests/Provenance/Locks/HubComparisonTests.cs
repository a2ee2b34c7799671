using ModelGate.Provenance.Digests;
using ModelGate.Provenance.Hub;
using ModelGate.Provenance.Locks;

namespace ModelGate.Tests.Provenance.Locks;

public sealed class HubComparisonTests
{
    private const string OtherSha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string OtherBlob = "0123456789abcdef0123456789abcdef01234567";

    private static HubFile HubConfig => new("config.json", 570, LockSamples.ConfigBlob, null);

    private static HubFile HubWeights => new("model.safetensors", 440449768, LockSamples.PointerBlob, LockSamples.WeightsSha256);

    private static HubModelInfo Hub(params HubFile[] files) => new(LockSamples.Bert, LockSamples.BertCommit, files);

    [Fact]
    public void Hub_metadata_matching_the_lock_verifies_every_file()
    {
        var results = SnapshotVerifier.CompareWithHub(LockSamples.BertModel(), Hub(HubConfig, HubWeights, new HubFile("README.md", 10, OtherBlob, null)));
        Assert.Equal(
            [
                new FileVerification("config.json", FileVerificationStatus.Verified, $"git-blob:{LockSamples.ConfigBlob}", $"git-blob:{LockSamples.ConfigBlob}", null),
                new FileVerification("model.safetensors", FileVerificationStatus.Verified, $"sha256:{LockSamples.WeightsSha256}", $"sha256:{LockSamples.WeightsSha256}", null),
            ],
            results);
    }

    private static readonly (HubFile Weights, FileVerification Expected)[] Differences =
    [
        (
            HubWeights with { LfsSha256 = OtherSha },
            new FileVerification("model.safetensors", FileVerificationStatus.Changed, $"sha256:{LockSamples.WeightsSha256}", $"sha256:{OtherSha}", "the Hub's LFS SHA-256 differs from the lock")
        ),
        (
            HubWeights with { Size = 1 },
            new FileVerification("model.safetensors", FileVerificationStatus.Changed, "size 440449768", "size 1", null)
        ),
        (
            HubWeights with { GitBlobId = OtherBlob },
            new FileVerification("model.safetensors", FileVerificationStatus.Changed, $"git-blob:{LockSamples.PointerBlob}", $"git-blob:{OtherBlob}", "the Hub's LFS pointer differs from the lock")
        ),
        (
            HubWeights with { LfsSha256 = null, GitBlobId = OtherBlob },
            new FileVerification("model.safetensors", FileVerificationStatus.Changed, $"sha256:{LockSamples.WeightsSha256}", $"git-blob:{OtherBlob}", "locked as an LFS file, but the Hub stores it in git")
        ),
        (
            HubWeights with { LfsSha256 = null, GitBlobId = null },
            new FileVerification("model.safetensors", FileVerificationStatus.Changed, $"sha256:{LockSamples.WeightsSha256}", null, "locked as an LFS file, but the Hub stores it in git")
        ),
    ];

    [Theory]
    [InlineData(0)] // LFS SHA-256 differs
    [InlineData(1)] // size differs
    [InlineData(2)] // LFS pointer blob differs
    [InlineData(3)] // moved from LFS to git
    [InlineData(4)] // moved to git, no blob id sent
    public void Lfs_file_that_differs_on_the_Hub_is_changed(int index)
    {
        var (weights, expected) = Differences[index];
        var results = SnapshotVerifier.CompareWithHub(LockSamples.BertModel(), Hub(HubConfig, weights));
        Assert.Equal(expected, results.Single(r => r.Path == "model.safetensors"));
    }

    [Fact]
    public void Git_file_whose_blob_differs_or_moved_to_lfs_is_changed()
    {
        var blobDiffers = SnapshotVerifier.CompareWithHub(LockSamples.BertModel(), Hub(HubConfig with { GitBlobId = OtherBlob.ToUpperInvariant() }, HubWeights));
        Assert.Equal(
            new FileVerification("config.json", FileVerificationStatus.Changed, $"git-blob:{LockSamples.ConfigBlob}", $"git-blob:{OtherBlob}", "the Hub's git blob id differs from the lock"),
            blobDiffers[0]);
        var movedToLfs = SnapshotVerifier.CompareWithHub(LockSamples.BertModel(), Hub(HubConfig with { LfsSha256 = OtherSha }, HubWeights));
        Assert.Equal(
            new FileVerification("config.json", FileVerificationStatus.Changed, $"git-blob:{LockSamples.ConfigBlob}", $"sha256:{OtherSha}", "locked as a file in git, but the Hub stores it in LFS"),
            movedToLfs[0]);
    }

    [Fact]
    public void Locally_hashed_lock_compares_content_sha256_with_an_lfs_file()
    {
        var model = LockSamples.BertModel() with
        {
            HashedLocally = true,
            Files = [new LockedFile("model.safetensors", 440449768, LockSamples.WeightsSha256, OtherBlob, false)],
        };
        var result = Assert.Single(SnapshotVerifier.CompareWithHub(model, Hub(HubWeights)));
        Assert.Equal(FileVerificationStatus.Verified, result.Status);
    }

    [Fact]
    public void Files_added_on_the_Hub_in_scope_are_unexpected_and_removed_ones_missing()
    {
        var results = SnapshotVerifier.CompareWithHub(LockSamples.BertModel(), Hub(HubWeights, new HubFile("tokenizer.json", 5, OtherBlob, null), new HubFile("pytorch_model.bin", 9, OtherBlob, OtherSha)));
        Assert.Equal(
            [
                new FileVerification("config.json", FileVerificationStatus.Missing, $"git-blob:{LockSamples.ConfigBlob}", null, $"not listed by the Hub for google-bert/bert-base-uncased@{LockSamples.BertCommit}"),
                new FileVerification("model.safetensors", FileVerificationStatus.Verified, $"sha256:{LockSamples.WeightsSha256}", $"sha256:{LockSamples.WeightsSha256}", null),
                new FileVerification("tokenizer.json", FileVerificationStatus.Unexpected, null, $"git-blob:{OtherBlob}", "added on the Hub since the lock"),
            ],
            results);
    }

    [Fact]
    public void Hub_metadata_without_hashes_is_unverifiable()
    {
        var result = SnapshotVerifier.CompareWithHub(LockSamples.BertModel(), Hub(HubConfig with { GitBlobId = null, Size = null }, HubWeights));
        Assert.Equal(FileVerificationStatus.Unverifiable, result[0].Status);
    }

    [Fact]
    public void Lock_from_Hub_metadata_pins_lfs_by_sha256_and_git_files_by_blob_id()
    {
        var info = Hub(HubWeights, HubConfig, new HubFile("pytorch_model.bin", 9, OtherBlob, OtherSha));
        var model = LockedModel.FromHub(info, "main", ["*.json", "*.safetensors"], downloaded: null);
        Assert.Equal((LockSamples.Bert, "main", LockSamples.BertCommit, false), (model.Repo, model.Revision, model.Commit, model.HashedLocally));
        Assert.Equal(LockSamples.BertModel().Files, model.Files);
        Assert.Equal(["*.json", "*.safetensors"], model.Include);
        Assert.Null(LockedModel.FromHub(info, LockSamples.BertCommit, [], null).Revision);
        Assert.Equal("main", LockedModel.FromHub(info, null, [], null).Revision);
    }

    [Fact]
    public void Lock_from_downloaded_bytes_is_hashed_locally()
    {
        var info = Hub(HubConfig, HubWeights);
        var downloaded = new Dictionary<string, FileDigests>
        {
            ["config.json"] = new(570) { Sha256 = OtherSha, GitBlobSha1 = LockSamples.ConfigBlob },
            ["model.safetensors"] = new(440449768) { Sha256 = LockSamples.WeightsSha256 },
        };
        var model = LockedModel.FromHub(info, "v1.0", [], downloaded);
        Assert.True(model.HashedLocally);
        Assert.Equal("v1.0", model.Revision);
        Assert.Equal(
            [
                new LockedFile("config.json", 570, OtherSha, LockSamples.ConfigBlob, false),
                new LockedFile("model.safetensors", 440449768, LockSamples.WeightsSha256, LockSamples.PointerBlob, true),
            ],
            model.Files);
    }

    [Theory]
    [InlineData("model.safetensors", 440449768L, OtherSha, "'model.safetensors' has sha256:" + OtherSha + ", but the Hub says sha256:")]
    [InlineData("model.safetensors", 5L, LockSamples.WeightsSha256, "'model.safetensors' is 5 bytes, but the Hub says 440449768")]
    [InlineData("config.json", 570L, OtherSha, "'config.json' has git blob id " + OtherBlob + ", but the Hub says")]
    public void Downloaded_bytes_that_disagree_with_the_Hub_are_refused(string path, long length, string sha256, string expected)
    {
        var downloaded = new Dictionary<string, FileDigests>
        {
            ["config.json"] = new(570) { Sha256 = OtherSha, GitBlobSha1 = LockSamples.ConfigBlob },
            ["model.safetensors"] = new(440449768) { Sha256 = LockSamples.WeightsSha256 },
        };
        downloaded[path] = new FileDigests(length) { Sha256 = sha256, GitBlobSha1 = path == "config.json" ? OtherBlob : null };
        var error = Assert.Throws<LockFileException>(() => LockedModel.FromHub(Hub(HubConfig, HubWeights), "main", [], downloaded));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"cannot lock google-bert/bert-base-uncased@{LockSamples.BertCommit}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../evil.bin", 1L, OtherBlob, null, "unsafe path '../evil.bin'")]
    [InlineData("a.bin", null, OtherBlob, null, "the Hub gives no size for 'a.bin'")]
    [InlineData("a.bin", 1L, null, null, "the Hub gives no hash for 'a.bin'")]
    [InlineData("a.bin", 1L, "xyz", null, "malformed blob id 'xyz'")]
    [InlineData("a.bin", 1L, OtherBlob, "12", "malformed LFS sha256 '12'")]
    [InlineData("a.bin", -4L, OtherBlob, null, "negative size")]
    public void Hub_metadata_that_cannot_make_a_lock_is_refused(string path, long? size, string? blob, string? sha256, string expected)
    {
        var error = Assert.Throws<LockFileException>(() => LockedModel.FromHub(Hub(new HubFile(path, size, blob, sha256)), "main", [], null));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
