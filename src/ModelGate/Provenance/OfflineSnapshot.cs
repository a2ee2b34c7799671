using ModelGate.Provenance.Hub;

namespace ModelGate.Provenance;

/// <summary>
/// A cached snapshot described as Hub metadata: each file's expected hash is the name of the blob its
/// symbolic link points to (huggingface_hub names blobs by ETag: the LFS SHA-256, else the git blob id).
/// </summary>
internal static class OfflineSnapshot
{
    /// <summary>
    /// The first of <paramref name="cacheRoots"/> that resolves <paramref name="revision"/> (a branch, tag or
    /// commit) to a snapshot holding files: the cache and the commit, or null when none does.
    /// </summary>
    public static (HubCache Cache, string Commit)? Find(IEnumerable<string> cacheRoots, HubRepoId repo, string revision)
    {
        foreach (var root in cacheRoots)
        {
            var cache = new HubCache(root);
            if (cache.ResolveRef(repo, revision) is { } commit && cache.SnapshotFiles(repo, commit).Count > 0)
                return (cache, commit);
        }
        return null;
    }

    public static HubModelInfo Describe(HubCache cache, HubRepoId repo, string commit)
    {
        var files = new List<HubFile>();
        foreach (var path in cache.SnapshotFiles(repo, commit))
        {
            var full = cache.SnapshotFilePath(repo, commit, path);
            var info = new FileInfo(full);
            var blobName = info.LinkTarget is { } target ? Path.GetFileName(target) : null;
            long? size = null;
            try
            {
                size = info.LinkTarget is null ? info.Length : new FileInfo(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full).Length;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Left unknown: the fetcher reports the unreadable file.
            }
            files.Add(blobName switch
            {
                { Length: 64 } when HubPaths.IsSha256Hex(blobName) => new HubFile(path, size, null, blobName.ToLowerInvariant()),
                { Length: 40 } when HubPaths.IsSha1Hex(blobName) => new HubFile(path, size, blobName.ToLowerInvariant(), null),
                _ => new HubFile(path, size, null, null),
            });
        }
        return new HubModelInfo(repo, commit.ToLowerInvariant(), files) { Author = repo.Owner };
    }
}
