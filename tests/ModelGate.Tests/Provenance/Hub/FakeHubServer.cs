using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Provenance.Hub;

/// <summary>A request as the fake Hub saw it. The Authorization value is kept only as a SHA-256, so tests can compare without holding it.</summary>
internal sealed record FakeHubRequest(string Method, string Target, string? Range, bool HasAuthorization, string? AuthorizationSha256)
{
    public string PathOnly => Target.Split('?')[0];
}

/// <summary>The metadata a fake repository shows in its model info besides files (all optional).</summary>
internal sealed class FakeHubRepo(string id)
{
    public string Id { get; } = id;

    public Dictionary<string, Dictionary<string, byte[]>> Commits { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Refs { get; } = new(StringComparer.Ordinal);

    public string[] Tags { get; set; } = [];

    public string? PipelineTag { get; set; }

    public string? LibraryName { get; set; }

    /// <summary>Raw JSON object served as <c>cardData</c>.</summary>
    public string? CardDataJson { get; set; }

    /// <summary>Raw JSON object served as <c>config</c>.</summary>
    public string? ConfigJson { get; set; }

    public bool Private { get; set; }

    /// <summary>Served verbatim instead of the generated model info: for hostile-JSON tests.</summary>
    public string? ModelInfoOverride { get; set; }
}

/// <summary>
/// A Hugging Face Hub stand-in on 127.0.0.1 and a free port, written on a raw <see cref="TcpListener"/> (one
/// request per connection, <c>Connection: close</c>) so that a test controls every byte: truncated bodies, extra
/// bytes, wrong headers. It serves <c>/api/models/{repo}/revision/{rev}[?blobs=true]</c> and
/// <c>/{repo}/resolve/{rev}/{path}</c> (GET and HEAD, Range) like the Hub, with LFS files redirected to a
/// second instance acting as CDN when <see cref="UseCdn"/> is set. Faults are scripted per path or globally.
/// Self-contained on purpose: other test projects link this one file.
/// </summary>
internal sealed class FakeHubServer : IAsyncDisposable
{
    private const string LfsPointerVersion = "version https://git-lfs.github.com/spec/v1";

    private static readonly string[] LfsExtensions =
        [".safetensors", ".bin", ".pt", ".pth", ".h5", ".onnx", ".msgpack", ".ot", ".gguf", ".pkl", ".joblib", ".npy", ".npz", ".ckpt", ".keras"];

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<FakeHubRequest> _requests = new();
    private readonly ConcurrentDictionary<string, FakeHubRepo> _repos = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _renames = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _gated = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Token, string? ErrorCode)> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _tamper = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _truncateOnce = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _extraBytes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _sizeLies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _hashLies = new(StringComparer.Ordinal);
    private readonly Lock _faultGate = new();
    private int _pending429;
    private string _retryAfter = "0";
    private int _pending503;
    private int? _bytesPerSecond;
    private FakeHubServer? _cdn;
    private FakeHubServer? _origin;

