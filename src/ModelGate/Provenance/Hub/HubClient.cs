using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ModelGate.Inventory;
using ModelGate.Provenance.Digests;
using ModelGate.Reporting;

namespace ModelGate.Provenance.Hub;

/// <summary>
/// Talks to a Hugging Face Hub (or a Hub-compatible server) the way huggingface_hub does: model info with blob
/// metadata, HEAD for a file's metadata, resumable downloads through <c>/resolve/</c>. Every answer is treated
/// as hostile: sizes, hashes, redirects and JSON are checked, bodies are bounded, attempts are bounded, and the
/// token never leaves the endpoint's host nor appears in a message.
/// </summary>
internal sealed class HubClient : IDisposable
{
    /// <summary>huggingface_hub follows at most this many redirects (requests' default is 30; 10 is plenty for Hub → CDN).</summary>
    internal const int MaxRedirects = 10;

    private const int ErrorPreviewBytes = 300;
    private const int DownloadBufferSize = 1 << 20;

    private readonly HttpClient _http;
    private readonly HubClientOptions _options;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Func<double> _jitter;

    public HubClient(HubSettings settings, HubClientOptions? options = null)
    {
        Settings = settings;
        _options = options ?? new HubClientOptions();
        _delay = _options.Delay ?? ((delay, token) => Task.Delay(delay, _options.TimeProvider, token));
        _jitter = _options.Jitter ?? Random.Shared.NextDouble;
        var handler = _options.Handler ?? new SocketsHttpHandler
        {
            // Redirects are followed by hand so that the token is dropped when the host changes (the CDN).
            AllowAutoRedirect = false,
            // Downloads are hashed as served; a transparent decompression would hash something else.
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = _options.RequestTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseProxy = true,
        };
        _http = new HttpClient(handler, disposeHandler: _options.Handler is null)
        {
            // Each attempt carries its own timeout token; the client-wide timeout would hide which one fired.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("modelgate", ToolVersion.Value));
    }

    public HubSettings Settings { get; }

    /// <summary>
    /// The repository at a revision, with every file's size, blob id and LFS SHA-256 when the server has them:
    /// one request (huggingface_hub's <c>model_info(files_metadata=True)</c>).
    /// </summary>
    public async Task<HubModelInfo> GetModelInfoAsync(HubRepoId repo, string revision, CancellationToken ct)
    {
        var subject = new Subject(repo, revision, null);
        CheckRevision(subject, revision);
        EnsureOnline(subject);
        var url = new Uri($"{Settings.BaseUrl}/api/models/{repo}/revision/{Uri.EscapeDataString(revision)}?blobs=true");
        var body = await GetBytesAsync(url, subject, _options.MaxMetadataBytes, "the model info", ct).ConfigureAwait(false);
        return HubModelInfoParser.Parse(body, repo, $"model info for {subject} ({Settings.EndpointDisplay})", _options.MaxEmbeddedJsonBytes);
    }

    /// <summary>
    /// A file's metadata from <c>HEAD /{repo}/resolve/{commit}/{path}</c> without its body, as huggingface_hub's
    /// <c>get_hf_file_metadata</c>: relative redirects (renamed repositories) are followed, the redirect to the
    /// CDN is not, since it already carries <c>X-Linked-Etag</c> and <c>X-Linked-Size</c>.
    /// </summary>
    public Task<HubFile> GetFileMetadataAsync(HubRepoId repo, string commit, string path, CancellationToken ct)
    {
        var subject = new Subject(repo, commit, path);
        CheckPath(subject, path);
        EnsureOnline(subject);
        var url = ResolveUrl(repo, commit, path);
        return WithRetriesAsync(subject, async attemptToken =>
        {
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(attemptToken, timeout.Token);
            try
            {
                using var response = await SendAsync(HttpMethod.Head, url, null, followAbsoluteRedirects: false, subject, linked.Token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode && !IsRedirect(response.StatusCode))
                    throw await FailureAsync(response, subject, linked.Token).ConfigureAwait(false);
                CheckServedCommit(response, subject);
                return ReadFileHeaders(response, subject, path);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !attemptToken.IsCancellationRequested)
            {
                throw new HubException(HubErrorKind.Network, $"{Describe(subject)}: the Hub did not answer within {HumanUnits.Duration(_options.RequestTimeout)}.");
            }
            catch (HttpRequestException e)
            {
                throw new HubRetryableFailure(HubErrorKind.Network, $"could not be reached ({Scrub(e.Message)})", innerException: e);
            }
        }, ct);
    }

    /// <summary>
    /// The files with the metadata a model-info answer lacked (neither blob id nor LFS SHA-256) filled by HEAD,
    /// at most <see cref="HubClientOptions.MetadataParallelism"/> at a time; complete entries cost no request.
    /// </summary>
    public async Task<IReadOnlyList<HubFile>> CompleteMetadataAsync(HubRepoId repo, string commit, IReadOnlyList<HubFile> files, CancellationToken ct)
    {
        var result = files.ToArray();
        var missing = Enumerable.Range(0, result.Length).Where(i => result[i].GitBlobId is null && result[i].LfsSha256 is null).ToArray();
        if (missing.Length == 0)
            return result;
        await Parallel.ForEachAsync(missing, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Math.Max(1, _options.MetadataParallelism) },
            async (i, token) =>
            {
                var fetched = await GetFileMetadataAsync(repo, commit, result[i].Path, token).ConfigureAwait(false);
                result[i] = fetched with { Size = fetched.Size ?? result[i].Size };
            }).ConfigureAwait(false);
        return result;
    }

