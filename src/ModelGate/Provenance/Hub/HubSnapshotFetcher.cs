using System.Collections.Concurrent;
using ModelGate.Provenance.Digests;

namespace ModelGate.Provenance.Hub;

/// <summary>
/// Brings files of one commit into the huggingface_hub cache, verified: a blob already cached is re-hashed
/// and reused only when it still matches its name; anything else is downloaded to <c>blobs/{etag}.incomplete</c>,
/// checked, and only then moved into <c>blobs/</c> and linked from <c>snapshots/{commit}/</c>. Nothing
/// unverified is ever placed in <c>blobs/</c> or <c>snapshots/</c>.
/// </summary>
internal static class HubSnapshotFetcher
{
    /// <param name="revisionToRecord">
    /// The branch or tag the commit was resolved from, written to <c>refs/</c> once every file succeeded (a
    /// commit id is not recorded, as in huggingface_hub); null to record nothing.
    /// </param>
    /// <param name="parallelism">Files fetched at once.</param>
    /// <param name="progress">Receives byte counts as they are downloaded.</param>
    /// <returns>One result per file, in the order given; a failed file does not stop the others.</returns>
    public static async Task<IReadOnlyList<HubFileDownload>> FetchIntoCacheAsync(
        HubClient client, HubCache cache, HubModelInfo info, IReadOnlyList<HubFile> files, string? revisionToRecord,
        int parallelism, Action<long>? progress, CancellationToken ct)
    {
        var results = new HubFileDownload[files.Count];
        // Two paths with the same content share one blob: one download, the other waits and reuses it.
        var gates = new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.Ordinal);
        try
        {
            await Parallel.ForAsync(0, files.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Math.Max(1, parallelism) },
                async (i, token) => results[i] = await FetchOneAsync(client, cache, info, files[i], gates, progress, token).ConfigureAwait(false)).ConfigureAwait(false);
        }
        finally
        {
            foreach (var gate in gates.Values)
                gate.Dispose();
        }
        if (revisionToRecord is not null && !HubReference.IsCommitId(revisionToRecord) && !client.Settings.Offline
            && Array.TrueForAll(results, r => r.Succeeded))
            cache.WriteRef(info.Repo, revisionToRecord, info.Commit);
        return results;
    }

    private static async Task<HubFileDownload> FetchOneAsync(
        HubClient client, HubCache cache, HubModelInfo info, HubFile file, ConcurrentDictionary<string, SemaphoreSlim> gates,
        Action<long>? progress, CancellationToken ct)
    {
        var offline = client.Settings.Offline;
        var where = $"'{HubModelInfoParser.Quote(file.Path)}' in {info.Repo}@{info.Commit}";
        try
        {
            if (!HubPaths.IsSafeRelativePath(file.Path))
                return Failed(file, HubErrorKind.Protocol, $"{where}: unsafe file path; refusing to place it in the cache.");
            if (file.Etag is null)
            {
                if (offline)
                    return await OfflineWithoutHashAsync(cache, info, file, where, ct).ConfigureAwait(false);
                var fetched = await client.GetFileMetadataAsync(info.Repo, info.Commit, file.Path, ct).ConfigureAwait(false);
                file = fetched with { Size = fetched.Size ?? file.Size };
                if (file.Etag is null)
                    return Failed(file, HubErrorKind.Integrity,
                        $"{where}: the Hub publishes no hash for this file (no blob id, no LFS sha256, no usable ETag); it cannot be verified, so it is not cached.");
            }
            var etag = file.Etag.ToLowerInvariant();
            var gate = gates.GetOrAdd(etag, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var blob = cache.BlobPath(info.Repo, etag);
                if (File.Exists(blob))
                {
                    var cached = await FileHasher.HashFileAsync(blob, HubClient.KindsFor(file), progress: null, ct).ConfigureAwait(false);
                    if (HubClient.Mismatch(file, cached) is null)
                    {
                        cache.LinkSnapshotFile(info.Repo, info.Commit, file.Path, etag);
                        return new HubFileDownload(file, cached, null);
                    }
                    if (offline)
                        return Failed(file, HubErrorKind.Integrity, $"{where}: the cached blob {blob} does not match the file's hash, and offline mode (HF_HUB_OFFLINE) forbids downloading it again.");
                    // Corrupted or tampered with since it was placed: never reuse it, fetch it again.
                    File.Delete(blob);
                }
                else if (offline)
                {
                    return Failed(file, HubErrorKind.Network, $"{where}: not in the cache ({cache.RepoFolder(info.Repo)}), and offline mode (HF_HUB_OFFLINE) forbids downloading it.");
                }
                var partial = cache.IncompletePath(info.Repo, etag);
                var digests = await client.DownloadAsync(info.Repo, info.Commit, file, partial, progress, ct).ConfigureAwait(false);
                cache.PlaceVerifiedBlob(info.Repo, etag, partial);
                cache.LinkSnapshotFile(info.Repo, info.Commit, file.Path, etag);
                return new HubFileDownload(file, digests, null);
            }
            finally
            {
                gate.Release();
            }
        }
        catch (HubException e)
        {
            return new HubFileDownload(file, null, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(file, HubErrorKind.Network, $"{where}: the cache at {cache.Root} could not be written or read: {e.Message}");
        }
    }

    /// <summary>
    /// Offline, a file whose metadata has no hash can only be taken from an existing snapshot; its digests are
    /// returned for the caller to check against its lock, as nothing else can vouch for them.
    /// </summary>
    private static async Task<HubFileDownload> OfflineWithoutHashAsync(HubCache cache, HubModelInfo info, HubFile file, string where, CancellationToken ct)
    {
        var path = cache.SnapshotFilePath(info.Repo, info.Commit, file.Path);
        if (!File.Exists(path))
            return Failed(file, HubErrorKind.Network, $"{where}: not in the cache ({cache.RepoFolder(info.Repo)}), and offline mode (HF_HUB_OFFLINE) forbids downloading it.");
        var digests = await FileHasher.HashFileAsync(path, DigestKinds.Sha256 | DigestKinds.GitBlobSha1, progress: null, ct).ConfigureAwait(false);
        return new HubFileDownload(file, digests, null);
    }

    private static HubFileDownload Failed(HubFile file, HubErrorKind kind, string message) =>
        new(file, null, kind == HubErrorKind.Integrity ? new HubIntegrityException(message, file.Path, file.Size, 0, null, null) : new HubException(kind, message));
}
