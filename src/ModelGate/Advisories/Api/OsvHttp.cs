using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ModelGate.Inventory;
using ModelGate.Reporting;

namespace ModelGate.Advisories.Api;

/// <summary>
/// One HTTP exchange with the OSV API, made robust: a timeout per attempt, retries with backoff on 429, 5xx and
/// broken connections, a size limit enforced while the body is read, and a JSON content type. Every failure
/// becomes an <see cref="OsvApiException"/> whose message names the server and the endpoint.
/// </summary>
internal sealed class OsvHttp : IDisposable
{
    /// <summary>Bytes of an error body quoted in a message (OSV sends <c>{"code":3,"message":".."}</c>).</summary>
    private const int ErrorBodyPreviewBytes = 300;

    private readonly HttpClient _client;
    private readonly OsvApiOptions _options;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Func<double> _jitter;

    public OsvHttp(OsvApiOptions options)
    {
        _options = options;
        BaseDisplay = UrlRedaction.Redact(options.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        _delay = options.Delay ?? ((delay, token) => Task.Delay(delay, options.TimeProvider, token));
        _jitter = options.Jitter ?? Random.Shared.NextDouble;
        var handler = new SocketsHttpHandler
        {
            // The size limit is checked on the decompressed stream, so a compression bomb stops at the limit.
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            ConnectTimeout = options.RequestTimeout,
            MaxAutomaticRedirections = 5,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseProxy = true,
        };
        _client = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = options.BaseUrl,
            // Each attempt carries its own timeout token; the client-wide timeout would hide which one fired.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("modelgate", ToolVersion.Value));
        _client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>The server root as shown in messages, credentials redacted and without a trailing slash.</summary>
    public string BaseDisplay { get; }

    public string Where(string endpoint) => $"OSV API at {BaseDisplay} ({endpoint})";

    /// <summary>
    /// Sends the request built by <paramref name="build"/> (called once per attempt) and returns the body of a
    /// 2xx answer, or <see langword="null"/> for 404 when <paramref name="notFoundIsNull"/>.
    /// </summary>
    public async Task<byte[]?> SendAsync(
        Func<HttpRequestMessage> build, string endpoint, long maxBytes, bool notFoundIsNull, CancellationToken token)
    {
        // What each failed attempt saw, short form ("returned HTTP 503 (Service Unavailable)"), and the last detail.
        var failures = new List<string>(_options.MaxAttempts);
        var lastDetail = "";
        Exception? lastException = null;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            using (var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token))
            {
                try
                {
                    using var request = build();
                    using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                    var status = response.StatusCode;
                    if (status == HttpStatusCode.NotFound && notFoundIsNull)
                        return null;
                    if ((int)status is >= 200 and < 300)
                    {
                        CheckContentType(response, endpoint);
                        return await ReadBoundedAsync(response.Content, maxBytes, endpoint, linked.Token).ConfigureAwait(false);
                    }
                    var described = $"returned HTTP {(int)status} ({Quote(response.ReasonPhrase ?? status.ToString())})";
                    var preview = await PreviewAsync(response.Content, linked.Token).ConfigureAwait(false);
                    if (!IsTransient(status))
                        throw new OsvApiException($"{Where(endpoint)} {described}{(preview.Length == 0 ? "" : ": " + preview)}.");
                    failures.Add(described);
                    lastDetail = preview;
                    lastException = null;
                    retryAfter = RetryAfter(response.Headers.RetryAfter);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !token.IsCancellationRequested)
                {
                    // A server too slow to answer in the timeout is not retried: it would multiply the wait.
                    throw new OsvApiException($"{Where(endpoint)} did not answer within {HumanUnits.Duration(_options.RequestTimeout)}.");
                }
                catch (HttpRequestException e) when (IsTransient(e))
                {
                    failures.Add("could not be reached");
                    lastDetail = Quote(e.Message);
                    lastException = e;
                }
                catch (IOException e)
                {
                    // HttpIOException included: the connection broke while the body was being read.
                    failures.Add("closed the connection before the answer was complete");
                    lastDetail = Quote(e.Message);
                    lastException = e;
                }
                catch (HttpRequestException e)
                {
                    throw new OsvApiException($"{Where(endpoint)} could not be reached: {Quote(e.Message)}", e);
                }
            }

            if (attempt >= _options.MaxAttempts)
            {
                var message = failures.TrueForAll(f => f == failures[0])
                    ? $"{Where(endpoint)} {failures[0]} {HumanUnits.Times(attempt)}{Last(lastDetail)}; giving up."
                    : $"{Where(endpoint)} failed {HumanUnits.Times(attempt)}, the last time {failures[^1]}{Last(lastDetail)}; giving up.";
                throw lastException is null ? new OsvApiException(message) : new OsvApiException(message, lastException);
            }
            await _delay(retryAfter ?? Backoff(attempt), token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// 429 Too Many Requests (RFC 6585 §4) and 5xx are worth another try; any other 4xx means the request itself
    /// is wrong and would fail again.
    /// </summary>
    private static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static bool IsTransient(HttpRequestException e) =>
        e.HttpRequestError is not (HttpRequestError.SecureConnectionError or HttpRequestError.UserAuthenticationError
            or HttpRequestError.ConfigurationLimitExceeded);

    /// <summary>Exponential backoff with "equal jitter": half the delay fixed, half random.</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var exponential = _options.BaseBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, _options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + capped / 2 * _jitter());
    }

    /// <summary>
    /// <c>Retry-After</c> (RFC 9110 §10.2.3) is either delay-seconds or an HTTP-date; both are honoured, a date
    /// in the past means "now", and the wait is capped at <see cref="OsvApiOptions.MaxBackoff"/> so a server cannot
    /// park the scan for hours.
    /// </summary>
    internal TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        TimeSpan? wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _options.TimeProvider.GetUtcNow(),
            _ => null,
        };
        if (wait is not { } value)
            return null;
        if (value < TimeSpan.Zero)
            return TimeSpan.Zero;
        return value > _options.MaxBackoff ? _options.MaxBackoff : value;
    }