    /// <summary>A small file's bytes (README.md, config.json), refusing anything over <paramref name="maxBytes"/>.</summary>
    public Task<byte[]> GetSmallFileAsync(HubRepoId repo, string commit, string path, long maxBytes, CancellationToken ct)
    {
        var subject = new Subject(repo, commit, path);
        CheckPath(subject, path);
        EnsureOnline(subject);
        return GetBytesAsync(ResolveUrl(repo, commit, path), subject, maxBytes, "the file", ct);
    }

    /// <summary>
    /// Downloads one file into <paramref name="partialPath"/> while hashing it, resuming what is already there,
    /// and checks size and hash against the Hub's metadata: the LFS SHA-256, else the git blob id. On a mismatch
    /// the partial file is deleted and <see cref="HubIntegrityException"/> thrown. When the metadata publishes no
    /// hash at all (a server without blob metadata whose HEAD gave no usable ETag), the digests are returned
    /// unverified: the caller holds the only reference (a lock) and must compare. The file is never moved.
    /// </summary>
    public async Task<FileDigests> DownloadAsync(HubRepoId repo, string commit, HubFile file, string partialPath, Action<long>? progress, CancellationToken ct)
    {
        var subject = new Subject(repo, commit, file.Path);
        CheckPath(subject, file.Path);
        EnsureOnline(subject);
        var folder = Path.GetDirectoryName(Path.GetFullPath(partialPath));
        if (folder is not null)
            Directory.CreateDirectory(folder);
        var url = ResolveUrl(repo, commit, file.Path);
        return await WithRetriesAsync(subject, token => DownloadAttemptAsync(url, subject, file, partialPath, progress, token), ct,
            $" The partial file is kept so that the next run resumes it.").ConfigureAwait(false);
    }

