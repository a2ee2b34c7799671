using System.Diagnostics.CodeAnalysis;

namespace ModelGate.Advisories.Api;

/// <summary>
/// How the OSV API client talks to the server. Defaults suit https://api.osv.dev; tests shrink the limits and
/// timeouts and inject <see cref="Delay"/> so that backoff does not really sleep.
/// </summary>
internal sealed record OsvApiOptions
{
    /// <summary>The public OSV service.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://api.osv.dev/");

    /// <summary>Server root; <c>v1/querybatch</c> and <c>v1/vulns/{id}</c> are resolved against it (<c>--osv-url</c>).</summary>
    public Uri BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>Longest wait for one HTTP exchange, connect to last body byte.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest time a whole <see cref="OsvApiClient.QueryAsync"/> may take, retries and backoff included.</summary>
    public TimeSpan OverallDeadline { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts per request when the server answers 429 or 5xx or the connection fails.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>First backoff delay; doubled per attempt, with jitter.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts, whether computed or asked for by <c>Retry-After</c>.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Queries per <c>POST /v1/querybatch</c>; the OSV API accepts at most 1000.</summary>
    public int MaxQueriesPerBatch { get; init; } = 1000;

    /// <summary>Pages followed for one query through <c>next_page_token</c> before giving up.</summary>
    public int MaxPagesPerQuery { get; init; } = 100;

    /// <summary>Concurrent <c>GET /v1/vulns/{id}</c> requests.</summary>
    public int MaxParallelRequests { get; init; } = 8;

    /// <summary>Most distinct advisories fetched for one call; PyPI has about 20,000 advisories in all.</summary>
    public int MaxAdvisories { get; init; } = 50_000;

    /// <summary>Largest querybatch response body read (bytes, after decompression).</summary>
    public long MaxBatchResponseBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Largest single advisory body read (bytes, after decompression).</summary>
    public long MaxVulnResponseBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>Clock for the overall deadline and for <c>Retry-After</c> given as an HTTP date.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Waits between attempts; replaced in tests to record the delay instead of sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task>? Delay { get; init; }

    /// <summary>Source of backoff jitter in [0, 1); replaced in tests for repeatable delays.</summary>
    public Func<double>? Jitter { get; init; }

    /// <summary>
    /// Parses a user-given base URL (<c>--osv-url</c>): absolute, http or https, no query or fragment. A missing
    /// trailing slash is added so that a path prefix (<c>https://mirror/osv</c>) is kept when endpoints are resolved.
    /// </summary>
    public static bool TryParseBaseUrl(string text, [NotNullWhen(true)] out Uri? baseUrl, [NotNullWhen(false)] out string? error)
    {
        baseUrl = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = $"'{text}' is not an http or https URL";
            return false;
        }
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            error = $"'{text}' has a query or fragment; give the server root, such as https://api.osv.dev";
            return false;
        }
        baseUrl = uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
        error = null;
        return true;
    }
}
