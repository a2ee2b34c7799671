using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using ModelGate.Formats;

namespace ModelGate.Advisories.Api;

/// <summary>
/// Asks the OSV API (https://google.github.io/osv.dev/api/) which advisories affect a list of PyPI packages:
/// <c>POST /v1/querybatch</c> in chunks of at most 1000 queries, <c>next_page_token</c> followed per query,
/// then <c>GET /v1/vulns/{id}</c> once per distinct id. The advisories come back as raw JSON text; reading
/// them is the OSV reader's job. Thread-safe; meant to be created once and reused.
/// </summary>
internal sealed class OsvApiClient : IDisposable
{
    private const string BatchEndpoint = "POST /v1/querybatch";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly OsvApiOptions _options;
    private readonly OsvHttp _http;

    public OsvApiClient(OsvApiOptions? options = null)
    {
        _options = options ?? new OsvApiOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxQueriesPerBatch, 1);
        // The API refuses batches of more than 1000 queries (post-v1-querybatch, "Limitations").
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.MaxQueriesPerBatch, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxPagesPerQuery, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxParallelRequests, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.RequestTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.OverallDeadline, TimeSpan.Zero);
        if (!_options.BaseUrl.IsAbsoluteUri || !_options.BaseUrl.AbsolutePath.EndsWith('/'))
            throw new ArgumentException("The OSV base URL must be absolute and end with '/'; use OsvApiOptions.TryParseBaseUrl.", nameof(options));
        _http = new OsvHttp(_options);
    }

    /// <summary>
    /// Queries OSV for every (name, version) pair, PyPI ecosystem. Throws <see cref="OsvApiException"/> when the
    /// server cannot give a complete answer in time, and <see cref="OperationCanceledException"/> only when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<OsvApiResult> QueryAsync(IReadOnlyList<(string Name, string Version)> packages, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.OverallDeadline, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await QueryCoreAsync(packages, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new OsvApiException(
                $"OSV API at {_http.BaseDisplay} did not finish answering for {packages.Count} {(packages.Count == 1 ? "package" : "packages")} within {Reporting.HumanUnits.Duration(_options.OverallDeadline)}.");
        }
    }

    private async Task<OsvApiResult> QueryCoreAsync(IReadOnlyList<(string Name, string Version)> packages, CancellationToken token)
    {
        // The same pair listed twice (two lockfiles pinning one version) is asked for once.
        var uniqueIndex = new Dictionary<(string, string), int>();
        var queries = new List<(string Name, string Version)>();
        var inputToQuery = new int[packages.Count];
        for (var i = 0; i < packages.Count; i++)
        {
            if (!uniqueIndex.TryGetValue(packages[i], out var index))
            {
                index = queries.Count;
                uniqueIndex.Add(packages[i], index);
                queries.Add(packages[i]);
            }
            inputToQuery[i] = index;
        }

        var matches = new List<string>[queries.Count];
        var pending = new List<(int Query, string Token)>();
        for (var start = 0; start < queries.Count; start += _options.MaxQueriesPerBatch)
        {
            var chunk = queries.GetRange(start, Math.Min(_options.MaxQueriesPerBatch, queries.Count - start));
            var results = await PostBatchAsync(chunk, pageToken: null, token).ConfigureAwait(false);
            for (var j = 0; j < results.Count; j++)
            {
                matches[start + j] = [.. results[j].VulnIds];
                if (results[j].NextPageToken is { } next)
                    pending.Add((start + j, next));
            }
        }
        foreach (var (query, firstToken) in pending)
            await FollowPagesAsync(queries[query], firstToken, matches[query], token).ConfigureAwait(false);

        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var q = 0; q < matches.Length; q++)
        {
            var distinct = new List<string>(matches[q].Count);
            foreach (var id in matches[q])
            {
                if (distinct.Contains(id, StringComparer.Ordinal))
                    continue;
                distinct.Add(id);
                if (seen.Add(id))
                    ids.Add(id);
            }
            matches[q] = distinct;
        }
        if (ids.Count > _options.MaxAdvisories)
        {
            throw new OsvApiException(
                $"OSV API at {_http.BaseDisplay} listed {ids.Count} distinct advisories for {queries.Count} packages, more than the {_options.MaxAdvisories} this client fetches; is it an OSV server?");
        }

        var (advisories, missing) = await FetchAdvisoriesAsync(ids, token).ConfigureAwait(false);
        var packageMatches = new OsvPackageMatches[packages.Count];
        for (var i = 0; i < packages.Count; i++)
            packageMatches[i] = new OsvPackageMatches(packages[i].Name, packages[i].Version, matches[inputToQuery[i]]);
        return new OsvApiResult(packageMatches, advisories, missing);
    }

    private async Task<IReadOnlyList<OsvBatchResult>> PostBatchAsync(List<(string Name, string Version)> chunk, string? pageToken, CancellationToken token)
    {
        var body = OsvBatchRequest.Write(chunk, pageToken);
        var answer = await _http.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "v1/querybatch")
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
            },
            BatchEndpoint, _options.MaxBatchResponseBytes, notFoundIsNull: false, token).ConfigureAwait(false);
        return OsvBatchResponse.Read(answer!, chunk.Count, _http.Where(BatchEndpoint));
    }

    /// <summary>
    /// A query whose matches do not fit one answer carries <c>next_page_token</c>; it is asked again alone with
    /// that <c>page_token</c> until the server stops sending one (post-v1-querybatch, "Pagination"), at most
    /// <see cref="OsvApiOptions.MaxPagesPerQuery"/> pages in all, so a server that never stops cannot loop us forever.
    /// </summary>
    private async Task FollowPagesAsync((string Name, string Version) query, string firstToken, List<string> into, CancellationToken token)
    {
        var next = firstToken;
        for (var page = 2; ; page++)
        {
            if (page > _options.MaxPagesPerQuery)
            {
                throw new OsvApiException(
                    $"{_http.Where(BatchEndpoint)} still had more pages for {query.Name} {query.Version} after {_options.MaxPagesPerQuery} pages; stopped following next_page_token.");
            }
            var results = await PostBatchAsync([query], next, token).ConfigureAwait(false);
            into.AddRange(results[0].VulnIds);
            if (results[0].NextPageToken is not { } following)
                return;
            next = following;
        }
    }

    private async Task<(IReadOnlyDictionary<string, string> Advisories, IReadOnlyList<string> Missing)> FetchAdvisoriesAsync(
        List<string> ids, CancellationToken token)
    {
        var advisories = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var missing = new ConcurrentBag<string>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelRequests, CancellationToken = token };
        await Parallel.ForEachAsync(ids, parallel, async (id, t) =>
        {
            // Ids were checked by OsvBatchResponse.IsValidId; escaping is a second guard for the path segment.
            var endpoint = $"GET /v1/vulns/{id}";
            var uri = new Uri("v1/vulns/" + Uri.EscapeDataString(id), UriKind.Relative);
            var body = await _http.SendAsync(
                () => new HttpRequestMessage(HttpMethod.Get, uri), endpoint, _options.MaxVulnResponseBytes, notFoundIsNull: true, t).ConfigureAwait(false);
            if (body is null)
                missing.Add(id);
            else
                advisories[id] = CheckAdvisory(body, id, _http.Where(endpoint));
        }).ConfigureAwait(false);

        var sorted = new SortedDictionary<string, string>(advisories, StringComparer.Ordinal);
        var missingSorted = missing.ToList();
        missingSorted.Sort(StringComparer.Ordinal);
        return (sorted, missingSorted);
    }

    /// <summary>
    /// The advisory is not parsed here, only checked to be one well-formed JSON object whose top-level
    /// <c>id</c> is the id asked for, so that a confused or hostile server cannot file one advisory under another's id.
    /// </summary>
    private static string CheckAdvisory(byte[] body, string id, string source)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = ReaderLimits.MaxDocumentDepth });
        string? foundId = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new OsvApiException($"{source} returned JSON that is not an OSV advisory: the top level is not an object.");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isId && reader.TokenType == JsonTokenType.String)
                    foundId = reader.GetString();
                else
                    reader.Skip();
            }
            if (reader.Read())
                throw new OsvApiException($"{source} returned JSON with data after the advisory object.");
        }
        catch (JsonException e)
        {
            throw new OsvApiException($"{source} returned malformed JSON ({OsvBatchResponse.Describe(e)}).", e);
        }
        if (!string.Equals(foundId, id, StringComparison.Ordinal))
        {
            var shown = foundId is null ? "no id" : $"id {OsvHttp.Quote(foundId)}";
            throw new OsvApiException($"{source} returned an advisory with {shown}, not {id}.");
        }
        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException e)
        {
            throw new OsvApiException($"{source} returned bytes that are not UTF-8.", e);
        }
    }

    public void Dispose() => _http.Dispose();
}
