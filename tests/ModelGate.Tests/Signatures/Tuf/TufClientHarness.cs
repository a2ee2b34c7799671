using ModelGate.Signatures.Tuf;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Signatures.Tuf;

/// <summary>A test repository, a client cache folder and the updater between them, at <see cref="TufTestRepository.Now"/>.</summary>
internal sealed class TufClientHarness : IAsyncDisposable
{
    private readonly TempTree _cache = new();
    private readonly HttpClient _http = new();

    public TufClientHarness()
    {
        Repository.PublishRoot();
        Repository.PublishMetadata();
    }

    public TufTestRepository Repository { get; } = new();

    public string CacheFolder => _cache.Root;

    public string TufFolder => Path.Combine(_cache.Root, "tuf");

    public TufLimits Limits { get; set; } = TufLimits.Default with { FetchTimeout = TimeSpan.FromSeconds(20) };

    public DateTimeOffset Now { get; set; } = TufTestRepository.Now;

    public ITufFetcher Fetcher => new TufHttpFetcher(_http, Limits.FetchTimeout);

    public TimeProvider Time => new FixedClock(Now);

    public TufUpdater Updater() =>
        new(new TufLocalStore(TufFolder), Fetcher, Repository.Server.Endpoint, new Uri(Repository.Server.Endpoint, "targets/"), Limits, Time);

    public Task<TufTrustedSet> RefreshAsync() => Updater().RefreshAsync(Repository.InitialRoot, "bootstrap root.json", bootstrapOverridesOlderCache: false, CancellationToken.None);

    /// <summary>The message of the <see cref="TufException"/> the refresh throws.</summary>
    public async Task<string> RefreshFailureAsync() => (await Assert.ThrowsAsync<TufException>(RefreshAsync)).Message;

    public async ValueTask DisposeAsync()
    {
        await Repository.DisposeAsync();
        _http.Dispose();
        _cache.Dispose();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