    public FakeHubServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        _loop = Task.Run(() => LoopbackHttp.AcceptAsync(_listener, HandleAsync, _stopping.Token));
    }

    /// <summary>The server root, e.g. http://127.0.0.1:41234 (no trailing slash in <see cref="EndpointText"/>).</summary>
    public Uri Endpoint { get; }

    public string EndpointText => Endpoint.GetLeftPart(UriPartial.Authority);

    /// <summary>Every request in arrival order.</summary>
    public IReadOnlyList<FakeHubRequest> Requests => [.. _requests];

    /// <summary>Model info lists only <c>rfilename</c> per file, as a server without blob support does.</summary>
    public bool NoBlobMetadata { get; set; }

    /// <summary>Every resolve request is redirected to itself.</summary>
    public bool RedirectLoop { get; set; }

    /// <summary>Adds a commit of a repository (call again for more commits); refs map branch or tag names to commits.</summary>
    public FakeHubRepo AddRepo(string repoId, string commit, IReadOnlyDictionary<string, byte[]> files, IReadOnlyDictionary<string, string>? refs = null)
    {
        var repo = _repos.GetOrAdd(repoId, id => new FakeHubRepo(id));
        lock (repo)
        {
            repo.Commits[commit.ToLowerInvariant()] = new Dictionary<string, byte[]>(files, StringComparer.Ordinal);
            foreach (var (name, target) in refs ?? new Dictionary<string, string>())
                repo.Refs[name] = target.ToLowerInvariant();
        }
        return repo;
    }

    /// <summary>Requests for <paramref name="oldRepoId"/> get a relative 307 to <paramref name="newRepoId"/>, as after a rename.</summary>
    public void AddRename(string oldRepoId, string newRepoId) => _renames[oldRepoId] = newRepoId;

    /// <summary>LFS downloads answer 302 to <paramref name="cdn"/>, which serves the bytes (with this server's faults).</summary>
    public void UseCdn(FakeHubServer cdn)
    {
        _cdn = cdn;
        cdn._origin = this;
    }

    /// <summary>The repository answers 401 (no token) or 403 (another token) with X-Error-Code GatedRepo unless "Bearer {token}" is sent.</summary>
    public void Gated(string repoId, string token) => _gated[repoId] = token;

    /// <summary>
    /// The repository answers 401 unless "Bearer {token}" is sent: without an error code (bad credentials), or
    /// with <paramref name="errorCode"/> ("RepoNotFound" is what the Hub says for a private repository).
    /// </summary>
    public void RequireToken(string repoId, string token, string? errorCode = null) => _tokens[repoId] = (token, errorCode);

    /// <summary>The next <paramref name="count"/> requests (any path) answer 429 with this Retry-After (seconds or an HTTP date).</summary>
    public void Responses429(int count, string retryAfter = "0")
    {
        lock (_faultGate)
        {
            _pending429 = count;
            _retryAfter = retryAfter;
        }
    }

    /// <summary>The next <paramref name="count"/> requests (any path) answer 503.</summary>
    public void Responses503(int count)
    {
        lock (_faultGate)
            _pending503 = count;
    }

    /// <summary>Flips one byte at <paramref name="offset"/> of what is served for the path; metadata unchanged.</summary>
    public void TamperContent(string path, int offset) => _tamper[path] = offset;

    /// <summary>The model info states the path's size off by <paramref name="delta"/> (size and lfs.size).</summary>
    public void LieAboutSize(string path, long delta) => _sizeLies[path] = delta;

    /// <summary>The model info states a wrong hash for the path: lfs.sha256 for an LFS file, blobId otherwise.</summary>
    public void LieAboutSha256(string path) => _hashLies[path] = true;

    /// <summary>The next GET of the path announces the full Content-Length but closes after <paramref name="afterBytes"/> body bytes.</summary>
    public void TruncateOnce(string path, int afterBytes) => _truncateOnce[path] = afterBytes;

    /// <summary>Serves <paramref name="count"/> bytes more than the file has (Content-Length included).</summary>
    public void ExtraBytes(string path, int count) => _extraBytes[path] = count;

    /// <summary>Bodies trickle at about this rate (in 10 slices a second); 0 sends the headers and then nothing.</summary>
    public void Slow(int bytesPerSecond) => _bytesPerSecond = bytesPerSecond;

    /// <summary>Whether the Hub would store the file in LFS: 10 MiB or more, or an extension of its default .gitattributes.</summary>
    public static bool IsLfs(string path, long size) =>
        size >= 10L * 1024 * 1024 || LfsExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>git's blob id: SHA-1 of "blob {length}\0" and the content.</summary>
    public static string GitBlobId(byte[] content)
    {
        var header = Encoding.ASCII.GetBytes($"blob {content.Length}\0");
#pragma warning disable CA5350 // git names blobs by SHA-1; the fake must compute the same ids.
        return Convert.ToHexStringLower(SHA1.HashData([.. header, .. content]));
#pragma warning restore CA5350
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static byte[] LfsPointer(byte[] content) =>
        Encoding.ASCII.GetBytes($"{LfsPointerVersion}\noid sha256:{Sha256(content)}\nsize {content.Length}\n");

    /// <summary>The SHA-256 of a header value as recorded in <see cref="FakeHubRequest.AuthorizationSha256"/>.</summary>
    public static string HashHeader(string value) => Sha256(Encoding.UTF8.GetBytes(value));

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await LoopbackHttp.ReadHeadAsync(stream, 64 * 1024, _stopping.Token);
                if (head is null)
                    return;
                var lines = head.Split("\r\n");
                var requestLine = lines[0].Split(' ');
                if (requestLine.Length < 3)
                    return;
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var line in lines.Skip(1))
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                        headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
                var authorization = headers.GetValueOrDefault("Authorization");
                var request = new FakeHubRequest(requestLine[0], requestLine[1], headers.GetValueOrDefault("Range"),
                    authorization is not null, authorization is null ? null : HashHeader(authorization));
                _requests.Enqueue(request);
                await RouteAsync(stream, request, authorization);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client went away or the server is stopping.
            }
        }
    }

    private async Task RouteAsync(NetworkStream stream, FakeHubRequest request, string? authorization)
    {
        bool send429, send503;
        string retryAfter;
        lock (_faultGate)
        {
            send429 = _pending429 > 0;
            if (send429)
                _pending429--;
            send503 = !send429 && _pending503 > 0;
            if (send503)
                _pending503--;
            retryAfter = _retryAfter;
        }
        if (send429)
        {
            await WriteAsync(stream, 429, [("Retry-After", retryAfter)], "Too Many Requests"u8.ToArray(), request.Method);
            return;
        }
        if (send503)
        {
            await WriteAsync(stream, 503, [], "Service Unavailable"u8.ToArray(), request.Method);
            return;
        }

        var path = request.PathOnly;
        var query = request.Target.Contains('?', StringComparison.Ordinal) ? request.Target[(request.Target.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
        var segments = path.TrimStart('/').Split('/');
        if (segments[0] == "cdn" && _origin is not null && segments.Length == 2)
        {
            await _origin.ServeFromCdnAsync(stream, request, segments[1]);
            return;
        }
        if (segments.Length >= 5 && segments[0] == "api" && segments[1] == "models")
        {
            var (repoId, rest) = SplitRepo(segments.Skip(2).ToArray());
            if (rest.Length == 2 && rest[0] == "revision")
            {
                await ServeModelInfoAsync(stream, request, repoId, Uri.UnescapeDataString(rest[1]), query.Contains("blobs=true", StringComparison.Ordinal), authorization, "/api/models/", "/" + string.Join('/', rest));
                return;
            }
        }
        else
        {
            var (repoId, rest) = SplitRepo(segments);
            if (rest.Length >= 3 && rest[0] == "resolve")
            {
                var filePath = string.Join('/', rest.Skip(2).Select(Uri.UnescapeDataString));
                await ServeResolveAsync(stream, request, repoId, Uri.UnescapeDataString(rest[1]), filePath, authorization, "/" + string.Join('/', rest));
                return;
            }
        }
        await WriteErrorAsync(stream, request, 404, null, "Not Found");
    }

    /// <summary>"org/name/rest..." or "name/rest..." (legacy ids): the id is whichever prefix names a known repository or rename.</summary>
    private (string RepoId, string[] Remainder) SplitRepo(string[] segments)
    {
        if (segments.Length >= 2)
        {
            var two = $"{segments[0]}/{segments[1]}";
            if (_repos.ContainsKey(two) || _renames.ContainsKey(two))
                return (two, segments[2..]);
        }
        if (_repos.ContainsKey(segments[0]) || _renames.ContainsKey(segments[0]))
            return (segments[0], segments[1..]);
        return segments.Length >= 3 && segments[1] != "resolve" && segments[1] != "revision"
            ? ($"{segments[0]}/{segments[1]}", segments[2..])
            : (segments[0], segments[1..]);
    }

    /// <summary>Checks renames, access and the revision; writes the error and returns null when the request cannot go on.</summary>
    private async Task<(FakeHubRepo Repo, string Commit)?> OpenAsync(
        NetworkStream stream, FakeHubRequest request, string repoId, string revision, string? authorization, string prefix, string suffix)
    {
        if (_renames.TryGetValue(repoId, out var renamed))
        {
            await WriteAsync(stream, 307, [("Location", $"{prefix}{renamed}{suffix}")], [], request.Method);
            return null;
        }
        if (!_repos.TryGetValue(repoId, out var repo))
        {
            await WriteErrorAsync(stream, request, 404, "RepoNotFound", "Repository not found");
            return null;
        }
        if (_gated.TryGetValue(repoId, out var gateToken) && authorization != $"Bearer {gateToken}")
        {
            // Echoes what it got, as a careless server might: the client must not repeat it.
            await WriteErrorAsync(stream, request, authorization is null ? 401 : 403, "GatedRepo",
                $"Access to model {repoId} is restricted and you are not in the authorized list (got '{authorization}'). Visit the model page to ask for access.");
            return null;
        }
        if (_tokens.TryGetValue(repoId, out var required) && authorization != $"Bearer {required.Token}")
        {
            await WriteErrorAsync(stream, request, 401, required.ErrorCode, required.ErrorCode == "RepoNotFound"
                ? "Repository not found"
                : $"Invalid credentials in Authorization header (got '{authorization}')");
            return null;
        }
        string? commit;
        lock (repo)
            commit = repo.Commits.ContainsKey(revision.ToLowerInvariant()) ? revision.ToLowerInvariant() : repo.Refs.GetValueOrDefault(revision);
        if (commit is null)
        {
            await WriteErrorAsync(stream, request, 404, "RevisionNotFound", $"Invalid rev id: {revision}");
            return null;
        }
        return (repo, commit);
    }

    private async Task ServeModelInfoAsync(
        NetworkStream stream, FakeHubRequest request, string repoId, string revision, bool blobs, string? authorization, string prefix, string suffix)
    {
        if (await OpenAsync(stream, request, repoId, revision, authorization, prefix, suffix) is not var (repo, commit))
            return;
        if (repo.ModelInfoOverride is { } raw)
        {
            await WriteAsync(stream, 200, [("Content-Type", "application/json")], Encoding.UTF8.GetBytes(raw), request.Method);
            return;
        }
        Dictionary<string, byte[]> files;
        lock (repo)
            files = repo.Commits[commit];
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("_id", Sha256(Encoding.UTF8.GetBytes(repo.Id))[..24]);
            json.WriteString("id", repo.Id);
            json.WriteString("modelId", repo.Id);
            json.WriteString("author", repo.Id.Contains('/', StringComparison.Ordinal) ? repo.Id.Split('/')[0] : null);
            json.WriteString("sha", commit);
            json.WriteString("lastModified", "2024-02-19T11:06:12.000Z");
            json.WriteBoolean("private", repo.Private);
            if (_gated.ContainsKey(repoId))
                json.WriteString("gated", "manual");
            else
                json.WriteBoolean("gated", false);
            json.WriteBoolean("disabled", false);
            json.WriteStartArray("tags");
            foreach (var tag in repo.Tags)
                json.WriteStringValue(tag);
            json.WriteEndArray();
            if (repo.PipelineTag is not null)
                json.WriteString("pipeline_tag", repo.PipelineTag);
            if (repo.LibraryName is not null)
                json.WriteString("library_name", repo.LibraryName);
            if (repo.CardDataJson is not null)
            {
                json.WritePropertyName("cardData");
                json.WriteRawValue(repo.CardDataJson);
            }
            if (repo.ConfigJson is not null)
            {
                json.WritePropertyName("config");
                json.WriteRawValue(repo.ConfigJson);
            }
            json.WriteStartArray("siblings");
            foreach (var (path, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("rfilename", path);
                if (blobs && !NoBlobMetadata)
                {
                    var size = content.Length + _sizeLies.GetValueOrDefault(path);
                    var lie = _hashLies.ContainsKey(path);
                    json.WriteNumber("size", size);
                    if (IsLfs(path, content.Length))
                    {
                        var pointer = LfsPointer(content);
                        json.WriteString("blobId", GitBlobId(pointer));
                        json.WriteStartObject("lfs");
                        json.WriteString("sha256", lie ? Sha256([.. content, 0x01]) : Sha256(content));
                        json.WriteNumber("size", size);
                        json.WriteNumber("pointerSize", pointer.Length);
                        json.WriteEndObject();
                    }
                    else
                    {
                        json.WriteString("blobId", lie ? GitBlobId([.. content, 0x01]) : GitBlobId(content));
                    }
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("createdAt", "2022-03-02T23:29:04.000Z");
            json.WriteEndObject();
        }
        await WriteAsync(stream, 200, [("Content-Type", "application/json; charset=utf-8")], body.ToArray(), request.Method);
    }

    private async Task ServeResolveAsync(
        NetworkStream stream, FakeHubRequest request, string repoId, string revision, string path, string? authorization, string suffix)
    {
        if (RedirectLoop)
        {
            await WriteAsync(stream, 302, [("Location", request.Target)], [], request.Method);
            return;
        }
        if (await OpenAsync(stream, request, repoId, revision, authorization, "/", suffix) is not var (repo, commit))
            return;
        byte[]? content;
        lock (repo)
            content = repo.Commits[commit].GetValueOrDefault(path);
        if (content is null)
        {
            await WriteErrorAsync(stream, request, 404, "EntryNotFound", $"{path} does not exist on \"{revision}\"");
            return;
        }
        var lfs = IsLfs(path, content.Length);
        var sha256 = Sha256(content);
        if (lfs && _cdn is not null)
        {
            await WriteAsync(stream, 302,
            [
                ("Location", $"{_cdn.EndpointText}/cdn/{sha256}?Expires=1700000000&Signature=c2lnbmVk&Key-Pair-Id=K1"),
                ("X-Repo-Commit", commit),
                ("ETag", $"\"{GitBlobId(LfsPointer(content))}\""),
                ("X-Linked-Etag", $"\"{sha256}\""),
                ("X-Linked-Size", content.Length.ToString(CultureInfo.InvariantCulture)),
            ], [], request.Method);
            return;
        }
        await ServeContentAsync(stream, request, path, content, [("X-Repo-Commit", commit), ("ETag", $"\"{(lfs ? sha256 : GitBlobId(content))}\"")]);
    }

    private async Task ServeFromCdnAsync(NetworkStream stream, FakeHubRequest request, string sha256)
    {
        (string Path, byte[] Content)? found = null;
        foreach (var repo in _repos.Values)
        {
            lock (repo)
            {
                found ??= repo.Commits.Values.SelectMany(files => files)
                    .Where(file => Sha256(file.Value) == sha256)
                    .Select(file => ((string, byte[])?)(file.Key, file.Value))
                    .FirstOrDefault();
            }
        }
        if (found is { } file)
            await ServeContentAsync(stream, request, file.Path, file.Content, [("ETag", $"\"{sha256}\"")]);
        else
            await WriteAsync(stream, 404, [], "NoSuchKey"u8.ToArray(), request.Method);
    }

    /// <summary>The bytes of a file with this server's faults, honouring "Range: bytes=N-" and "bytes=N-M".</summary>
    private async Task ServeContentAsync(NetworkStream stream, FakeHubRequest request, string path, byte[] content, List<(string, string)> headers)
    {
        var data = content;
        if (_tamper.TryGetValue(path, out var offset) && offset < data.Length)
        {
            data = [.. data];
            data[offset] ^= 0xFF;
        }
        if (_extraBytes.TryGetValue(path, out var extra))
            data = [.. data, .. Enumerable.Repeat((byte)0xAA, extra)];
        headers.Add(("Accept-Ranges", "bytes"));
        var status = 200;
        var slice = data;
        if (request.Range is { } range && range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            var parts = range["bytes=".Length..].Split('-');
            var from = long.Parse(parts[0], CultureInfo.InvariantCulture);
            var to = parts.Length > 1 && parts[1].Length > 0 ? Math.Min(long.Parse(parts[1], CultureInfo.InvariantCulture), data.Length - 1) : data.Length - 1;
            if (from >= data.Length)
            {
                headers.Add(("Content-Range", $"bytes */{data.Length}"));
                await WriteAsync(stream, 416, headers, [], request.Method);
                return;
            }
            status = 206;
            headers.Add(("Content-Range", $"bytes {from}-{to}/{data.Length}"));
            slice = data[(int)from..(int)(to + 1)];
        }
        int? cutAfter = null;
        if (request.Method == "GET" && _truncateOnce.TryRemove(path, out var after))
            cutAfter = after;
        await WriteAsync(stream, status, headers, slice, request.Method, cutAfter);
    }

    private async Task WriteErrorAsync(NetworkStream stream, FakeHubRequest request, int status, string? code, string message)
    {
        var headers = new List<(string, string)> { ("Content-Type", "application/json"), ("X-Error-Message", message) };
        if (code is not null)
            headers.Add(("X-Error-Code", code));
        await WriteAsync(stream, status, headers, Encoding.UTF8.GetBytes($"{{\"error\":\"{JsonEncodedText.Encode(message)}\"}}"), request.Method);
    }

    private async Task WriteAsync(NetworkStream stream, int status, List<(string Name, string Value)> headers, byte[] body, string method, int? cutAfter = null)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {Reason(status)}\r\n");
        foreach (var (name, value) in headers)
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stopping.Token);
        if (method == "HEAD")
            return;
        ReadOnlyMemory<byte> toSend = cutAfter is { } cut ? body.AsMemory(0, Math.Min(cut, body.Length)) : body;
        if (_bytesPerSecond == 0)
        {
            await Task.Delay(Timeout.Infinite, _stopping.Token);
        }
        else if (_bytesPerSecond is { } rate)
        {
            var slice = Math.Max(1, rate / 10);
            for (var sent = 0; sent < toSend.Length; sent += slice)
            {
                await stream.WriteAsync(toSend.Slice(sent, Math.Min(slice, toSend.Length - sent)), _stopping.Token);
                await Task.Delay(100, _stopping.Token);
            }
        }
        else
        {
            await stream.WriteAsync(toSend, _stopping.Token);
        }
        await stream.FlushAsync(_stopping.Token);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        206 => "Partial Content",
        302 => "Found",
        307 => "Temporary Redirect",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        416 => "Range Not Satisfiable",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Status",
    };

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _loop;
        _stopping.Dispose();
    }
}
