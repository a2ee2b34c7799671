using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ModelGate.Tests.Advisories.Api;

/// <summary>A request as the fake server saw it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Body, string? UserAgent, string? ContentType);

/// <summary>
/// An OSV API stand-in on 127.0.0.1 and a free port (System.Net.HttpListener). By default it answers like
/// OSV from <see cref="Vulns"/> and <see cref="Advisories"/>; a test replaces <see cref="Handler"/> to script
/// failures. Every request is recorded, body included, in arrival order.
/// </summary>
internal sealed class FakeOsvServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _inFlight;
    private int _maxInFlight;

    public FakeOsvServer()
    {
        (_listener, BaseUrl) = Start();
        Handler = ServeOsvAsync;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>Answers one request; gets the context, the recorded request and a token cancelled on dispose.</summary>
    public Func<HttpListenerContext, RecordedRequest, CancellationToken, Task> Handler { get; set; }

    /// <summary>(name, version) to the advisory ids OSV would list for it.</summary>
    public Dictionary<(string Name, string Version), string[]> Vulns { get; } = [];

    /// <summary>Advisory id to the JSON served by GET /v1/vulns/{id}; ids missing here answer 404.</summary>
    public Dictionary<string, string> Advisories { get; } = [];

    /// <summary>When set, querybatch lists at most this many ids per query and pages the rest with next_page_token.</summary>
    public int? PageSize { get; set; }

    /// <summary>Delay before each GET /v1/vulns answer, to let concurrent requests overlap.</summary>
    public TimeSpan VulnDelay { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<RecordedRequest> BatchRequests => [.. _requests.Where(r => r.Path.EndsWith("/v1/querybatch", StringComparison.Ordinal))];

    private static (HttpListener, Uri) Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            // Ask the OS for a free port, then hand it to HttpListener (which cannot bind port 0 itself).
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var prefix = $"http://127.0.0.1:{port}/";
            var listener = new HttpListener();
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return (listener, new Uri(prefix));
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
            Interlocked.CompareExchange(ref _maxInFlight, now, max);
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                body = await reader.ReadToEndAsync();
            var request = new RecordedRequest(
                context.Request.HttpMethod, context.Request.Url!.AbsolutePath, body, context.Request.UserAgent, context.Request.ContentType);
            _requests.Enqueue(request);
            await Handler(context, request, _stopping.Token);
            context.Response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away (timeout, size limit) or the server is stopping: drop the connection.
            try
            {
                context.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>The well-behaved OSV: querybatch from <see cref="Vulns"/>, vulns from <see cref="Advisories"/>.</summary>
    public async Task ServeOsvAsync(HttpListenerContext context, RecordedRequest request, CancellationToken token)
    {
        if (request.Method == "POST" && request.Path.EndsWith("/v1/querybatch", StringComparison.Ordinal))
        {
            await WriteAsync(context.Response, 200, "application/json", AnswerBatch(request.Body), token);
            return;
        }
        const string vulnsPrefix = "/v1/vulns/";
        var at = request.Path.IndexOf(vulnsPrefix, StringComparison.Ordinal);
        if (request.Method == "GET" && at >= 0)
        {
            if (VulnDelay > TimeSpan.Zero)
                await Task.Delay(VulnDelay, token);
            var id = Uri.UnescapeDataString(request.Path[(at + vulnsPrefix.Length)..]);
            if (Advisories.TryGetValue(id, out var json))
                await WriteAsync(context.Response, 200, "application/json", json, token);
            else
                await WriteAsync(context.Response, 404, "application/json", """{"code":5,"message":"Bug not found."}""", token);
            return;
        }
        await WriteAsync(context.Response, 404, "text/plain", "no such endpoint", token);
    }

    private string AnswerBatch(string requestBody)
    {
        using var document = JsonDocument.Parse(requestBody);
        var results = new List<string>();
        foreach (var query in document.RootElement.GetProperty("queries").EnumerateArray())
        {
            var name = query.GetProperty("package").GetProperty("name").GetString()!;
            var version = query.GetProperty("version").GetString()!;
            var ids = Vulns.GetValueOrDefault((name, version), []);
            var offset = query.TryGetProperty("page_token", out var token) ? int.Parse(token.GetString()!["page-".Length..]) : 0;
            var take = PageSize ?? ids.Length;
            var page = ids.Skip(offset).Take(take).ToArray();
            if (page.Length == 0)
            {
                results.Add("{}");
                continue;
            }
            var vulns = string.Join(",", page.Select(id => $$"""{"id":"{{id}}","modified":"2024-01-01T00:00:00Z"}"""));
            var next = offset + take < ids.Length ? $",\"next_page_token\":\"page-{offset + take}\"" : "";
            results.Add($"{{\"vulns\":[{vulns}]{next}}}");
        }
        return $"{{\"results\":[{string.Join(",", results)}]}}";
    }

    public static async Task WriteAsync(HttpListenerResponse response, int status, string? contentType, string body, CancellationToken token)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        if (contentType is not null)
            response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes, token);
    }

    /// <summary>An advisory as OSV serves it, small but well-formed.</summary>
    public static string Advisory(string id, string package = "demo") =>
        $$"""{"id":"{{id}}","modified":"2024-01-01T00:00:00Z","summary":"test advisory","affected":[{"package":{"ecosystem":"PyPI","name":"{{package}}"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.0"}]}]}]}""";

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Close();
        await _loop;
        _stopping.Dispose();
    }
}
