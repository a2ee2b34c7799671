using ModelGate.Signatures.Tuf;
using ModelGate.Tests.Signatures.Sigstore;

namespace ModelGate.Tests.Signatures.Tuf;

public sealed class SigstoreTrustUpdateTests
{
    [Fact]
    public async Task Update_writes_the_verified_trusted_root_and_offline_checks_it_against_the_cache()
    {
        await using var client = new TufClientHarness();
        var trustedRoot = File.ReadAllBytes(SigstoreTestData.ProductionTrustedRoot);
        client.Repository.Targets["trusted_root.json"] = trustedRoot;
        client.Repository.PublishMetadata();
        var options = Options(client) with { RootFile = WriteBootstrap(client) };

        var first = await SigstoreTrustUpdate.RunAsync(options, client.Fetcher, CancellationToken.None);
        var second = await SigstoreTrustUpdate.RunAsync(options, client.Fetcher, CancellationToken.None);
        var offline = await SigstoreTrustUpdate.RunAsync(options with { Offline = true }, client.Fetcher, CancellationToken.None);

        Assert.True(first.Downloaded);
        Assert.False(second.Downloaded);
        Assert.False(offline.Downloaded);
        Assert.Equal(trustedRoot, File.ReadAllBytes(first.TrustedRootPath));
        Assert.Equal([("root", 1L), ("timestamp", 1L), ("snapshot", 1L), ("targets", 1L)], offline.Metadata.Roles.Select(r => (r.Role, r.Version)));
    }

    [Fact]
    public async Task A_changed_cached_trusted_root_fails_offline_and_is_replaced_online()
    {
        await using var client = new TufClientHarness();
        client.Repository.Targets["trusted_root.json"] = File.ReadAllBytes(SigstoreTestData.StagingTrustedRoot);
        client.Repository.PublishMetadata();
        var options = Options(client) with { RootFile = WriteBootstrap(client) };
        var result = await SigstoreTrustUpdate.RunAsync(options, client.Fetcher, CancellationToken.None);
        File.AppendAllText(result.TrustedRootPath, "\n");

        var error = await Assert.ThrowsAsync<TufException>(() => SigstoreTrustUpdate.RunAsync(options with { Offline = true }, client.Fetcher, CancellationToken.None));
        var repaired = await SigstoreTrustUpdate.RunAsync(options, client.Fetcher, CancellationToken.None);

        Assert.StartsWith($"{result.TrustedRootPath} (targets.json version 1 lists trusted_root.json): ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(length mismatch)", error.Message, StringComparison.Ordinal);
        Assert.True(repaired.Downloaded);
    }

    [Fact]
    public async Task A_signed_target_that_is_not_a_Sigstore_trusted_root_is_not_written()
    {
        await using var client = new TufClientHarness();
        var options = Options(client) with { RootFile = WriteBootstrap(client) };

        var error = await Assert.ThrowsAsync<TufException>(() => SigstoreTrustUpdate.RunAsync(options, client.Fetcher, CancellationToken.None));

        Assert.StartsWith("trusted_root.json (targets.json version 1): signed by the repository, but not a Sigstore trusted root: ", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(options.TrustedRootPath));
    }

    [Fact]
    public async Task Without_root_the_shipped_production_root_is_the_starting_point()
    {
        await using var client = new TufClientHarness();
        var options = Options(client);

        var error = await Assert.ThrowsAsync<TufException>(() => SigstoreTrustUpdate.RunAsync(options, client.Fetcher, CancellationToken.None));

        Assert.Equal("timestamp.json: version 1 has 0 valid signature(s) by the timestamp keys of root version 15; the threshold is 1", error.Message);
        Assert.Contains("16.root.json", client.Repository.Server.Requests);
    }

    [Fact]
    public async Task A_root_file_vouched_for_replaces_an_older_cached_root_but_never_a_newer_one()
    {
        await using var client = new TufClientHarness();
        var repository = client.Repository;
        repository.Targets["trusted_root.json"] = File.ReadAllBytes(SigstoreTestData.ProductionTrustedRoot);
        repository.PublishMetadata();
        var options = Options(client) with { RootFile = WriteBootstrap(client) };
        await SigstoreTrustUpdate.RunAsync(options, client.Fetcher, CancellationToken.None);
        // Version 2 with all-new root keys: it does not chain from version 1, but the user vouches for it.
        repository.RoleKeys["root"] = [repository.NewKey(ed25519: false)];
        repository.Thresholds["root"] = 1;
        repository.Versions["root"] = 2;
        var two = Path.Combine(client.CacheFolder, "root-2.json");
        File.WriteAllBytes(two, repository.PublishRoot());
        repository.Server.Remove("2.root.json");

        var replaced = await SigstoreTrustUpdate.RunAsync(options with { RootFile = two }, client.Fetcher, CancellationToken.None);
        var kept = await SigstoreTrustUpdate.RunAsync(options, client.Fetcher, CancellationToken.None);
        var shipped = await SigstoreTrustUpdate.RunAsync(options with { RootFile = null }, client.Fetcher, CancellationToken.None);

        Assert.Equal(2, replaced.Metadata.Root.Version);
        Assert.Equal(2, kept.Metadata.Root.Version);
        Assert.Equal(2, shipped.Metadata.Root.Version);
    }

    [Fact]
    public async Task Offline_without_a_cache_says_to_update_online_first()
    {
        await using var client = new TufClientHarness();

        var error = await Assert.ThrowsAsync<TufException>(() => SigstoreTrustUpdate.RunAsync(Options(client) with { Offline = true }, client.Fetcher, CancellationToken.None));

        Assert.EndsWith("no cached TUF root (run update-trust online first)", error.Message, StringComparison.Ordinal);
        Assert.Empty(client.Repository.Server.Requests);
    }

    [Theory]
    [InlineData("https://tuf-repo-cdn.sigstore.dev", "https://tuf-repo-cdn.sigstore.dev/")]
    [InlineData("https://mirror.example/sigstore/tuf/", "https://mirror.example/sigstore/tuf/")]
    [InlineData("http://127.0.0.1:8080/repo", "http://127.0.0.1:8080/repo/")]
    [InlineData("http://localhost:8080/", "http://localhost:8080/")]
    public void Mirrors_are_HTTPS_or_this_machine(string text, string expected) =>
        Assert.Equal(expected, SigstoreTrustUpdate.ParseMirror(text).AbsoluteUri);

    [Theory]
    [InlineData("http://tuf-repo-cdn.sigstore.dev/", "plain HTTP is allowed only for 127.0.0.1 and localhost; use HTTPS")]
    [InlineData("ftp://mirror.example/", "not an absolute http(s) URL")]
    [InlineData("mirror.example", "not an absolute http(s) URL")]
    [InlineData("https://user:pw@mirror.example/", "a repository URL has no query, fragment or user information")]
    public void Other_mirrors_are_refused(string text, string reason) =>
        Assert.EndsWith(reason, Assert.Throws<TufException>(() => SigstoreTrustUpdate.ParseMirror(text)).Message, StringComparison.Ordinal);

    private static SigstoreTrustUpdateOptions Options(TufClientHarness client) =>
        new(SigstoreTufInstance.Production, client.TufFolder, Path.Combine(client.CacheFolder, "trusted_root.json"))
        {
            Mirror = client.Repository.Server.Endpoint,
            Limits = client.Limits,
            Time = client.Time,
        };

    private static string WriteBootstrap(TufClientHarness client)
    {
        var path = Path.Combine(client.CacheFolder, "bootstrap-root.json");
        File.WriteAllBytes(path, client.Repository.InitialRoot);
        return path;
    }
}
