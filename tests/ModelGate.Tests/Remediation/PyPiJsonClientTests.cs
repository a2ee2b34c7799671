using ModelGate.Remediation;

namespace ModelGate.Tests.Remediation;

public sealed class PyPiJsonClientTests
{
    private const string ShaA = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private const string ShaB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private static PyPiJsonClient Client(FakePackageIndex index, string suffix = "", int attempts = 3, TimeSpan? timeout = null, int maxBytes = 16 * 1024 * 1024) =>
        new(new PyPiJsonClientOptions
        {
            IndexUrl = index.BaseUrl + suffix,
            MaxAttempts = attempts,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(5),
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(30),
            MaxResponseBytes = maxBytes,
        });

    [Fact]
    public async Task Release_with_two_files_gives_both_digests()
    {
        await using var index = new FakePackageIndex((c, _) => FakePackageIndex.Json(c, FakePackageIndex.Release(
            ("numpy-1.19.5-cp38-cp38-manylinux1_x86_64.whl", ShaA), ("numpy-1.19.5.zip", ShaB))));
        using var client = Client(index, "/simple/");
        var lookup = await client.LookupAsync("NumPy", "1.19.5", CancellationToken.None);
        Assert.True(lookup.Found);
        Assert.Equal(
            [("numpy-1.19.5-cp38-cp38-manylinux1_x86_64.whl", ShaA.ToLowerInvariant()), ("numpy-1.19.5.zip", ShaB)],
            lookup.Files.Select(f => (f.FileName, f.Sha256)));
        // The pip-style "/simple" index URL is mapped to the JSON API beside it; the name is PEP 503-normalized.
        Assert.Equal(["/pypi/numpy/1.19.5/json"], index.Paths);
    }

    [Fact]
    public async Task Not_found_is_no_such_version()
    {
        await using var index = new FakePackageIndex((c, _) => { FakePackageIndex.Status(c, 404); return Task.CompletedTask; });
        using var client = Client(index);
        var lookup = await client.LookupAsync("numpy", "9.9.9", CancellationToken.None);
        Assert.False(lookup.Found);
        Assert.Equal(1, index.Requests);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(500)]
    public async Task Overloaded_answers_are_retried(int status)
    {
        await using var index = new FakePackageIndex((c, n) =>
        {
            if (n == 1)
            {
                c.Response.AddHeader("Retry-After", "1");
                FakePackageIndex.Status(c, status);
                return Task.CompletedTask;
            }
            return FakePackageIndex.Json(c, FakePackageIndex.Release(("numpy-1.19.5.tar.gz", ShaB)));
        });
        using var client = Client(index);
        var lookup = await client.LookupAsync("numpy", "1.19.5", CancellationToken.None);
        Assert.Equal(ShaB, Assert.Single(lookup.Files).Sha256);
        Assert.Equal(2, index.Requests);
    }

