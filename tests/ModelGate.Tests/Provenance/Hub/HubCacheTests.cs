using ModelGate.Provenance.Hub;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Provenance.Hub;

public sealed class HubCacheTests
{
    private const string Commit = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    private const string Etag = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private static readonly HubRepoId Repo = HubRepoId.Parse("acme/bert-tiny");

    [Fact]
    public void Paths_follow_the_huggingface_hub_layout()
    {
        using var temp = new TempTree();
        var cache = new HubCache(temp.Root);
        Assert.Equal(Path.Combine(temp.Root, "models--acme--bert-tiny"), cache.RepoFolder(Repo));
        Assert.Equal(Path.Combine(temp.Root, "models--acme--bert-tiny", "blobs", Etag), cache.BlobPath(Repo, Etag));
        Assert.Equal(Path.Combine(temp.Root, "models--acme--bert-tiny", "blobs", Etag + ".incomplete"), cache.IncompletePath(Repo, Etag));
        Assert.Equal(Path.Combine(temp.Root, "models--acme--bert-tiny", "snapshots", Commit), cache.SnapshotFolder(Repo, Commit));
        Assert.Equal(Path.Combine(temp.Root, "models--gpt2"), cache.RepoFolder(HubRepoId.Parse("gpt2")));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b")]
    [InlineData("a\\b")]
    public void Unsafe_snapshot_paths_are_refused(string path)
    {
        using var temp = new TempTree();
        var cache = new HubCache(temp.Root);
        Assert.Throws<ArgumentException>(() => cache.LinkSnapshotFile(Repo, Commit, path, Etag));
        Assert.False(Directory.Exists(cache.RepoFolder(Repo)));
    }

    [Theory]
    [InlineData("not-hex")]
    [InlineData("../../../../etc")]
    public void Blob_names_must_be_hashes(string etag)
    {
        using var temp = new TempTree();
        Assert.Throws<ArgumentException>(() => new HubCache(temp.Root).BlobPath(Repo, etag));
    }

    [Theory]
    [InlineData("config.json", "../../blobs/")]
    [InlineData("tokenizer/vocab.txt", "../../../blobs/")]
    [InlineData("a/b/c/d.bin", "../../../../../blobs/")]
    public void Snapshot_files_are_relative_symlinks_to_the_blob(string path, string targetPrefix)
    {
        using var temp = new TempTree();
        var cache = new HubCache(temp.Root);
        var verified = temp.Write("verified", "content");
        cache.PlaceVerifiedBlob(Repo, Etag, verified);

        cache.LinkSnapshotFile(Repo, Commit, path, Etag);

        var link = cache.SnapshotFilePath(Repo, Commit, path);
        Assert.Equal(targetPrefix + Etag, new FileInfo(link).LinkTarget);
        Assert.Equal("content", File.ReadAllText(link));
        Assert.Equal([path], cache.SnapshotFiles(Repo, Commit));
    }

    [Fact]
    public void Linking_again_replaces_the_old_link()
    {
        using var temp = new TempTree();
        var cache = new HubCache(temp.Root);
        const string Other = "cccccccccccccccccccccccccccccccccccccccc";
        cache.PlaceVerifiedBlob(Repo, Etag, temp.Write("one", "one"));
        cache.PlaceVerifiedBlob(Repo, Other, temp.Write("two", "two"));
        cache.LinkSnapshotFile(Repo, Commit, "f.txt", Etag);
        cache.LinkSnapshotFile(Repo, Commit, "f.txt", Other);
        Assert.Equal("two", File.ReadAllText(cache.SnapshotFilePath(Repo, Commit, "f.txt")));
    }

    [Fact]
    public void Placing_a_blob_that_exists_keeps_the_old_one_and_drops_the_new_copy()
    {
        using var temp = new TempTree();
        var cache = new HubCache(temp.Root);
        cache.PlaceVerifiedBlob(Repo, Etag, temp.Write("first", "same"));
        var second = temp.Write("second", "same");
        cache.PlaceVerifiedBlob(Repo, Etag, second);
        Assert.False(File.Exists(second));
        Assert.False(File.Exists(temp.Root + "/first"));
        Assert.Equal("same", File.ReadAllText(cache.BlobPath(Repo, Etag)));
    }

    [Theory]
    [InlineData("main")]
    [InlineData("refs/pr/1")]
    [InlineData("release/v1.0")]
    public void Refs_are_written_atomically_and_nest_on_slashes(string revision)
    {
        using var temp = new TempTree();
        var cache = new HubCache(temp.Root);
        cache.WriteRef(Repo, revision, Commit.ToUpperInvariant());
        var refFile = Path.Combine(cache.RepoFolder(Repo), "refs", revision.Replace('/', Path.DirectorySeparatorChar));
        Assert.Equal(Commit, File.ReadAllText(refFile));
        Assert.Equal(Commit, cache.ResolveRef(Repo, revision));
        Assert.Single(Directory.EnumerateFiles(Path.GetDirectoryName(refFile)!));
    }

    [Fact]
    public void A_commit_resolves_to_itself_only_when_its_snapshot_exists()
    {
        using var temp = new TempTree();
        var cache = new HubCache(temp.Root);
        Assert.Null(cache.ResolveRef(Repo, Commit));
        Directory.CreateDirectory(cache.SnapshotFolder(Repo, Commit));
        Assert.Equal(Commit, cache.ResolveRef(Repo, Commit.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("not a commit")]
    [InlineData("")]
    [InlineData("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678a1b2")]
    public void A_ref_file_without_a_commit_resolves_to_nothing(string content)
    {
        using var temp = new TempTree();
        var cache = new HubCache(temp.Root);
        temp.Write("models--acme--bert-tiny/refs/main", content);
        Assert.Null(cache.ResolveRef(Repo, "main"));
        Assert.Null(cache.ResolveRef(Repo, "../../escape"));
    }

    [Fact]
    public void A_ref_written_by_huggingface_hub_with_a_newline_is_read()
    {
        using var temp = new TempTree();
        temp.Write("models--acme--bert-tiny/refs/main", Commit + "\n");
        Assert.Equal(Commit, new HubCache(temp.Root).ResolveRef(Repo, "main"));
    }
}
