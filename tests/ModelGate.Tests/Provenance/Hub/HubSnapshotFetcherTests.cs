using ModelGate.Provenance.Hub;

namespace ModelGate.Tests.Provenance.Hub;

public sealed class HubSnapshotFetcherTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<(HubModelInfo Info, IReadOnlyList<HubFileDownload> Results)> FetchAsync(HubTestbed bed, HubClient client, string revision = "main")
    {
        var info = await client.GetModelInfoAsync(HubTestbed.Repo, revision, None);
        var results = await HubSnapshotFetcher.FetchIntoCacheAsync(client, bed.Cache, info, info.Files, revision, parallelism: 4, progress: null, None);
        return (info, results);
    }

    private static string[] Blobs(HubTestbed bed) =>
        Directory.Exists(Path.Combine(bed.Cache.RepoFolder(HubTestbed.Repo), "blobs"))
            ? [.. Directory.GetFiles(Path.Combine(bed.Cache.RepoFolder(HubTestbed.Repo), "blobs")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!]
            : [];

    [Fact]
    public async Task A_fetch_fills_blobs_snapshots_and_refs_like_huggingface_hub()
    {
        await using var bed = new HubTestbed();
        using var client = bed.Client();
        var (info, results) = await FetchAsync(bed, client);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        var cache = bed.Cache;
        Assert.Equal(bed.Files.Keys.Order(StringComparer.Ordinal), cache.SnapshotFiles(HubTestbed.Repo, info.Commit));
        foreach (var (path, content) in bed.Files)
        {
            var link = cache.SnapshotFilePath(HubTestbed.Repo, info.Commit, path);
            Assert.NotNull(new FileInfo(link).LinkTarget);
            Assert.Equal(content, File.ReadAllBytes(link));
            Assert.Equal(FakeHubServer.Sha256(content), results.Single(r => r.File.Path == path).Digests!.Sha256);
        }
        Assert.Equal(bed.Files.Keys.Select(p => bed.Meta(p).Etag!).Order(StringComparer.Ordinal), Blobs(bed));
        Assert.Equal(HubTestbed.Commit, cache.ResolveRef(HubTestbed.Repo, "main"));
    }

    [Fact]
    public async Task Verified_blobs_already_cached_are_reused_without_downloading()
    {
        await using var bed = new HubTestbed();
        using var client = bed.Client();
        await FetchAsync(bed, client);
        var before = bed.Server.Requests.Count(r => r.Target.Contains("/resolve/", StringComparison.Ordinal));
        var cdnBefore = bed.Cdn.Requests.Count;

        var (_, results) = await FetchAsync(bed, client);

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(before, bed.Server.Requests.Count(r => r.Target.Contains("/resolve/", StringComparison.Ordinal)));
        Assert.Equal(cdnBefore, bed.Cdn.Requests.Count);
    }

    [Fact]
    public async Task A_corrupted_cached_blob_is_downloaded_again()
    {
        await using var bed = new HubTestbed();
        using var client = bed.Client();
        await FetchAsync(bed, client);
        var blob = bed.Cache.BlobPath(HubTestbed.Repo, bed.Meta("model.safetensors").Etag!);
        var bytes = File.ReadAllBytes(blob);
        bytes[1000] ^= 0x55;
        File.WriteAllBytes(blob, bytes);
        var cdnBefore = bed.Cdn.Requests.Count;

        var (_, results) = await FetchAsync(bed, client);

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(bed.Files["model.safetensors"], File.ReadAllBytes(blob));
        Assert.Equal(cdnBefore + 1, bed.Cdn.Requests.Count);
    }

    [Theory]
    [InlineData("model.safetensors", "tamper")]
    [InlineData("config.json", "sha-lie")]
    [InlineData("tokenizer/vocab.txt", "size-lie")]
    public async Task A_file_that_fails_verification_is_never_placed_and_the_others_are(string path, string fault)
    {
        await using var bed = new HubTestbed();
        switch (fault)
        {
            case "tamper": bed.Server.TamperContent(path, 0); break;
            case "sha-lie": bed.Server.LieAboutSha256(path); break;
            default: bed.Server.LieAboutSize(path, 1); break;
        }
        using var client = bed.Client();
        var (info, results) = await FetchAsync(bed, client);

        var failed = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal(path, failed.File.Path);
        Assert.IsType<HubIntegrityException>(failed.Error);
        var cache = bed.Cache;
        Assert.DoesNotContain(path, cache.SnapshotFiles(HubTestbed.Repo, info.Commit));
        Assert.Equal(3, cache.SnapshotFiles(HubTestbed.Repo, info.Commit).Count);
        var published = info.Files.Single(f => f.Path == path).Etag!;
        Assert.DoesNotContain(published, Blobs(bed));
        Assert.Equal(3, Blobs(bed).Length);
        Assert.DoesNotContain(Blobs(bed), b => b.EndsWith(".incomplete", StringComparison.Ordinal));
        Assert.Null(cache.ResolveRef(HubTestbed.Repo, "main"));
    }

    [Fact]
    public async Task A_server_without_blob_metadata_is_verified_through_HEAD()
    {
        await using var bed = new HubTestbed();
        bed.Server.NoBlobMetadata = true;
        using var client = bed.Client();
        var (info, results) = await FetchAsync(bed, client);
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.All(results, r => Assert.Equal(bed.Meta(r.File.Path).Etag, r.File.Etag));
        Assert.Equal(4, bed.Cache.SnapshotFiles(HubTestbed.Repo, info.Commit).Count);
    }

    [Fact]
    public async Task Offline_fetches_come_from_the_cache_without_any_request()
    {
        await using var bed = new HubTestbed();
        HubModelInfo info;
        using (var online = bed.Client())
            (info, _) = await FetchAsync(bed, online);
        var requests = bed.Server.Requests.Count;

        using var offline = bed.Client(offline: true);
        var commit = bed.Cache.ResolveRef(HubTestbed.Repo, "main");
        Assert.Equal(info.Commit, commit);
        var results = await HubSnapshotFetcher.FetchIntoCacheAsync(offline, bed.Cache, info, info.Files, "main", 2, null, None);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal(requests, bed.Server.Requests.Count);
    }

    [Fact]
    public async Task Offline_a_file_missing_from_the_cache_fails_without_a_request()
    {
        await using var bed = new HubTestbed();
        using var client = bed.Client(offline: true);
        var info = new HubModelInfo(HubTestbed.Repo, HubTestbed.Commit, [bed.Meta("config.json"), new HubFile("unhashed.txt", 3, null, null)]);
        var results = await HubSnapshotFetcher.FetchIntoCacheAsync(client, bed.Cache, info, info.Files, "main", 2, null, None);
        Assert.All(results, r => Assert.Equal(HubErrorKind.Network, r.Error!.Kind));
        Assert.All(results, r => Assert.Contains("HF_HUB_OFFLINE", r.Error!.Message, StringComparison.Ordinal));
        Assert.Empty(bed.Server.Requests);
        Assert.Null(bed.Cache.ResolveRef(HubTestbed.Repo, "main"));
    }

    [Fact]
    public async Task Two_paths_with_the_same_content_share_one_blob_and_one_download()
    {
        await using var bed = new HubTestbed();
        const string Commit2 = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        var weights = HubTestbed.Pattern(5000, 3);
        bed.Server.AddRepo(HubTestbed.RepoName, Commit2, new Dictionary<string, byte[]> { ["a/w.bin"] = weights, ["b/w.bin"] = weights });
        using var client = bed.Client();
        var info = await client.GetModelInfoAsync(HubTestbed.Repo, Commit2, None);
        var results = await HubSnapshotFetcher.FetchIntoCacheAsync(client, bed.Cache, info, info.Files, null, 4, null, None);
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Single(bed.Cdn.Requests);
        Assert.Equal(weights, File.ReadAllBytes(bed.Cache.SnapshotFilePath(HubTestbed.Repo, Commit2, "b/w.bin")));
    }
}
