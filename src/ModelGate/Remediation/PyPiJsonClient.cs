using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ModelGate.Formats;
using ModelGate.Formats.Pep508;

namespace ModelGate.Remediation;

/// <summary>Settings for <see cref="PyPiJsonClient"/>; the defaults suit pypi.org.</summary>
internal sealed record PyPiJsonClientOptions
{
    /// <summary>
    /// The index's base URL. A pip-style index URL is accepted too: a trailing <c>/simple</c> (the PEP 503
    /// simple API pip is given) is dropped, since the JSON API lives beside it at <c>/pypi/...</c>.
    /// </summary>
    public string IndexUrl { get; init; } = "https://pypi.org";

    /// <summary>Time for one attempt, from sending the request to the last byte of the body.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per lookup; 429 and 5xx answers, connection failures and timeouts are retried.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Delay before the first retry; doubled for each further one.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on any one delay, including a server's <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxResponseBytes { get; init; } = ReaderLimits.MaxPackageIndexResponseBytes;
}

/// <summary>
/// Reads distribution digests from the PyPI JSON API (<c>GET {index}/pypi/{name}/{version}/json</c>,
/// "JSON API" in the Warehouse documentation): the <c>urls</c> array lists the release's files, each with
/// <c>filename</c> and <c>digests.sha256</c>. Parsed with <see cref="JsonDocument"/> (no reflection, so Native
/// AOT keeps working); every answer is bounded in size, time and nesting depth.
/// </summary>
internal sealed class PyPiJsonClient : IDigestSource, IDisposable
{
    private readonly HttpClient _http;
    private readonly PyPiJsonClientOptions _options;
    private readonly string _base;

    public PyPiJsonClient(PyPiJsonClientOptions? options = null, HttpMessageHandler? handler = null)
    {
        _options = options ?? new PyPiJsonClientOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttempts, 1);
        _base = JsonApiBase(_options.IndexUrl);
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
                // PyPI redirects a non-normalized project name to the normalized one.
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 5,
                ConnectTimeout = _options.RequestTimeout,
            })
            : new HttpClient(handler, disposeHandler: false);
        // Each attempt carries its own deadline (it also covers reading the body), so the client's is off.
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("modelgate", "0.1"));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public string Description => _base;

    /// <summary>The base the JSON API hangs from: the index URL without a trailing <c>/</c> or <c>/simple</c>.</summary>
    public static string JsonApiBase(string indexUrl)
    {
        ArgumentNullException.ThrowIfNull(indexUrl);
        if (!Uri.TryCreate(indexUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"'{indexUrl}' is not an http(s) URL", nameof(indexUrl));
        var text = indexUrl.TrimEnd('/');
        if (text.EndsWith("/simple", StringComparison.OrdinalIgnoreCase))
            text = text[..^"/simple".Length];
        return text;
    }

    public string UrlFor(string name, string version) =>
        $"{_base}/pypi/{Uri.EscapeDataString(PackageName.Normalize(name))}/{Uri.EscapeDataString(version)}/json";

    public async Task<DigestLookup> LookupAsync(string name, string version, CancellationToken cancellationToken)
    {
        var url = UrlFor(name, version);
        int? lastStatus = null;
        string lastProblem = "no attempt was made";
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            TimeSpan? retryAfter = null;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(_options.RequestTimeout);
                try
                {
                    using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    lastStatus = status;
                    if (response.StatusCode == HttpStatusCode.NotFound)
                        return DigestLookup.NotFound;
                    if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500)
                    {
                        lastProblem = $"HTTP {status}";
                        retryAfter = RetryAfter(response);
                    }
                    else if (!response.IsSuccessStatusCode)
                    {
                        throw new PackageIndexException($"{url}: HTTP {status} {response.ReasonPhrase}", url, status, transient: false);
                    }
                    else
                    {
                        CheckContentType(response, url);
                        var body = await ReadBoundedAsync(response, url, deadline.Token).ConfigureAwait(false);
                        return Parse(body, url);
                    }
                }
                catch (HttpRequestException ex)
                {
                    lastProblem = ex.Message;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    lastProblem = $"no complete answer within {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
                }
                catch (IOException ex)
                {
                    lastProblem = ex.Message;
                }
            }
            if (attempt < _options.MaxAttempts)
                await Task.Delay(Backoff(attempt, retryAfter), cancellationToken).ConfigureAwait(false);
        }
        throw new PackageIndexException($"{url}: {lastProblem} (after {_options.MaxAttempts} attempts)", url, lastStatus, transient: true);
    }

    public void Dispose() => _http.Dispose();

    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var exponential = _options.RetryBaseDelay * Math.Pow(2, attempt - 1);
        var delay = retryAfter is { } asked && asked > exponential ? asked : exponential;
        return delay > _options.MaxRetryDelay ? _options.MaxRetryDelay : delay;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    private static void CheckContentType(HttpResponseMessage response, string url)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        // application/json, or a structured +json type; an HTML error page from a proxy is not an answer.
        if (mediaType is null || !(mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
            throw new PackageIndexException($"{url}: answered with content type '{mediaType ?? "none"}', not JSON; is this a PyPI-compatible JSON API?", url, (int)response.StatusCode, transient: false);
    }

    private async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, string url, CancellationToken cancellationToken)
    {
        var max = _options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is long declared && declared > max)
            throw TooLarge(url, (int)response.StatusCode, declared);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            while (true)
            {
                var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    break;
                if (buffer.Length + read > max)
                    throw TooLarge(url, (int)response.StatusCode, null);
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
    }

    private PackageIndexException TooLarge(string url, int status, long? declared) =>
        new($"{url}: the answer is {(declared is long d ? $"{d} bytes" : "larger than the limit")}; at most {_options.MaxResponseBytes} bytes are read", url, status, transient: false);

    /// <summary>The <c>urls</c> array: one object per file with <c>filename</c> and <c>digests.sha256</c>.</summary>
    internal static DigestLookup Parse(byte[] body, string url)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw Malformed(url, $"the answer is not valid JSON ({ex.Message})", ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("urls", out var urls) || urls.ValueKind != JsonValueKind.Array)
                throw Malformed(url, "the answer has no \"urls\" array; it is not the PyPI JSON API's release document");
            var files = new List<DistributionDigest>(urls.GetArrayLength());
            var index = 0;
            foreach (var file in urls.EnumerateArray())
            {
                if (file.ValueKind != JsonValueKind.Object
                    || !file.TryGetProperty("filename", out var nameElement) || nameElement.ValueKind != JsonValueKind.String
                    || nameElement.GetString() is not { Length: > 0 } fileName)
                    throw Malformed(url, $"urls[{index}] has no \"filename\"");
                if (!file.TryGetProperty("digests", out var digests) || digests.ValueKind != JsonValueKind.Object
                    || !digests.TryGetProperty("sha256", out var sha) || sha.ValueKind != JsonValueKind.String
                    || sha.GetString() is not string hex || hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
                    throw Malformed(url, $"urls[{index}] ({fileName}) has no valid digests.sha256");
                files.Add(new DistributionDigest(fileName, hex.ToLowerInvariant()));
                index++;
            }
            return new DigestLookup(true, files);
        }
    }

    private static PackageIndexException Malformed(string url, string message, Exception? inner = null) =>
        new($"{url}: {message}", url, 200, transient: false, inner);
}
