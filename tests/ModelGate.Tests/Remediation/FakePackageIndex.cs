using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ModelGate.Tests.Remediation;

/// <summary>
/// A PyPI JSON API stand-in on 127.0.0.1 (HttpListener on a free port). Each request is answered by the
/// handler with its 1-based request number; the paths asked are recorded.
/// </summary>
internal sealed class FakePackageIndex : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, int, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public FakePackageIndex(Func<HttpListenerContext, int, Task> handler)
    {
        _handler = handler;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }

    public List<string> Paths { get; } = [];

    public int Requests => Volatile.Read(ref _requests);

    public CancellationToken Stopping => _stop.Token;

    public static async Task Json(HttpListenerContext context, string json, int status = 200, string contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    public static void Status(HttpListenerContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentLength64 = 0;
        context.Response.Close();
    }

    public static string Release(params (string FileName, string Sha256)[] files) =>
        "{\"info\":{\"name\":\"numpy\",\"version\":\"1.19.5\"},\"urls\":["
        + string.Join(',', files.Select(f => $"{{\"filename\":\"{f.FileName}\",\"packagetype\":\"bdist_wheel\",\"digests\":{{\"md5\":\"00\",\"sha256\":\"{f.Sha256}\"}}}}"))
        + "]}";

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var number = Interlocked.Increment(ref _requests);
            lock (Paths)
                Paths.Add(context.Request.Url!.AbsolutePath);
            _ = Task.Run(async () =>
            {
                try
                {
                    await _handler(context, number);
                }
                catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
                {
                    // The client gave up (a size limit or a timeout); that is the point of some tests.
                }
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        await _loop;
        _stop.Dispose();
    }
}