    /// <summary>
    /// JSON is <c>application/json</c> (RFC 8259 §11), always UTF-8 (§8.1): a charset parameter other than UTF-8
    /// is refused as firmly as an HTML error page from a proxy.
    /// </summary>
    private void CheckContentType(HttpResponseMessage response, string endpoint)
    {
        var contentType = response.Content.Headers.ContentType;
        var mediaType = contentType?.MediaType;
        if (mediaType is null || !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            var shown = mediaType is null ? "no content type" : Quote(mediaType);
            throw new OsvApiException($"{Where(endpoint)} returned {shown}, not JSON; is {BaseDisplay} an OSV API server?");
        }
        var charset = contentType!.CharSet?.Trim('"');
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            throw new OsvApiException($"{Where(endpoint)} returned JSON in charset {Quote(charset)}; JSON must be UTF-8.");
    }

    /// <summary>Reads the whole body, refusing to go past <paramref name="maxBytes"/> whatever Content-Length says.</summary>
    private async Task<byte[]> ReadBoundedAsync(HttpContent content, long maxBytes, string endpoint, CancellationToken token)
    {
        var declared = content.Headers.ContentLength;
        if (declared > maxBytes)
            throw TooLarge(endpoint, maxBytes, $" (Content-Length {declared})");
        var stream = await content.ReadAsStreamAsync(token).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var body = new MemoryStream((int)Math.Min(declared ?? 16 * 1024, maxBytes));
            var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, token).ConfigureAwait(false)) > 0)
                {
                    if (body.Length + read > maxBytes)
                        throw TooLarge(endpoint, maxBytes, "");
                    body.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
            return body.ToArray();
        }
    }

    private OsvApiException TooLarge(string endpoint, long maxBytes, string detail) =>
        new($"{Where(endpoint)} sent more than {HumanUnits.Bytes(maxBytes)}{detail}; stopped reading. A real answer is far smaller.");

    /// <summary>A short, single-line, printable excerpt of an error body, or nothing if it cannot be read.</summary>
    private static async Task<string> PreviewAsync(HttpContent content, CancellationToken token) =>
        Quote(await Net.ServerText.PreviewAsync(content, ErrorBodyPreviewBytes, token).ConfigureAwait(false) ?? "");

    /// <summary>Server text in a message: control characters (terminal escapes included) replaced, length capped.</summary>
    internal static string Quote(string text) => Net.ServerText.Quote(text, 200);

    private static string Last(string detail) => detail.Length == 0 ? "" : $" (last: {detail})";

    public void Dispose() => _client.Dispose();
}
