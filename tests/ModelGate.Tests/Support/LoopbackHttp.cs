using System.Net.Sockets;
using System.Text;

namespace ModelGate.Tests.Support;

/// <summary>
/// The socket plumbing of the fake HTTP servers the tests run on 127.0.0.1 (Hub, TUF). They speak raw HTTP/1.1
/// over TCP rather than through HttpListener so they can misbehave on purpose: truncate, trickle, hang, lie.
/// </summary>
internal static class LoopbackHttp
{
    /// <summary>Accepts connections until <paramref name="stopping"/> fires, each handled on its own task.</summary>
    public static async Task AcceptAsync(TcpListener listener, Func<TcpClient, Task> handle, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            // Each handler watches the stop token itself; a handler already running must still close its client.
            _ = Task.Run(() => handle(client), CancellationToken.None);
        }
    }

    /// <summary>The request line and headers without the blank line that ends them; null when the client went away or sent more than <paramref name="limit"/> bytes.</summary>
    public static async Task<string?> ReadHeadAsync(NetworkStream stream, int limit, CancellationToken token)
    {
        var buffer = new List<byte>(1024);
        var one = new byte[1];
        while (buffer.Count < limit)
        {
            if (await stream.ReadAsync(one, token) == 0)
                return null;
            buffer.Add(one[0]);
            if (buffer.Count >= 4 && buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n')
                return Encoding.ASCII.GetString([.. buffer], 0, buffer.Count - 4);
        }
        return null;
    }
}