    private async Task<FileDigests> DownloadAttemptAsync(Uri url, Subject subject, HubFile file, string partialPath, Action<long>? progress, CancellationToken ct)
    {
        var expected = file.Size;
        var existing = File.Exists(partialPath) ? new FileInfo(partialPath).Length : 0;
        if (existing > expected)
        {
            File.Delete(partialPath);
            existing = 0;
        }
        if (existing > 0 && existing == expected)
        {
            // A previous run got every byte but stopped before the check (killed, or the check itself failed).
            var digests = await FileHasher.HashFileAsync(partialPath, KindsFor(file), progress: null, ct).ConfigureAwait(false);
            if (Mismatch(file, digests) is null)
                return digests;
            File.Delete(partialPath);
            existing = 0;
        }

        using var timeout = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(HttpMethod.Get, url, existing > 0 ? existing : null, followAbsoluteRedirects: true, subject, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new HubRetryableFailure(HubErrorKind.Network, $"did not answer within {HumanUnits.Duration(_options.RequestTimeout)}");
        }
        catch (HttpRequestException e)
        {
            throw new HubRetryableFailure(HubErrorKind.Network, $"could not be reached ({Scrub(e.Message)})", innerException: e);
        }
        using (response)
        {
            long offset;
            long? total;
            var contentLength = response.Content.Headers.ContentLength;
            if (response.StatusCode == HttpStatusCode.PartialContent)
            {
                // RFC 9110 §14.4: Content-Range "bytes first-last/complete-length"; a resume must start where we stopped.
                var range = response.Content.Headers.ContentRange;
                if (range is not { HasRange: true, From: { } from, To: { } to } || from != existing || to < from
                    || (range.Length is { } length && (to != length - 1 || (expected is not null && length != expected))))
                {
                    File.Delete(partialPath);
                    throw new HubRetryableFailure(HubErrorKind.Protocol, $"answered the resume at byte {existing} with a mismatched Content-Range ({Scrub(range?.ToString() ?? "none")}); starting over", TimeSpan.Zero);
                }
                offset = existing;
                total = expected ?? range.Length ?? (contentLength is { } partLength ? existing + partLength : null);
            }
            else if (response.StatusCode == HttpStatusCode.OK)
            {
                offset = 0;
                total = expected ?? contentLength;
            }
            else if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && existing > 0)
            {
                File.Delete(partialPath);
                throw new HubRetryableFailure(HubErrorKind.Protocol, $"refused to resume at byte {existing} (HTTP 416); starting over", TimeSpan.Zero);
            }
            else
            {
                throw await FailureAsync(response, subject, linked.Token).ConfigureAwait(false);
            }
            CheckServedCommit(response, subject);
            if (total is not { } size)
                throw new HubException(HubErrorKind.Protocol, $"{Describe(subject)}: neither the Hub's metadata nor the answer says how large the file is; refusing an unbounded download.");
            if (contentLength is { } announced && offset + announced != size)
            {
                File.Delete(partialPath);
                throw new HubIntegrityException(
                    $"{Describe(subject)}: the server announces {offset + announced} bytes but the Hub's metadata says {size}; refusing the file (the partial download was deleted).",
                    file.Path, size, offset + announced, null, null);
            }
            return await ReceiveAsync(response, subject, file, partialPath, offset, size, timeout, progress, ct, linked.Token).ConfigureAwait(false);
        }
    }

    private async Task<FileDigests> ReceiveAsync(
        HttpResponseMessage response, Subject subject, HubFile file, string partialPath, long offset, long size,
        CancellationTokenSource timeout, Action<long>? progress, CancellationToken outer, CancellationToken token)
    {
        using var accumulator = new DigestAccumulator(KindsFor(file), size);
        var buffer = ArrayPool<byte>.Shared.Rent(DownloadBufferSize);
        var position = offset;
        try
        {
            var output = new FileStream(partialPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.Asynchronous);
            await using (output.ConfigureAwait(false))
            {
                output.SetLength(offset);
                // The digest covers the whole file, so the bytes kept from an earlier attempt are hashed first;
                // local work, so the stall timer is paused (a long prefix is not a stalled server).
                timeout.CancelAfter(Timeout.InfiniteTimeSpan);
                output.Position = 0;
                for (long done = 0; done < offset;)
                {
                    var read = await output.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, offset - done)), outer).ConfigureAwait(false);
                    if (read == 0)
                        throw new HubRetryableFailure(HubErrorKind.Network, "the partial file shrank while it was re-read; starting over", TimeSpan.Zero);
                    accumulator.Append(buffer.AsSpan(0, read));
                    done += read;
                }
                output.Position = offset;
                try
                {
                    var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                    await using (body.ConfigureAwait(false))
                    {
                        while (true)
                        {
                            timeout.CancelAfter(_options.RequestTimeout);
                            var read = await body.ReadAsync(buffer, token).ConfigureAwait(false);
                            if (read == 0)
                                break;
                            if (position + read > size)
                            {
                                await output.DisposeAsync().ConfigureAwait(false);
                                File.Delete(partialPath);
                                throw new HubIntegrityException(
                                    $"{Describe(subject)}: the server sent more than the {size} bytes the Hub published; refusing the file (the partial download was deleted).",
                                    file.Path, size, position + read, null, null);
                            }
                            await output.WriteAsync(buffer.AsMemory(0, read), token).ConfigureAwait(false);
                            accumulator.Append(buffer.AsSpan(0, read));
                            position += read;
                            progress?.Invoke(read);
                        }
                    }
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !outer.IsCancellationRequested)
                {
                    await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    throw new HubRetryableFailure(HubErrorKind.Network, $"stalled for {HumanUnits.Duration(_options.RequestTimeout)} after {position} of {size} bytes");
                }
                catch (Exception e) when (e is IOException or HttpRequestException)
                {
                    // HttpIOException included: the connection closed before Content-Length bytes arrived.
                    await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    throw new HubRetryableFailure(HubErrorKind.Network, $"closed the connection after {position} of {size} bytes ({Scrub(e.Message)}); resuming", innerException: e);
                }
                if (position < size)
                {
                    await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    throw new HubRetryableFailure(HubErrorKind.Network, $"ended the body after {position} of {size} bytes; resuming");
                }
                output.Flush(flushToDisk: true);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        var digests = accumulator.Complete();
        if (Mismatch(file, digests) is { } mismatch)
        {
            File.Delete(partialPath);
            throw new HubIntegrityException(
                $"{Describe(subject)}: the downloaded bytes do not match the Hub's metadata: {mismatch.What} (expected {mismatch.Expected}, got {mismatch.Actual}); "
                + "refusing the file (the partial download was deleted).",
                file.Path, file.Size, digests.Length, mismatch.Expected, mismatch.Actual);
        }
        return digests;
    }

    /// <summary>SHA-256 always (what locks pin); the git blob id too for files stored in git, whose only published hash it is.</summary>
    internal static DigestKinds KindsFor(HubFile file) => file.IsLfs ? DigestKinds.Sha256 : DigestKinds.Sha256 | DigestKinds.GitBlobSha1;

    /// <summary>How the digests differ from the metadata, or null when they agree (or the metadata has no hash to compare).</summary>
    internal static (string What, string Expected, string Actual)? Mismatch(HubFile file, FileDigests digests)
    {
        if (file.Size is { } size && digests.Length != size)
            return ("size", $"{size} bytes", $"{digests.Length} bytes");
        if (file.LfsSha256 is { } sha256 && !string.Equals(sha256, digests.Sha256, StringComparison.OrdinalIgnoreCase))
            return ("LFS sha256", "sha256:" + sha256.ToLowerInvariant(), "sha256:" + digests.Sha256);
        if (!file.IsLfs && file.GitBlobId is { } blob && !string.Equals(blob, digests.GitBlobSha1, StringComparison.OrdinalIgnoreCase))
            return ("git blob id", "git-blob:" + blob.ToLowerInvariant(), "git-blob:" + digests.GitBlobSha1);
        return null;
    }

    private Task<byte[]> GetBytesAsync(Uri url, Subject subject, long maxBytes, string what, CancellationToken ct) =>
        WithRetriesAsync(subject, async attemptToken =>
        {
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(attemptToken, timeout.Token);
            try
            {
                using var response = await SendAsync(HttpMethod.Get, url, null, followAbsoluteRedirects: true, subject, linked.Token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                    throw await FailureAsync(response, subject, linked.Token).ConfigureAwait(false);
                return await ReadBoundedAsync(response.Content, maxBytes, subject, what, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !attemptToken.IsCancellationRequested)
            {
                // A server too slow to answer in the timeout is not retried: it would multiply the wait.
                throw new HubException(HubErrorKind.Network, $"{Describe(subject)}: the Hub did not send {what} within {HumanUnits.Duration(_options.RequestTimeout)}.");
            }
            catch (HttpRequestException e)
            {
                throw new HubRetryableFailure(HubErrorKind.Network, $"could not be reached ({Scrub(e.Message)})", innerException: e);
            }
            catch (IOException e)
            {
                throw new HubRetryableFailure(HubErrorKind.Network, $"closed the connection before {what} was complete ({Scrub(e.Message)})", innerException: e);
            }
        }, ct);

    /// <summary>Runs attempts until one succeeds, a failure is final, or <see cref="HubClientOptions.MaxAttempts"/> is reached.</summary>
    private async Task<T> WithRetriesAsync<T>(Subject subject, Func<CancellationToken, Task<T>> attempt, CancellationToken ct, string giveUpNote = "")
    {
        var maxAttempts = Math.Max(1, _options.MaxAttempts);
        for (var number = 1; ; number++)
        {
            HubRetryableFailure failure;
            try
            {
                return await attempt(ct).ConfigureAwait(false);
            }
            catch (HubRetryableFailure e)
            {
                failure = e;
            }
            if (number >= maxAttempts)
            {
                var advice = failure.Kind switch
                {
                    HubErrorKind.RateLimited => " The Hub is rate-limiting these requests; wait and try again, or use a token (HF_TOKEN) for higher limits.",
                    HubErrorKind.Server => " The Hub is having trouble; try again later.",
                    _ => "",
                };
                throw new HubException(failure.Kind, $"{Describe(subject)}: the Hub at {Settings.EndpointDisplay} failed {HumanUnits.Times(number)}, the last time it {failure.Message}; giving up.{advice}{giveUpNote}", failure);
            }
            await _delay(failure.RetryAfter ?? Backoff(number), ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One request, following redirects by hand (at most <see cref="MaxRedirects"/>): the token goes only to the
    /// endpoint's own origin, so a redirect to a CDN or any other host never carries it (huggingface_hub does
    /// the same); relative redirects (renamed repositories) stay on the host and keep it.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, long? rangeFrom, bool followAbsoluteRedirects, Subject subject, CancellationToken ct)
    {
        var current = url;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, current);
            if (Settings.Token is { } token && SameOrigin(current, Settings.Endpoint))
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (rangeFrom is { } from)
                request.Headers.Range = new RangeHeaderValue(from, null);
            // Bytes are hashed as served: a compressed transfer would be a different byte stream.
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (!IsRedirect(response.StatusCode))
                return response;
            var location = response.Headers.Location;
            if (location is null)
            {
                response.Dispose();
                throw new HubException(HubErrorKind.Protocol, $"{Describe(subject)}: {Shown(current)} answered HTTP {(int)response.StatusCode} without a Location to redirect to.");
            }
            if (!followAbsoluteRedirects && location.IsAbsoluteUri)
                return response;
            var next = location.IsAbsoluteUri ? location : new Uri(current, location);
            response.Dispose();
            if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                throw new HubException(HubErrorKind.Protocol, $"{Describe(subject)}: {Shown(current)} redirected to a {HubModelInfoParser.Quote(next.Scheme)} URL; only http and https are followed.");
            if (current.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp)
                throw new HubException(HubErrorKind.Protocol, $"{Describe(subject)}: {Shown(current)} redirected from https to plain http ({Shown(next)}); refusing the downgrade.");
            if (hop + 1 > MaxRedirects)
                throw new HubException(HubErrorKind.Protocol, $"{Describe(subject)}: redirected more than {MaxRedirects} times (last to {Shown(next)}); a redirect loop?");
            current = next;
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    /// <summary>
    /// The failure an error answer means, following huggingface_hub's <c>hf_raise_for_status</c>: the
    /// <c>X-Error-Code</c> header first (GatedRepo, RepoNotFound, RevisionNotFound, EntryNotFound), then the status.
    /// </summary>
    private async Task<Exception> FailureAsync(HttpResponseMessage response, Subject subject, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var code = Header(response, "X-Error-Code");
        var serverMessage = Header(response, "X-Error-Message");
        if (status == 429)
        {
            var wait = RetryAfter(response.Headers.RetryAfter);
            if (wait > _options.MaxRetryAfter)
                throw new HubException(HubErrorKind.RateLimited,
                    $"{Describe(subject)}: the Hub at {Settings.EndpointDisplay} is rate-limiting requests and asked to wait {HumanUnits.Duration(wait.Value)} (Retry-After), "
                    + $"longer than the {HumanUnits.Duration(_options.MaxRetryAfter)} this run waits; try again later, or use a token (HF_TOKEN) for higher limits.");
            return new HubRetryableFailure(HubErrorKind.RateLimited, "answered HTTP 429 (Too Many Requests)", wait);
        }
        if (status >= 500)
            return new HubRetryableFailure(HubErrorKind.Server, $"answered HTTP {status}{Said(serverMessage)}");

        var preview = serverMessage is null ? await PreviewAsync(response.Content, ct).ConfigureAwait(false) : null;
        var said = Said(serverMessage ?? preview);
        var where = $"{Describe(subject)} (Hub at {Settings.EndpointDisplay})";
        var tokenHint = Settings.Token is null ? "set HF_TOKEN or log in (huggingface-cli login)" : "check that the token (HF_TOKEN) has access";
        if (code == "GatedRepo" || status == 403)
            return new HubException(HubErrorKind.Gated,
                $"{where}: the repository is gated: accept the conditions at {Settings.EndpointDisplay}/{subject.Repo} with the account whose token you use"
                + (Settings.Token is null ? ", then set HF_TOKEN or log in (huggingface-cli login)" : "") + $".{said}");
        return code switch
        {
            "RevisionNotFound" => new HubException(HubErrorKind.NotFound, $"{where}: revision {HubModelInfoParser.Quote(subject.Revision)} not found.{said}"),
            "EntryNotFound" => new HubException(HubErrorKind.NotFound, $"{where}: file not found at commit {subject.Revision}.{said}"),
            "RepoNotFound" => new HubException(HubErrorKind.NotFound, $"{where}: repository not found (or private: if it is, {tokenHint}).{said}"),
            _ when status == 401 => new HubException(HubErrorKind.Unauthorized, $"{where}: not authorized; {tokenHint}.{said}"),
            _ when status == 404 => new HubException(HubErrorKind.NotFound, subject.Path is null
                ? $"{where}: repository not found (or private: if it is, {tokenHint}).{said}"
                : $"{where}: not found (repository, revision or file).{said}"),
            _ => new HubException(HubErrorKind.Protocol, $"{where}: the Hub answered HTTP {status}.{said}"),
        };
    }

    /// <summary>
    /// <c>Retry-After</c> (RFC 9110 §10.2.3) is delay-seconds or an HTTP-date; a date in the past means now.
    /// </summary>
    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        TimeSpan? wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _options.TimeProvider.GetUtcNow(),
            _ => null,
        };
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>Exponential backoff with "equal jitter": half the delay fixed, half random.</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var exponential = _options.BaseBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, _options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + capped / 2 * _jitter());
    }

    /// <summary>
    /// huggingface_hub's <c>HfFileMetadata</c>: the commit from <c>X-Repo-Commit</c>, the etag from
    /// <c>X-Linked-Etag</c> (LFS, set on the redirect) else <c>ETag</c>, the size from <c>X-Linked-Size</c> else
    /// <c>Content-Length</c>. A 64-hex etag is an LFS SHA-256, a 40-hex one a git blob id.
    /// </summary>
    private static HubFile ReadFileHeaders(HttpResponseMessage response, Subject subject, string path)
    {
        var linkedEtag = Header(response, "X-Linked-Etag");
        var etagText = linkedEtag ?? response.Headers.ETag?.Tag ?? Header(response, "ETag");
        var etag = etagText is null ? null : NormalizeEtag(etagText);
        long? size;
        if (Header(response, "X-Linked-Size") is { } linkedSize)
        {
            if (!long.TryParse(linkedSize, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                throw new HubException(HubErrorKind.Protocol, $"{Describe(subject)}: the Hub sent an invalid X-Linked-Size ({HubModelInfoParser.Quote(linkedSize)}).");
            size = parsed;
        }
        else
        {
            size = response.Content.Headers.ContentLength;
        }
        string? sha256 = null;
        string? blobId = null;
        if (etag is not null && HubPaths.IsSha256Hex(etag))
            sha256 = etag;
        else if (etag is not null && HubPaths.IsSha1Hex(etag))
            blobId = etag;
        return new HubFile(path, size, blobId, sha256);
    }

    /// <summary>An entity tag without the weak prefix and the quotes (RFC 9110 §8.8.3), lowercased.</summary>
    internal static string NormalizeEtag(string etag)
    {
        var value = etag.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
            value = value[2..];
        return value.Trim('"').ToLowerInvariant();
    }

    /// <summary>A server that answers for a different commit than the one asked for is not serving the pinned bytes.</summary>
    private static void CheckServedCommit(HttpResponseMessage response, Subject subject)
    {
        if (!HubPaths.IsSha1Hex(subject.Revision) || Header(response, "X-Repo-Commit") is not { } served)
            return;
        if (!served.Equals(subject.Revision, StringComparison.OrdinalIgnoreCase))
            throw new HubException(HubErrorKind.Protocol, $"{Describe(subject)}: the Hub answered for commit {HubModelInfoParser.Quote(served)} instead of {subject.Revision}.");
    }

    private static string? Header(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
            return values.FirstOrDefault()?.Trim();
        return null;
    }

    private async Task<byte[]> ReadBoundedAsync(HttpContent content, long maxBytes, Subject subject, string what, CancellationToken ct)
    {
        var declared = content.Headers.ContentLength;
        if (declared > maxBytes)
            throw TooLarge(subject, what, maxBytes, $" (Content-Length {declared})");
        var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var body = new MemoryStream((int)Math.Min(declared ?? 16 * 1024, Math.Min(maxBytes, 16 * 1024 * 1024)));
            var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
                {
                    if (body.Length + read > maxBytes)
                        throw TooLarge(subject, what, maxBytes, "");
                    body.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
            if (declared is { } length && body.Length != length)
                throw new HubRetryableFailure(HubErrorKind.Network, $"sent {body.Length} of the {length} bytes it announced for {what}");
            return body.ToArray();
        }
    }

    private HubException TooLarge(Subject subject, string what, long maxBytes, string detail) =>
        new(HubErrorKind.Protocol, $"{Describe(subject)}: the Hub at {Settings.EndpointDisplay} sent more than {HumanUnits.Bytes(maxBytes)} for {what}{detail}; stopped reading.");

    /// <summary>A short excerpt of an error body, or nothing if it cannot be read.</summary>
    private static Task<string?> PreviewAsync(HttpContent content, CancellationToken ct) => Net.ServerText.PreviewAsync(content, ErrorPreviewBytes, ct);

    private string Said(string? serverText) =>
        serverText is null ? "" : $" The server said: {HubModelInfoParser.Quote(Scrub(serverText))}";

    /// <summary>Server-controlled text may echo the Authorization header; the token never reaches a message.</summary>
    private string Scrub(string text) =>
        Settings.Token is { Length: > 0 } token ? text.Replace(token, "***", StringComparison.Ordinal) : text;

    private void EnsureOnline(Subject subject)
    {
        if (Settings.Offline)
            throw new HubException(HubErrorKind.Network,
                $"{Describe(subject)}: offline mode (HF_HUB_OFFLINE) forbids contacting the Hub at {Settings.EndpointDisplay}; only files already in the cache ({Settings.CacheDirectory}) can be used.");
    }

    private static void CheckRevision(Subject subject, string revision)
    {
        if (revision.Length == 0 || revision.Length > HubPaths.MaxRevisionLength || revision.Any(char.IsControl))
            throw new HubException(HubErrorKind.Protocol, $"{Describe(subject)}: invalid revision.");
    }

    private static void CheckPath(Subject subject, string path)
    {
        CheckRevision(subject, subject.Revision);
        if (!HubPaths.IsSafeRelativePath(path))
            throw new HubException(HubErrorKind.Protocol, $"{Describe(subject)}: unsafe file path; refusing to request it.");
    }

    private Uri ResolveUrl(HubRepoId repo, string revision, string path) =>
        new($"{Settings.BaseUrl}/{repo}/resolve/{Uri.EscapeDataString(revision)}/{HubPaths.EscapePath(path)}");

    /// <summary>A URL in a message: credentials redacted, and no query (CDN URLs carry signatures in it).</summary>
    private static string Shown(Uri url) => UrlRedaction.Redact(url.GetLeftPart(UriPartial.Path));

    private static string Describe(Subject subject) => subject.ToString();

    public void Dispose() => _http.Dispose();

    /// <summary>What a request is about, as messages name it: "org/name@main" or "'config.json' in org/name@abc123...".</summary>
    private readonly record struct Subject(HubRepoId Repo, string Revision, string? Path)
    {
        public override string ToString()
        {
            var at = $"{Repo}@{HubModelInfoParser.Quote(Revision)}";
            return Path is null ? at : $"'{HubModelInfoParser.Quote(Path)}' in {at}";
        }
    }
}
