using ModelGate.Provenance.Hub;

namespace ModelGate.Tests.Provenance.Hub;

public sealed class HubClientTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Model_info_is_one_request_with_blob_metadata()
    {
        await using var bed = new HubTestbed();
        using var client = bed.Client();
        var info = await client.GetModelInfoAsync(HubTestbed.Repo, "main", None);

        Assert.Equal(HubTestbed.Commit, info.Commit);
        Assert.Equal(["README.md", "config.json", "model.safetensors", "tokenizer/vocab.txt"], info.Files.Select(f => f.Path));
        foreach (var file in info.Files)
            Assert.Equal(bed.Meta(file.Path), file);
        var request = Assert.Single(bed.Server.Requests);
        Assert.Equal($"/api/models/{HubTestbed.RepoName}/revision/main?blobs=true", request.Target);
        Assert.Equal("acme", info.Author);
    }

    [Fact]
    public async Task A_revision_with_a_slash_is_escaped_as_one_segment()
    {
        await using var bed = new HubTestbed();
        using var client = bed.Client();
        var info = await client.GetModelInfoAsync(HubTestbed.Repo, "refs/pr/1", None);
        Assert.Equal(HubTestbed.Commit, info.Commit);
        Assert.EndsWith("/revision/refs%2Fpr%2F1?blobs=true", Assert.Single(bed.Server.Requests).Target, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme/bert-tiny", "v9", "revision v9 not found")]
    [InlineData("acme/missing", "main", "repository not found (or private")]
    public async Task Missing_repositories_and_revisions_say_which(string repo, string revision, string expected)
    {
        await using var bed = new HubTestbed();
        using var client = bed.Client();
        var error = await Assert.ThrowsAsync<HubException>(() => client.GetModelInfoAsync(HubRepoId.Parse(repo), revision, None));
        Assert.Equal(HubErrorKind.NotFound, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(repo, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_not_found_at_the_commit()
    {
        await using var bed = new HubTestbed();
        using var client = bed.Client();
        var error = await Assert.ThrowsAsync<HubException>(() => client.GetSmallFileAsync(HubTestbed.Repo, HubTestbed.Commit, "nope.json", 1024, None));
        Assert.Equal(HubErrorKind.NotFound, error.Kind);
        Assert.Contains("'nope.json' in acme/bert-tiny@", error.Message, StringComparison.Ordinal);
        Assert.Contains("file not found at commit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Small_files_are_read_and_bounded()
    {
        await using var bed = new HubTestbed();
        using var client = bed.Client();
        var config = await client.GetSmallFileAsync(HubTestbed.Repo, HubTestbed.Commit, "config.json", 1024, None);
        Assert.Equal(bed.Files["config.json"], config);
        var error = await Assert.ThrowsAsync<HubException>(() => client.GetSmallFileAsync(HubTestbed.Repo, HubTestbed.Commit, "README.md", 10, None));
        Assert.Equal(HubErrorKind.Protocol, error.Kind);
        Assert.Contains("more than 10 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_model_info_is_refused_at_the_limit()
    {
        await using var bed = new HubTestbed();
        using var client = bed.Client(options: bed.Options with { MaxMetadataBytes = 200 });
        var error = await Assert.ThrowsAsync<HubException>(() => client.GetModelInfoAsync(HubTestbed.Repo, "main", None));
        Assert.Equal(HubErrorKind.Protocol, error.Kind);
        Assert.Contains("more than 200 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"sha":"0123","siblings":[]}""", "\"sha\"")]
    [InlineData("""{"sha":"0123456789abcdef0123456789abcdef01234567","siblings":[{"rfilename":"../x"}]}""", "unsafe file path '../x'")]
    [InlineData("""{"sha":"0123456789abcdef0123456789abcdef01234567","siblings":[{"rfil""", "not valid JSON")]
    public async Task Hostile_model_info_from_a_server_is_refused(string json, string expected)
    {
        await using var bed = new HubTestbed();
        bed.Server.AddRepo("evil/repo", HubTestbed.Commit, new Dictionary<string, byte[]>(), new Dictionary<string, string> { ["main"] = HubTestbed.Commit })
            .ModelInfoOverride = json;
        using var client = bed.Client();
        var error = await Assert.ThrowsAsync<HubException>(() => client.GetModelInfoAsync(HubRepoId.Parse("evil/repo"), "main", None));
        Assert.Equal(HubErrorKind.Protocol, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("evil/repo@main", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_blob_metadata_HEAD_fills_only_the_missing_files()
    {
        await using var bed = new HubTestbed();
        bed.Server.NoBlobMetadata = true;
        using var client = bed.Client();
        var info = await client.GetModelInfoAsync(HubTestbed.Repo, "main", None);
        Assert.All(info.Files, f => Assert.Null(f.Etag));

        var completed = await client.CompleteMetadataAsync(HubTestbed.Repo, info.Commit, info.Files, None);

        foreach (var file in completed)
        {
            var expected = bed.Meta(file.Path);
            Assert.Equal(expected.Size, file.Size);
            Assert.Equal(expected.Etag, file.Etag);
            Assert.Equal(expected.IsLfs, file.IsLfs);
        }
        Assert.Equal(4, bed.Server.Requests.Count(r => r.Method == "HEAD"));
        Assert.Empty(bed.Cdn.Requests);

        var before = bed.Server.Requests.Count;
        var again = await client.CompleteMetadataAsync(HubTestbed.Repo, info.Commit, completed, None);
        Assert.Equal(completed, again);
        Assert.Equal(before, bed.Server.Requests.Count);
    }

    [Fact]
    public async Task HEAD_follows_a_rename_but_reads_the_CDN_redirect_itself()
    {
        await using var bed = new HubTestbed();
        bed.Server.AddRename("acme/old-name", HubTestbed.RepoName);
        using var client = bed.Client();
        var file = await client.GetFileMetadataAsync(HubRepoId.Parse("acme/old-name"), HubTestbed.Commit, "model.safetensors", None);
        Assert.Equal(bed.Meta("model.safetensors") with { GitBlobId = null }, file);
        Assert.Equal(2, bed.Server.Requests.Count);
        Assert.Empty(bed.Cdn.Requests);
    }

    [Fact]
    public async Task An_LFS_download_follows_the_CDN_redirect_without_the_token()
    {
        await using var bed = new HubTestbed();
        bed.Server.RequireToken(HubTestbed.RepoName, HubTestbed.Token);
        using var client = bed.Client(HubTestbed.Token);
        var partial = Path.Combine(bed.Temp.Root, "q", "model.safetensors.part");
        long reported = 0;

        var digests = await client.DownloadAsync(HubTestbed.Repo, HubTestbed.Commit, bed.Meta("model.safetensors"), partial, n => Interlocked.Add(ref reported, n), None);

        Assert.Equal(FakeHubServer.Sha256(bed.Files["model.safetensors"]), digests.Sha256);
        Assert.Equal(bed.Files["model.safetensors"], File.ReadAllBytes(partial));
        Assert.Equal(bed.Files["model.safetensors"].Length, reported);
        var toHub = Assert.Single(bed.Server.Requests);
        Assert.Equal(FakeHubServer.HashHeader($"Bearer {HubTestbed.Token}"), toHub.AuthorizationSha256);
        var toCdn = Assert.Single(bed.Cdn.Requests);
        Assert.False(toCdn.HasAuthorization);
    }

    [Fact]
    public async Task A_git_file_is_verified_by_its_blob_id()
    {
        await using var bed = new HubTestbed();
        using var client = bed.Client();
        var partial = Path.Combine(bed.Temp.Root, "vocab.part");
        var digests = await client.DownloadAsync(HubTestbed.Repo, HubTestbed.Commit, bed.Meta("tokenizer/vocab.txt"), partial, null, None);
        Assert.Equal(bed.Meta("tokenizer/vocab.txt").GitBlobId, digests.GitBlobSha1);
        Assert.Equal(FakeHubServer.Sha256(bed.Files["tokenizer/vocab.txt"]), digests.Sha256);
    }

    [Fact]
    public async Task A_download_without_any_published_hash_returns_the_digests_for_the_caller_to_check()
    {
        await using var bed = new HubTestbed();
        using var client = bed.Client();
        var partial = Path.Combine(bed.Temp.Root, "cfg.part");
        var digests = await client.DownloadAsync(HubTestbed.Repo, HubTestbed.Commit, new HubFile("config.json", null, null, null), partial, null, None);
        Assert.Equal(FakeHubServer.Sha256(bed.Files["config.json"]), digests.Sha256);
        Assert.Equal(FakeHubServer.GitBlobId(bed.Files["config.json"]), digests.GitBlobSha1);
    }

    public static TheoryData<string, string, string> Tampering => new()
    {
        { "model.safetensors", "tamper", "LFS sha256" },
        { "tokenizer/vocab.txt", "tamper", "git blob id" },
        { "model.safetensors", "sha-lie", "LFS sha256" },
        { "config.json", "sha-lie", "git blob id" },
        { "model.safetensors", "size-lie-up", "Hub's metadata says" },
        { "config.json", "size-lie-down", "Hub's metadata says" },
        { "model.safetensors", "extra", "Hub's metadata says" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Bytes_that_differ_from_the_metadata_are_refused_and_deleted(string path, string fault, string expected)
    {
        await using var bed = new HubTestbed();
        switch (fault)
        {
            case "tamper": bed.Server.TamperContent(path, 5); break;
            case "sha-lie": bed.Server.LieAboutSha256(path); break;
            case "size-lie-up": bed.Server.LieAboutSize(path, 5); break;
            case "size-lie-down": bed.Server.LieAboutSize(path, -5); break;
            default: bed.Server.ExtraBytes(path, 100); break;
        }
        using var client = bed.Client();
        var info = await client.GetModelInfoAsync(HubTestbed.Repo, "main", None);
        var file = info.Files.Single(f => f.Path == path);
        var partial = Path.Combine(bed.Temp.Root, "q", "file.part");

        var error = await Assert.ThrowsAsync<HubIntegrityException>(() => client.DownloadAsync(HubTestbed.Repo, info.Commit, file, partial, null, None));

        Assert.Equal(HubErrorKind.Integrity, error.Kind);
        Assert.Equal(path, error.Path);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{path}' in acme/bert-tiny@{HubTestbed.Commit}", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(partial));
        if (fault is "tamper" or "sha-lie")
        {
            var prefix = expected == "LFS sha256" ? "sha256:" : "git-blob:";
            Assert.StartsWith(prefix, error.ExpectedHash, StringComparison.Ordinal);
            Assert.StartsWith(prefix, error.ActualHash, StringComparison.Ordinal);
            Assert.NotEqual(error.ExpectedHash, error.ActualHash);
        }
    }

    [Fact]
    public async Task A_truncated_body_is_resumed_with_a_range_request()
    {
        await using var bed = new HubTestbed();
        bed.Server.TruncateOnce("model.safetensors", 100_000);
        using var client = bed.Client();
        var partial = Path.Combine(bed.Temp.Root, "m.part");

        var digests = await client.DownloadAsync(HubTestbed.Repo, HubTestbed.Commit, bed.Meta("model.safetensors"), partial, null, None);

        Assert.Equal(FakeHubServer.Sha256(bed.Files["model.safetensors"]), digests.Sha256);
        Assert.Equal(300_000, digests.Length);
        var ranges = bed.Cdn.Requests.Select(r => r.Range).ToArray();
        Assert.Equal(2, ranges.Length);
        Assert.Null(ranges[0]);
        Assert.Equal("bytes=100000-", ranges[1]);
    }

    [Fact]
    public async Task An_existing_partial_file_is_resumed_and_the_digest_covers_the_whole_file()
    {
        await using var bed = new HubTestbed(useCdn: false);
        using var client = bed.Client();
        var partial = Path.Combine(bed.Temp.Root, "m.part");
        File.WriteAllBytes(partial, bed.Files["model.safetensors"][..123_456]);

        var digests = await client.DownloadAsync(HubTestbed.Repo, HubTestbed.Commit, bed.Meta("model.safetensors"), partial, null, None);

        Assert.Equal(FakeHubServer.Sha256(bed.Files["model.safetensors"]), digests.Sha256);
        Assert.Equal("bytes=123456-", Assert.Single(bed.Server.Requests).Range);
    }

    [Fact]
    public async Task A_corrupted_partial_prefix_is_caught_by_the_final_hash()
    {
        await using var bed = new HubTestbed(useCdn: false);
        using var client = bed.Client();
        var partial = Path.Combine(bed.Temp.Root, "m.part");
        var prefix = bed.Files["model.safetensors"][..1000];
        prefix[10] ^= 1;
        File.WriteAllBytes(partial, prefix);

        var error = await Assert.ThrowsAsync<HubIntegrityException>(
            () => client.DownloadAsync(HubTestbed.Repo, HubTestbed.Commit, bed.Meta("model.safetensors"), partial, null, None));
        Assert.Contains("LFS sha256", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(partial));
    }

    [Fact]
    public async Task A_partial_file_longer_than_the_file_is_started_over()
    {
        await using var bed = new HubTestbed(useCdn: false);
        using var client = bed.Client();
        var partial = Path.Combine(bed.Temp.Root, "c.part");
        File.WriteAllBytes(partial, new byte[5000]);
        var digests = await client.DownloadAsync(HubTestbed.Repo, HubTestbed.Commit, bed.Meta("config.json"), partial, null, None);
        Assert.Equal(bed.Files["config.json"], File.ReadAllBytes(partial));
        Assert.Null(Assert.Single(bed.Server.Requests).Range);
        Assert.Equal(bed.Files["config.json"].Length, digests.Length);
    }

    [Fact]
    public async Task A_complete_partial_file_is_verified_without_a_request()
    {
        await using var bed = new HubTestbed();
        using var client = bed.Client();
        var partial = Path.Combine(bed.Temp.Root, "c.part");
        File.WriteAllBytes(partial, bed.Files["config.json"]);
        await client.DownloadAsync(HubTestbed.Repo, HubTestbed.Commit, bed.Meta("config.json"), partial, null, None);
        Assert.Empty(bed.Server.Requests);
    }

    [Fact]
    public async Task Rate_limits_are_waited_out_as_the_Hub_asks()
    {
        await using var bed = new HubTestbed();
        bed.Server.Responses429(2, "7");
        using var client = bed.Client();
        var info = await client.GetModelInfoAsync(HubTestbed.Repo, "main", None);
        Assert.Equal(HubTestbed.Commit, info.Commit);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], bed.Delays);
        Assert.Equal(3, bed.Server.Requests.Count);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_cap_fails_at_once_saying_how_long()
    {
        await using var bed = new HubTestbed();
        bed.Server.Responses429(1, "3600");
        using var client = bed.Client();
        var error = await Assert.ThrowsAsync<HubException>(() => client.GetModelInfoAsync(HubTestbed.Repo, "main", None));
        Assert.Equal(HubErrorKind.RateLimited, error.Kind);
        Assert.Contains("asked to wait 60 min (Retry-After)", error.Message, StringComparison.Ordinal);
        Assert.Single(bed.Server.Requests);
        Assert.Empty(bed.Delays);
    }

    [Fact]
    public async Task A_Retry_After_date_is_honoured()
    {
        await using var bed = new HubTestbed();
        bed.Server.Responses429(1, DateTimeOffset.UtcNow.AddHours(-1).ToString("R"));
        using var client = bed.Client();
        await client.GetModelInfoAsync(HubTestbed.Repo, "main", None);
        Assert.Equal([TimeSpan.Zero], bed.Delays);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_then_reported()
    {
        await using var bed = new HubTestbed();
        bed.Server.Responses503(2);
        using var client = bed.Client();
        var partial = Path.Combine(bed.Temp.Root, "c.part");
        await client.DownloadAsync(HubTestbed.Repo, HubTestbed.Commit, bed.Meta("config.json"), partial, null, None);
        Assert.Equal([TimeSpan.FromMilliseconds(750), TimeSpan.FromMilliseconds(1500)], bed.Delays);

        bed.Server.Responses503(100);
        var error = await Assert.ThrowsAsync<HubException>(() => client.GetModelInfoAsync(HubTestbed.Repo, "main", None));
        Assert.Equal(HubErrorKind.Server, error.Kind);
        Assert.Contains("failed five times", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_loop_stops_after_ten_hops()
    {
        await using var bed = new HubTestbed();
        bed.Server.RedirectLoop = true;
        using var client = bed.Client();
        var error = await Assert.ThrowsAsync<HubException>(
            () => client.DownloadAsync(HubTestbed.Repo, HubTestbed.Commit, bed.Meta("config.json"), Path.Combine(bed.Temp.Root, "c.part"), null, None));
        Assert.Equal(HubErrorKind.Protocol, error.Kind);
        Assert.Contains("redirected more than 10 times", error.Message, StringComparison.Ordinal);
        Assert.Equal(HubClient.MaxRedirects + 1, bed.Server.Requests.Count);
    }

    [Fact]
    public async Task A_renamed_repository_is_followed_with_the_token()
    {
        await using var bed = new HubTestbed();
        bed.Server.AddRename("acme/old-name", HubTestbed.RepoName);
        using var client = bed.Client(HubTestbed.Token);
        var bytes = await client.GetSmallFileAsync(HubRepoId.Parse("acme/old-name"), HubTestbed.Commit, "config.json", 4096, None);
        Assert.Equal(bed.Files["config.json"], bytes);
        Assert.All(bed.Server.Requests, r => Assert.True(r.HasAuthorization));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("hf_WrongTokenValue999")]
    public async Task A_gated_repository_says_where_to_accept_and_never_shows_the_token(string? token)
    {
        await using var bed = new HubTestbed();
        bed.Server.Gated(HubTestbed.RepoName, HubTestbed.Token);
        using var client = bed.Client(token);
        var error = await Assert.ThrowsAsync<HubException>(() => client.GetModelInfoAsync(HubTestbed.Repo, "main", None));
        Assert.Equal(HubErrorKind.Gated, error.Kind);
        Assert.Contains($"accept the conditions at {bed.Server.EndpointText}/acme/bert-tiny", error.Message, StringComparison.Ordinal);
        if (token is not null)
            Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
        Assert.Contains("restricted", error.Message, StringComparison.Ordinal);

        using var allowed = bed.Client(HubTestbed.Token);
        Assert.Equal(HubTestbed.Commit, (await allowed.GetModelInfoAsync(HubTestbed.Repo, "main", None)).Commit);
    }

    [Fact]
    public async Task Missing_credentials_say_how_to_log_in()
    {
        await using var bed = new HubTestbed();
        bed.Server.RequireToken(HubTestbed.RepoName, HubTestbed.Token);
        using var client = bed.Client();
        var error = await Assert.ThrowsAsync<HubException>(() => client.GetModelInfoAsync(HubTestbed.Repo, "main", None));
        Assert.Equal(HubErrorKind.Unauthorized, error.Kind);
        Assert.Contains("not authorized; set HF_TOKEN or log in (huggingface-cli login)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_repository_reads_as_not_found_with_a_hint_about_the_token()
    {
        await using var bed = new HubTestbed();
        bed.Server.RequireToken(HubTestbed.RepoName, HubTestbed.Token, "RepoNotFound");
        using var client = bed.Client();
        var error = await Assert.ThrowsAsync<HubException>(() => client.GetModelInfoAsync(HubTestbed.Repo, "main", None));
        Assert.Equal(HubErrorKind.NotFound, error.Kind);
        Assert.Contains("repository not found (or private: if it is, set HF_TOKEN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_server_still_delivers_verified_bytes()
    {
        await using var bed = new HubTestbed();
        bed.Server.Slow(40_000);
        using var client = bed.Client();
        var digests = await client.DownloadAsync(HubTestbed.Repo, HubTestbed.Commit, bed.Meta("README.md"), Path.Combine(bed.Temp.Root, "r.part"), null, None);
        Assert.Equal(bed.Meta("README.md").GitBlobId, digests.GitBlobSha1);
    }

    [Fact]
    public async Task A_server_that_never_answers_fails_within_the_timeout()
    {
        await using var bed = new HubTestbed();
        bed.Server.Slow(0);
        using var client = bed.Client(options: bed.Options with { RequestTimeout = TimeSpan.FromMilliseconds(300), MaxAttempts = 2 });
        var error = await Assert.ThrowsAsync<HubException>(
            () => client.DownloadAsync(HubTestbed.Repo, HubTestbed.Commit, bed.Meta("README.md"), Path.Combine(bed.Temp.Root, "r.part"), null, None));
        Assert.Equal(HubErrorKind.Network, error.Kind);
        // Which phase the timeout hits depends on machine load: the headers ("did not answer") or the body ("stalled").
        Assert.True(error.Message.Contains("stalled", StringComparison.Ordinal) || error.Message.Contains("did not answer", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public async Task Offline_mode_makes_no_request()
    {
        await using var bed = new HubTestbed();
        using var client = bed.Client(offline: true);
        var error = await Assert.ThrowsAsync<HubException>(() => client.GetModelInfoAsync(HubTestbed.Repo, "main", None));
        Assert.Equal(HubErrorKind.Network, error.Kind);
        Assert.Contains("HF_HUB_OFFLINE", error.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Server.Requests);
    }

    [Theory]
    [InlineData("\"abc\"", "abc")]
    [InlineData("W/\"ABC\"", "abc")]
    [InlineData(" \"d\" ", "d")]
    public void Etags_lose_quotes_and_the_weak_prefix(string header, string expected) =>
        Assert.Equal(expected, HubClient.NormalizeEtag(header));

    [Fact]
    public async Task The_token_never_appears_in_a_message_even_when_the_server_echoes_it()
    {
        await using var bed = new HubTestbed();
        bed.Server.Gated(HubTestbed.RepoName, "hf_other");
        using var client = bed.Client(HubTestbed.Token);
        var error = await Assert.ThrowsAsync<HubException>(() => client.GetModelInfoAsync(HubTestbed.Repo, "main", None));
        Assert.DoesNotContain(HubTestbed.Token, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Bearer ***", error.Message, StringComparison.Ordinal);
    }
}