    [Fact]
    public async Task An_index_that_stays_down_is_a_transient_error_after_every_attempt()
    {
        await using var index = new FakePackageIndex((c, _) => { FakePackageIndex.Status(c, 503); return Task.CompletedTask; });
        using var client = Client(index, attempts: 3);
        var ex = await Assert.ThrowsAsync<PackageIndexException>(() => client.LookupAsync("numpy", "1.19.5", CancellationToken.None));
        Assert.True(ex.Transient);
        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(3, index.Requests);
        Assert.Contains("HTTP 503 (after 3 attempts)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"urls\": [", "application/json", "not valid JSON")]
    [InlineData("[1, 2]", "application/json", "no \"urls\" array")]
    [InlineData("{\"urls\": [{\"filename\": \"x.whl\", \"digests\": {\"sha256\": \"zz\"}}]}", "application/json", "urls[0] (x.whl) has no valid digests.sha256")]
    [InlineData("{\"urls\": [{\"digests\": {}}]}", "application/json", "urls[0] has no \"filename\"")]
    [InlineData("<html>Login required</html>", "text/html", "content type 'text/html'")]
    [InlineData("{\"urls\": []}", "text/plain", "content type 'text/plain'")]
    public async Task Answers_that_are_not_the_json_api_are_errors(string body, string contentType, string expected)
    {
        await using var index = new FakePackageIndex((c, _) => FakePackageIndex.Json(c, body, contentType: contentType));
        using var client = Client(index);
        var ex = await Assert.ThrowsAsync<PackageIndexException>(() => client.LookupAsync("numpy", "1.19.5", CancellationToken.None));
        Assert.False(ex.Transient);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, index.Requests);
    }

    [Fact]
    public async Task Deeply_nested_json_is_refused()
    {
        var deep = "{\"urls\": [], \"x\": " + new string('[', 5000) + new string(']', 5000) + "}";
        await using var index = new FakePackageIndex((c, _) => FakePackageIndex.Json(c, deep));
        using var client = Client(index);
        var ex = await Assert.ThrowsAsync<PackageIndexException>(() => client.LookupAsync("numpy", "1.19.5", CancellationToken.None));
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_declared_body_is_refused_before_reading()
    {
        await using var index = new FakePackageIndex(async (c, _) =>
        {
            c.Response.ContentType = "application/json";
            c.Response.ContentLength64 = 17L * 1024 * 1024;
            await c.Response.OutputStream.WriteAsync(new byte[1024]);
            c.Response.Abort();
        });
        using var client = Client(index);
        var ex = await Assert.ThrowsAsync<PackageIndexException>(() => client.LookupAsync("numpy", "1.19.5", CancellationToken.None));
        Assert.Contains("17825792 bytes", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.Transient);
    }

    [Fact]
    public async Task A_huge_chunked_body_is_cut_at_the_limit()
    {
        await using var index = new FakePackageIndex(async (c, _) =>
        {
            c.Response.ContentType = "application/json";
            c.Response.SendChunked = true;
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)' ');
            // 17 MiB of whitespace, more than the 16 MiB the client reads.
            for (var i = 0; i < 17 * 16; i++)
                await c.Response.OutputStream.WriteAsync(chunk);
            c.Response.Close();
        });
        using var client = Client(index);
        var ex = await Assert.ThrowsAsync<PackageIndexException>(() => client.LookupAsync("numpy", "1.19.5", CancellationToken.None));
        Assert.Contains("larger than the limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_as_transient()
    {
        FakePackageIndex? self = null;
        await using var index = new FakePackageIndex(async (c, _) =>
        {
            await Task.Delay(Timeout.Infinite, self!.Stopping);
        });
        self = index;
        using var client = Client(index, attempts: 2, timeout: TimeSpan.FromMilliseconds(200));
        var ex = await Assert.ThrowsAsync<PackageIndexException>(() => client.LookupAsync("numpy", "1.19.5", CancellationToken.None));
        Assert.True(ex.Transient);
        Assert.Contains("no complete answer within 0.2 s", ex.Message, StringComparison.Ordinal);
        // The server counts a request when it reads it, which on a loaded machine can trail the client's timeout.
        for (var waited = 0; index.Requests < 2 && waited < 5000; waited += 50)
            await Task.Delay(50);
        Assert.Equal(2, index.Requests);
    }

    [Fact]
    public async Task An_unreachable_index_is_transient()
    {
        string closed;
        await using (var index = new FakePackageIndex((c, _) => Task.CompletedTask))
            closed = index.BaseUrl;
        using var client = new PyPiJsonClient(new PyPiJsonClientOptions { IndexUrl = closed, MaxAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });
        var ex = await Assert.ThrowsAsync<PackageIndexException>(() => client.LookupAsync("numpy", "1.19.5", CancellationToken.None));
        Assert.True(ex.Transient);
        Assert.Null(ex.StatusCode);
    }

    [Theory]
    [InlineData("https://pypi.org", "https://pypi.org")]
    [InlineData("https://pypi.org/simple/", "https://pypi.org")]
    [InlineData("https://mirror.example/repo/simple", "https://mirror.example/repo")]
    public void Index_urls_map_to_the_json_api_base(string indexUrl, string expected) =>
        Assert.Equal(expected, PyPiJsonClient.JsonApiBase(indexUrl));

    [Theory]
    [InlineData("ftp://example.org")]
    [InlineData("not a url")]
    public void Index_urls_must_be_http(string indexUrl) =>
        Assert.Throws<ArgumentException>(() => PyPiJsonClient.JsonApiBase(indexUrl));

}
