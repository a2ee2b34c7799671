using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Signatures.Tuf;

/// <summary>
/// A static file server on 127.0.0.1 written on a raw <see cref="TcpListener"/> (one request per connection),
/// so a test controls every byte: missing files answer 404, and a path can hang or stream without end.
/// </summary>
internal sealed class TufTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _hang = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _endless = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();

    public TufTestServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}/");
        _loop = Task.Run(() => LoopbackHttp.AcceptAsync(_listener, HandleAsync, _stopping.Token));
    }

    public Uri Endpoint { get; }

    /// <summary>Request paths in arrival order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public void Put(string path, byte[] content) => _files[path] = content;

    public void Remove(string path) => _files.TryRemove(path, out _);

    public byte[] Get(string path) => _files[path];

    /// <summary>The path answers headers and then never sends its body.</summary>
    public void Hang(string path) => _hang[path] = true;

    /// <summary>The path streams bytes without a Content-Length until the client gives up.</summary>
    public void Endless(string path) => _endless[path] = true;

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await LoopbackHttp.ReadHeadAsync(stream, 16 * 1024, _stopping.Token);
                if (head is null)
                    return;
                var parts = head.Split("\r\n")[0].Split(' ');
                if (parts.Length < 3)
                    return;
                var path = parts[1].TrimStart('/');
                _requests.Enqueue(path);
                if (_hang.ContainsKey(path))
                {
                    await WriteHeadAsync(stream, 200, 100);
                    await Task.Delay(Timeout.Infinite, _stopping.Token);
                }
                else if (_endless.ContainsKey(path))
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"), _stopping.Token);
                    var chunk = new byte[64 * 1024];
                    Array.Fill(chunk, (byte)'{');
                    while (!_stopping.IsCancellationRequested)
                        await stream.WriteAsync(chunk, _stopping.Token);
                }
                else if (_files.TryGetValue(path, out var content))
                {
                    await WriteHeadAsync(stream, 200, content.Length);
                    await stream.WriteAsync(content, _stopping.Token);
                }
                else
                {
                    await WriteHeadAsync(stream, 404, 0);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client went away or the server is stopping.
            }
        }
    }

    private async Task WriteHeadAsync(NetworkStream stream, int status, long length) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status.ToString(CultureInfo.InvariantCulture)} {(status == 200 ? "OK" : "Not Found")}\r\nContent-Length: {length.ToString(CultureInfo.InvariantCulture)}\r\nConnection: close\r\n\r\n"), _stopping.Token);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _loop;
        _stopping.Dispose();
    }
}
