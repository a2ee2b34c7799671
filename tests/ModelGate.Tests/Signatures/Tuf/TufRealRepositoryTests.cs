using ModelGate.Signatures.Tuf;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Signatures.Tuf;

/// <summary>
/// Real Sigstore staging metadata (testdata/sigstore-staging, see its README) served on 127.0.0.1, with the
/// staging root ModelGate ships as the only trust: what the real signers produced must verify, byte for byte.
/// </summary>
public sealed class TufRealRepositoryTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Signatures", "Tuf", "testdata", "sigstore-staging");

    /// <summary>A time when root version 12, timestamp version 353 and the rest were all current.</summary>
    private static readonly DateTimeOffset WhenCurrent = new(2025, 7, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_shipped_staging_root_verifies_the_real_staging_chain_and_its_trusted_root()
    {
        await using var server = Serve();
        using var cache = new TempTree();

        var result = await SigstoreTrustUpdate.RunAsync(Options(server, cache, WhenCurrent), Fetcher(), CancellationToken.None);

        Assert.True(result.Downloaded);
        Assert.Equal([("root", 12L), ("timestamp", 353L), ("snapshot", 16L), ("targets", 17L)], result.Metadata.Roles.Select(r => (r.Role, r.Version)));
        Assert.True(result.Metadata.Targets.HasDelegations);
        Assert.Equal(File.ReadAllBytes(TargetFile()), File.ReadAllBytes(result.TrustedRootPath));
        Assert.Contains("13.root.json", server.Requests);
        Assert.Contains("targets/ed6a9cf4e7c2e3297a4b5974fce0d17132f03c63512029d7aa3a402b43acab49.trusted_root.json", server.Requests);
    }

    [Fact]
    public async Task The_same_chain_a_day_after_the_timestamp_expired_is_refused()
    {
        await using var server = Serve();
        using var cache = new TempTree();

        var error = await Assert.ThrowsAsync<TufException>(() => SigstoreTrustUpdate.RunAsync(Options(server, cache, WhenCurrent.AddDays(2)), Fetcher(), CancellationToken.None));

        Assert.Equal("timestamp.json: version 353 expired at 2025-07-29T13:28:44Z (freeze attack, or the repository's timestamp is not being renewed)", error.Message);
    }

    private static TufTestServer Serve()
    {
        var server = new TufTestServer();
        foreach (var file in (string[])["timestamp.json", "16.snapshot.json", "17.targets.json"])
            server.Put(file, File.ReadAllBytes(Path.Combine(Folder, file)));
        server.Put($"targets/{Path.GetFileName(TargetFile())}", File.ReadAllBytes(TargetFile()));
        return server;
    }

    private static string TargetFile() => Directory.GetFiles(Path.Combine(Folder, "targets"), "*.trusted_root.json").Single();

    private static SigstoreTrustUpdateOptions Options(TufTestServer server, TempTree cache, DateTimeOffset now) =>
        SigstoreTrustUpdateOptions.InFolder(SigstoreTufInstance.Staging, cache.Root) with { Mirror = server.Endpoint, Time = new FixedClock(now) };

    private static TufHttpFetcher Fetcher() => new(SharedHttp, TimeSpan.FromSeconds(20));

    private static readonly HttpClient SharedHttp = new();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
