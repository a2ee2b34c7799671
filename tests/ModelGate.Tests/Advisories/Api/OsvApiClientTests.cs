using System.Net;
using System.Text.Json;
using ModelGate.Advisories.Api;

namespace ModelGate.Tests.Advisories.Api;

/// <summary>The OSV API client against <see cref="FakeOsvServer"/> on 127.0.0.1: the protocol and its bounds.</summary>
public sealed class OsvApiClientTests
{
    private readonly List<TimeSpan> _delays = [];

    private OsvApiOptions Options(FakeOsvServer server) => new()
    {
        BaseUrl = server.BaseUrl,
        RequestTimeout = TimeSpan.FromSeconds(20),
        OverallDeadline = TimeSpan.FromSeconds(60),
        // Backoff is recorded, not slept; zero jitter makes it exact (half of the exponential delay).
        Delay = (delay, _) =>
        {
            lock (_delays)
                _delays.Add(delay);
            return Task.CompletedTask;
        },
        Jitter = () => 0,
    };

    private static async Task<OsvApiResult> QueryAsync(OsvApiOptions options, params (string, string)[] packages)
    {
        using var client = new OsvApiClient(options);
        return await client.QueryAsync(packages, CancellationToken.None);
    }

    private static async Task<OsvApiException> FailsAsync(OsvApiOptions options, params (string, string)[] packages) =>
        await Assert.ThrowsAsync<OsvApiException>(() => QueryAsync(options, packages));

    [Fact]
    public async Task Batch_then_vulns_gives_ids_per_package_and_the_raw_advisory_text()
    {
        await using var server = new FakeOsvServer();
        server.Vulns[("jinja2", "2.4.1")] = ["GHSA-462w-v97r-4m45", "PYSEC-2014-8"];
        server.Vulns[("requests", "2.0.0")] = ["PYSEC-2014-8"];
        foreach (var id in new[] { "GHSA-462w-v97r-4m45", "PYSEC-2014-8" })
            server.Advisories[id] = FakeOsvServer.Advisory(id);

        var result = await QueryAsync(Options(server), ("jinja2", "2.4.1"), ("requests", "2.0.0"), ("numpy", "1.26.4"));

        Assert.Equal(["GHSA-462w-v97r-4m45", "PYSEC-2014-8"], result.Packages[0].VulnIds);
        Assert.Equal(["PYSEC-2014-8"], result.Packages[1].VulnIds);
        Assert.Empty(result.Packages[2].VulnIds);
        Assert.Equal(("numpy", "1.26.4"), (result.Packages[2].Name, result.Packages[2].Version));
        Assert.Equal(["GHSA-462w-v97r-4m45", "PYSEC-2014-8"], result.Advisories.Keys);
        Assert.Equal(FakeOsvServer.Advisory("PYSEC-2014-8"), result.Advisories["PYSEC-2014-8"]);
        Assert.Empty(result.MissingAdvisoryIds);

        // One batch, then one GET per distinct id (PYSEC-2014-8 fetched once for two packages).
        var requests = server.Requests;
        Assert.Equal(3, requests.Count);
        var batch = Assert.Single(server.BatchRequests);
        Assert.Equal("application/json", batch.ContentType);
        Assert.StartsWith("modelgate/", batch.UserAgent, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(batch.Body);
        var queries = body.RootElement.GetProperty("queries").EnumerateArray().ToArray();
        Assert.Equal(3, queries.Length);
        Assert.Equal("jinja2", queries[0].GetProperty("package").GetProperty("name").GetString());
        Assert.Equal("PyPI", queries[0].GetProperty("package").GetProperty("ecosystem").GetString());
        Assert.Equal("2.4.1", queries[0].GetProperty("version").GetString());
        Assert.False(queries[0].TryGetProperty("page_token", out _));
        Assert.Equal(
            ["/v1/vulns/GHSA-462w-v97r-4m45", "/v1/vulns/PYSEC-2014-8"],
            requests.Where(r => r.Method == "GET").Select(r => r.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Queries_for_2500_packages_go_out_as_batches_of_1000_1000_and_500_in_input_order()
    {
        await using var server = new FakeOsvServer();
        var packages = Enumerable.Range(0, 2500).Select(i => ($"pkg{i}", "1.0")).ToArray();
        server.Vulns[("pkg1999", "1.0")] = ["PYSEC-1"];
        server.Advisories["PYSEC-1"] = FakeOsvServer.Advisory("PYSEC-1");

        var result = await QueryAsync(Options(server), packages);

        var batches = server.BatchRequests
            .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("queries").EnumerateArray()
                .Select(q => q.GetProperty("package").GetProperty("name").GetString()!).ToArray())
            .ToArray();
        Assert.Equal([1000, 1000, 500], batches.Select(b => b.Length));
        Assert.Equal(packages.Select(p => p.Item1), batches.SelectMany(b => b));
        Assert.Equal(2500, result.Packages.Count);
        Assert.Equal(["PYSEC-1"], result.Packages[1999].VulnIds);
        Assert.Empty(result.Packages[2000].VulnIds);
    }

    [Fact]
    public async Task A_package_listed_twice_is_queried_once_and_reported_twice()
    {
        await using var server = new FakeOsvServer();
        server.Vulns[("torch", "1.13.0")] = ["GHSA-47fc-vmwq-366v"];
        server.Advisories["GHSA-47fc-vmwq-366v"] = FakeOsvServer.Advisory("GHSA-47fc-vmwq-366v");

        var result = await QueryAsync(Options(server), ("torch", "1.13.0"), ("numpy", "1.0"), ("torch", "1.13.0"));

        using var body = JsonDocument.Parse(Assert.Single(server.BatchRequests).Body);
        Assert.Equal(2, body.RootElement.GetProperty("queries").GetArrayLength());
        Assert.Equal(3, result.Packages.Count);
        Assert.Equal(["GHSA-47fc-vmwq-366v"], result.Packages[2].VulnIds);
    }

    [Fact]
    public async Task No_packages_means_no_request()
    {
        await using var server = new FakeOsvServer();
        var result = await QueryAsync(Options(server));
        Assert.Empty(result.Packages);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Next_page_token_is_followed_with_page_token_for_that_query_alone()
    {
        await using var server = new FakeOsvServer { PageSize = 2 };
        var ids = Enumerable.Range(1, 5).Select(i => $"PYSEC-2024-{i}").ToArray();
        server.Vulns[("django", "1.0")] = ids;
        server.Vulns[("flask", "0.1")] = ["GHSA-m2qf-hxjv-5gpq"];
        foreach (var id in ids.Append("GHSA-m2qf-hxjv-5gpq"))
            server.Advisories[id] = FakeOsvServer.Advisory(id);

        var result = await QueryAsync(Options(server), ("flask", "0.1"), ("django", "1.0"));

        Assert.Equal(ids, result.Packages[1].VulnIds);
        Assert.Equal(["GHSA-m2qf-hxjv-5gpq"], result.Packages[0].VulnIds);
        Assert.Equal(6, result.Advisories.Count);
        var batches = server.BatchRequests;
        Assert.Equal(3, batches.Count);
        var tokens = batches.Skip(1).Select(b =>
        {
            using var body = JsonDocument.Parse(b.Body);
            var query = Assert.Single(body.RootElement.GetProperty("queries").EnumerateArray().ToArray());
            Assert.Equal("django", query.GetProperty("package").GetProperty("name").GetString());
            return query.GetProperty("page_token").GetString();
        });
        Assert.Equal(["page-2", "page-4"], tokens);
    }

    [Fact]
    public async Task A_server_that_always_sends_next_page_token_is_stopped_at_the_page_limit()
    {
        await using var server = new FakeOsvServer();
        server.Handler = (context, request, token) => FakeOsvServer.WriteAsync(context.Response, 200, "application/json",
            """{"results":[{"vulns":[{"id":"PYSEC-1"}],"next_page_token":"again"}]}""", token);

        var error = await FailsAsync(Options(server) with { MaxPagesPerQuery = 5 }, ("loop", "1.0"));

        Assert.Contains("after 5 pages", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, server.Requests.Count);
    }

    [Fact]
    public async Task Http_429_with_Retry_After_seconds_waits_that_long_then_succeeds()
    {
        await using var server = new FakeOsvServer();
        var calls = 0;
        server.Handler = (context, request, token) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.AddHeader("Retry-After", "7");
                return FakeOsvServer.WriteAsync(context.Response, 429, "application/json", """{"message":"slow down"}""", token);
            }
            return server.ServeOsvAsync(context, request, token);
        };

        var result = await QueryAsync(Options(server), ("a", "1"));

        Assert.Empty(result.Packages[0].VulnIds);
        Assert.Equal([TimeSpan.FromSeconds(7)], _delays);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Retry_After_as_an_HTTP_date_is_measured_from_the_injected_clock()
    {
        await using var server = new FakeOsvServer();
        var now = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var calls = 0;
        server.Handler = (context, request, token) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.AddHeader("Retry-After", now.AddSeconds(12).ToString("r"));
                return FakeOsvServer.WriteAsync(context.Response, 503, "text/plain", "maintenance", token);
            }
            return server.ServeOsvAsync(context, request, token);
        };

        await QueryAsync(Options(server) with { TimeProvider = new FixedClock(now) }, ("a", "1"));

        Assert.Equal([TimeSpan.FromSeconds(12)], _delays);
    }

    [Theory]
    [InlineData("86400", 60)]
    [InlineData("0", 0)]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT", 0)]
    public async Task Retry_After_is_capped_and_a_past_date_means_now(string retryAfter, int expectedSeconds)
    {
        await using var server = new FakeOsvServer();
        var calls = 0;
        server.Handler = (context, request, token) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.AddHeader("Retry-After", retryAfter);
                return FakeOsvServer.WriteAsync(context.Response, 429, "application/json", "{}", token);
            }
            return server.ServeOsvAsync(context, request, token);
        };

        await QueryAsync(Options(server), ("a", "1"));

        Assert.Equal([TimeSpan.FromSeconds(expectedSeconds)], _delays);
    }

    [Fact]
    public async Task Http_503_twice_then_success_backs_off_exponentially()
    {
        await using var server = new FakeOsvServer();
        var calls = 0;
        server.Handler = (context, request, token) => Interlocked.Increment(ref calls) <= 2
            ? FakeOsvServer.WriteAsync(context.Response, 503, "text/html", "<html>busy</html>", token)
            : server.ServeOsvAsync(context, request, token);

        var result = await QueryAsync(Options(server), ("a", "1"));

        Assert.Single(result.Packages);
        // BaseBackoff 1 s doubled per attempt; zero jitter keeps the fixed half.
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1000)], _delays);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(429)]
    public async Task A_status_that_never_clears_fails_after_four_attempts(int status)
    {
        await using var server = new FakeOsvServer();
        server.Handler = (context, request, token) => FakeOsvServer.WriteAsync(context.Response, status, "text/plain", "down", token);

        var error = await FailsAsync(Options(server), ("a", "1"));

        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(3, _delays.Count);
        Assert.Contains($"OSV API at {server.BaseUrl.ToString().TrimEnd('/')} (POST /v1/querybatch) returned HTTP {status}", error.Message, StringComparison.Ordinal);
        Assert.Contains("four times", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task Other_4xx_fail_at_once_and_quote_the_server(int status)
    {
        await using var server = new FakeOsvServer();
        server.Handler = (context, request, token) => FakeOsvServer.WriteAsync(context.Response, status, "application/json",
            """{"code":3,"message":"Invalid query.\u001b[31m"}""", token);

        var error = await FailsAsync(Options(server), ("a", "1"));

        Assert.Single(server.Requests);
        Assert.Empty(_delays);
        Assert.Contains($"returned HTTP {status}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid query.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', error.Message);
    }

    [Fact]
    public async Task A_server_slower_than_the_request_timeout_is_reported_with_the_timeout()
    {
        await using var server = new FakeOsvServer();
        server.Handler = async (context, request, token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            await server.ServeOsvAsync(context, request, token);
        };

        var error = await FailsAsync(Options(server) with { RequestTimeout = TimeSpan.FromMilliseconds(300) }, ("a", "1"));

        Assert.Equal($"OSV API at {server.BaseUrl.ToString().TrimEnd('/')} (POST /v1/querybatch) did not answer within 300 ms.", error.Message);
    }

    [Fact]
    public async Task Retries_that_outlast_the_overall_deadline_end_with_the_deadline()
    {
        await using var server = new FakeOsvServer();
        server.Handler = (context, request, token) => FakeOsvServer.WriteAsync(context.Response, 503, "text/plain", "down", token);
        // Real sleeping backoff this time (the default delay), much longer than the deadline.
        var options = Options(server) with { Delay = null, BaseBackoff = TimeSpan.FromSeconds(30), OverallDeadline = TimeSpan.FromMilliseconds(400) };

        var error = await FailsAsync(options, ("a", "1"));

        Assert.Contains("did not finish answering for 1 package within 400 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_an_api_error()
    {
        await using var server = new FakeOsvServer();
        server.Handler = async (context, request, token) => await Task.Delay(TimeSpan.FromSeconds(30), token);
        using var client = new OsvApiClient(Options(server));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.QueryAsync([("a", "1")], cancel.Token));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_batch_answer_over_the_size_limit_is_refused_whatever_Content_Length_says(bool declareLength)
    {
        await using var server = new FakeOsvServer();
        server.Handler = async (context, request, token) =>
        {
            var chunk = new byte[16 * 1024];
            Array.Fill(chunk, (byte)' ');
            context.Response.ContentType = "application/json";
            if (declareLength)
                context.Response.ContentLength64 = 64L * chunk.Length;
            else
                context.Response.SendChunked = true;
            for (var i = 0; i < 64; i++)
                await context.Response.OutputStream.WriteAsync(chunk, token);
        };

        var error = await FailsAsync(Options(server) with { MaxBatchResponseBytes = 64 * 1024 }, ("a", "1"));

        Assert.Contains("(POST /v1/querybatch) sent more than 64 KiB", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_advisory_over_its_size_limit_is_refused_naming_the_id()
    {
        await using var server = new FakeOsvServer();
        server.Vulns[("a", "1")] = ["GHSA-big"];
        server.Advisories["GHSA-big"] = FakeOsvServer.Advisory("GHSA-big").Replace("test advisory", new string('x', 5000), StringComparison.Ordinal);

        var error = await FailsAsync(Options(server) with { MaxVulnResponseBytes = 4096 }, ("a", "1"));

        Assert.Contains("(GET /v1/vulns/GHSA-big) sent more than 4 KiB", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "malformed JSON")]
    [InlineData("""{"results":[""", "malformed JSON")]
    [InlineData("""{"results":[{}]} trailing""", "malformed JSON")]
    [InlineData("[]", "not a querybatch answer")]
    [InlineData("""{"other":1}""", "no \"results\" member")]
    [InlineData("""{"results":{}}""", "\"results\" is not an array")]
    [InlineData("""{"results":[]}""", "0 results for 1 queries")]
    [InlineData("""{"results":[{},{}]}""", "more results than the 1 queries sent")]
    [InlineData("""{"results":[{"vulns":[{"modified":"x"}]}]}""", "has no \"id\"")]
    [InlineData("""{"results":[{"vulns":[{"id":7}]}]}""", "is not a string")]
    [InlineData("""{"results":[{"vulns":[{"id":"../../admin"}]}]}""", "not an OSV id")]
    [InlineData("""{"results":[{"vulns":"GHSA-1"}]}""", "is not an array")]
    [InlineData("""{"results":[{"next_page_token":5}]}""", "is not a string")]
    [InlineData("""{"results":[{"x":[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]}]}""", "malformed JSON")]
    public async Task A_batch_answer_that_is_not_a_querybatch_answer_is_an_error_naming_the_endpoint(string body, string expected)
    {
        await using var server = new FakeOsvServer();
        server.Handler = (context, request, token) => FakeOsvServer.WriteAsync(context.Response, 200, "application/json", body, token);

        var error = await FailsAsync(Options(server), ("a", "1"));

        Assert.Contains("(POST /v1/querybatch) returned", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("{\"id\":\"PYSEC-1\",", "malformed JSON")]
    [InlineData("[1,2]", "top level is not an object")]
    [InlineData("{\"id\":\"PYSEC-2\"}", "an advisory with id PYSEC-2, not PYSEC-1")]
    [InlineData("{\"summary\":\"x\"}", "an advisory with no id, not PYSEC-1")]
    public async Task An_advisory_that_is_not_the_one_asked_for_is_an_error_naming_the_id(string body, string expected)
    {
        await using var server = new FakeOsvServer();
        server.Vulns[("a", "1")] = ["PYSEC-1"];
        server.Advisories["PYSEC-1"] = body;

        var error = await FailsAsync(Options(server), ("a", "1"));

        Assert.Contains("(GET /v1/vulns/PYSEC-1) returned", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/html", "returned text/html, not JSON")]
    [InlineData("text/plain; charset=utf-8", "returned text/plain, not JSON")]
    [InlineData(null, "returned no content type, not JSON")]
    [InlineData("application/json; charset=iso-8859-1", "in charset iso-8859-1; JSON must be UTF-8")]
    public async Task An_answer_that_is_not_JSON_by_content_type_is_refused(string? contentType, string expected)
    {
        await using var server = new FakeOsvServer();
        server.Handler = (context, request, token) => FakeOsvServer.WriteAsync(context.Response, 200, contentType, """{"results":[{}]}""", token);

        var error = await FailsAsync(Options(server), ("a", "1"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=\"UTF-8\"")]
    public async Task Json_content_types_with_or_without_charset_are_accepted(string contentType)
    {
        await using var server = new FakeOsvServer();
        server.Handler = (context, request, token) => FakeOsvServer.WriteAsync(context.Response, 200, contentType, """{"results":[{}]}""", token);

        var result = await QueryAsync(Options(server), ("a", "1"));

        Assert.Empty(Assert.Single(result.Packages).VulnIds);
    }

    [Fact]
    public async Task A_connection_closed_mid_body_every_time_fails_after_four_attempts()
    {
        await using var server = new FakeOsvServer();
        server.Handler = CloseMidBodyAsync;

        var error = await FailsAsync(Options(server), ("a", "1"));

        Assert.Equal(4, server.Requests.Count);
        Assert.Contains("closed the connection before the answer was complete four times", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_closed_mid_body_once_is_retried()
    {
        await using var server = new FakeOsvServer();
        server.Vulns[("a", "1")] = ["PYSEC-1"];
        server.Advisories["PYSEC-1"] = FakeOsvServer.Advisory("PYSEC-1");
        var calls = 0;
        server.Handler = (context, request, token) => Interlocked.Increment(ref calls) == 1
            ? CloseMidBodyAsync(context, request, token)
            : server.ServeOsvAsync(context, request, token);

        var result = await QueryAsync(Options(server), ("a", "1"));

        Assert.Equal(["PYSEC-1"], result.Packages[0].VulnIds);
        Assert.Single(_delays);
    }

    private static async Task CloseMidBodyAsync(HttpListenerContext context, RecordedRequest request, CancellationToken token)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = 1000;
        await context.Response.OutputStream.WriteAsync("{\"results\":[{\"vulns\":["u8.ToArray(), token);
        await context.Response.OutputStream.FlushAsync(token);
        context.Response.Abort();
    }

    [Fact]
    public async Task A_server_that_is_not_listening_cannot_be_reached_after_four_attempts()
    {
        Uri url;
        await using (var server = new FakeOsvServer())
            url = server.BaseUrl;
        var options = new OsvApiOptions { BaseUrl = url, Delay = (_, _) => Task.CompletedTask, RequestTimeout = TimeSpan.FromSeconds(5) };

        var error = await FailsAsync(options, ("a", "1"));

        Assert.Contains("could not be reached four times", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vuln_id_that_answers_404_is_listed_as_missing_and_the_rest_is_returned()
    {
        await using var server = new FakeOsvServer();
        server.Vulns[("a", "1")] = ["PYSEC-1", "PYSEC-WITHDRAWN"];
        server.Advisories["PYSEC-1"] = FakeOsvServer.Advisory("PYSEC-1");

        var result = await QueryAsync(Options(server), ("a", "1"));

        Assert.Equal(["PYSEC-1", "PYSEC-WITHDRAWN"], result.Packages[0].VulnIds);
        Assert.Equal(["PYSEC-1"], result.Advisories.Keys);
        Assert.Equal(["PYSEC-WITHDRAWN"], result.MissingAdvisoryIds);
        Assert.Empty(_delays);
    }

    [Fact]
    public async Task Advisory_fetches_in_flight_never_exceed_the_parallel_limit()
    {
        await using var server = new FakeOsvServer { VulnDelay = TimeSpan.FromMilliseconds(50) };
        var ids = Enumerable.Range(1, 24).Select(i => $"GHSA-{i}").ToArray();
        server.Vulns[("a", "1")] = ids;
        foreach (var id in ids)
            server.Advisories[id] = FakeOsvServer.Advisory(id);

        var result = await QueryAsync(Options(server) with { MaxParallelRequests = 3 }, ("a", "1"));

        Assert.Equal(24, result.Advisories.Count);
        Assert.InRange(server.MaxConcurrentRequests, 1, 3);
    }

    [Fact]
    public async Task A_base_url_with_a_path_keeps_the_path_for_every_endpoint()
    {
        await using var server = new FakeOsvServer();
        server.Vulns[("a", "1")] = ["PYSEC-1"];
        server.Advisories["PYSEC-1"] = FakeOsvServer.Advisory("PYSEC-1");
        Assert.True(OsvApiOptions.TryParseBaseUrl(server.BaseUrl + "mirror/osv", out var baseUrl, out _));

        await QueryAsync(Options(server) with { BaseUrl = baseUrl }, ("a", "1"));

        Assert.Equal(["/mirror/osv/v1/querybatch", "/mirror/osv/v1/vulns/PYSEC-1"], server.Requests.Select(r => r.Path));
    }

    [Theory]
    [InlineData("https://api.osv.dev", "https://api.osv.dev/")]
    [InlineData("http://127.0.0.1:8080/osv/", "http://127.0.0.1:8080/osv/")]
    [InlineData("http://127.0.0.1:8080/osv", "http://127.0.0.1:8080/osv/")]
    public void Base_urls_parse_to_a_root_with_a_trailing_slash(string text, string expected)
    {
        Assert.True(OsvApiOptions.TryParseBaseUrl(text, out var url, out var error), error);
        Assert.Equal(expected, url.ToString());
    }

    [Theory]
    [InlineData("api.osv.dev")]
    [InlineData("ftp://api.osv.dev")]
    [InlineData("file:///tmp/osv")]
    [InlineData("https://api.osv.dev/?x=1")]
    [InlineData("")]
    public void Base_urls_that_are_not_an_http_root_are_refused(string text)
    {
        Assert.False(OsvApiOptions.TryParseBaseUrl(text, out _, out var error));
        Assert.Contains(text, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_size_above_the_api_limit_of_1000_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OsvApiClient(new OsvApiOptions { MaxQueriesPerBatch = 1001 }));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
