using ModelGate.Provenance.Digests;
using ModelGate.Provenance.Hub;

namespace ModelGate.Provenance.Locks;

/// <summary>Builds lock entries from the Hub's metadata (optionally confirmed by downloaded bytes) or from a folder.</summary>
internal static class LockedModelFactory
{
    public static LockedModel FromHub(HubModelInfo info, string? requestedRevision, IReadOnlyList<string> include, IReadOnlyDictionary<string, FileDigests>? downloaded)
    {
        var commit = Commit(info.Commit, info.Repo.ToString());
        var where = $"{info.Repo}@{commit}";
        var files = new List<LockedFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var scope = include.Select(IncludeGlob.Parse).ToArray();
        foreach (var file in info.Files)
        {
            if (!IncludeGlob.MatchesAny(scope, file.Path))
                continue;
            if (RepositoryPath.Problem(file.Path) is { } problem)
                throw new LockFileException($"cannot lock {where}: the Hub lists an unsafe path '{file.Path}': {problem}");
            if (!seen.Add(file.Path))
                throw new LockFileException($"cannot lock {where}: the Hub lists '{file.Path}' twice");
            var hubSha256 = HexOrNull(file.LfsSha256, 64, where, file.Path, "LFS sha256");
            var hubBlob = HexOrNull(file.GitBlobId, 40, where, file.Path, "blob id");
            if (file.Size is < 0)
                throw new LockFileException($"cannot lock {where}: the Hub gives '{file.Path}' a negative size");
            if (downloaded is null)
            {
                if (file.Size is not long size)
                    throw new LockFileException($"cannot lock {where}: the Hub gives no size for '{file.Path}'; lock with --download to hash the bytes");
                if (hubSha256 is null && hubBlob is null)
                    throw new LockFileException($"cannot lock {where}: the Hub gives no hash for '{file.Path}'; lock with --download to hash the bytes");
                files.Add(new LockedFile(file.Path, size, hubSha256, hubBlob, file.IsLfs));
                continue;
            }
            if (!downloaded.TryGetValue(file.Path, out var digests) || digests.Sha256 is null)
                throw new LockFileException($"cannot lock {where}: '{file.Path}' was not downloaded and hashed");
            if (file.Size is long expected && expected != digests.Length)
                throw new LockFileException($"cannot lock {where}: '{file.Path}' is {digests.Length} bytes, but the Hub says {expected}");
            if (hubSha256 is not null && hubSha256 != digests.Sha256)
                throw new LockFileException($"cannot lock {where}: '{file.Path}' has sha256:{digests.Sha256}, but the Hub says sha256:{hubSha256}");
            if (!file.IsLfs && hubBlob is not null && digests.GitBlobSha1 is not null && hubBlob != digests.GitBlobSha1)
                throw new LockFileException($"cannot lock {where}: '{file.Path}' has git blob id {digests.GitBlobSha1}, but the Hub says {hubBlob}");
            var blob = file.IsLfs ? hubBlob : hubBlob ?? digests.GitBlobSha1;
            files.Add(new LockedFile(file.Path, digests.Length, digests.Sha256, blob, file.IsLfs));
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new LockedModel(info.Repo, Revision(requestedRevision), commit, [.. include], downloaded is not null, files);
    }

    public static async Task<LockedModel> FromFolderAsync(string folder, HubRepoId repo, string commit, string? revision, IReadOnlyList<string> include, CancellationToken ct)
    {
        var lowered = Commit(commit, repo.ToString());
        var scope = include.Select(IncludeGlob.Parse).ToArray();
        var entries = SnapshotFiles.List(folder).Where(e => IncludeGlob.MatchesAny(scope, e.Path)).ToArray();
        if (entries.FirstOrDefault(e => e.Problem is not null) is { } bad)
            throw new LockFileException($"cannot lock {folder}: '{bad.Path}': {bad.Problem}");
        if (entries.Length > LockLimits.MaxFiles)
            throw new LockFileException($"cannot lock {folder}: more than the {LockLimits.MaxFiles} files a lock may hold");
        if (entries.FirstOrDefault(e => RepositoryPath.Problem(e.Path) is not null) is { } unsafePath)
            throw new LockFileException($"cannot lock {folder}: '{unsafePath.Path}' cannot be a repository path: {RepositoryPath.Problem(unsafePath.Path)}");
        var outcomes = await ContentHasher.HashAsync(entries, DigestKinds.Sha256 | DigestKinds.GitBlobSha1, ct).ConfigureAwait(false);
        var files = new LockedFile[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var (digests, error) = outcomes[i];
            if (digests is null)
                throw new LockFileException($"cannot lock {folder}: '{entries[i].Path}' could not be read: {error}");
            if (digests.GitBlobSha1 is null)
                throw new LockFileException($"cannot lock {folder}: '{entries[i].Path}' changed size while it was hashed");
            files[i] = new LockedFile(entries[i].Path, digests.Length, digests.Sha256, digests.GitBlobSha1, false);
        }
        var recorded = revision is null || HubReference.IsCommitId(revision) ? null : revision;
        return new LockedModel(repo, recorded, lowered, [.. include], HashedLocally: true, files);
    }

    /// <summary>The revision worth recording: none when the user named a commit, <c>main</c> when they named nothing.</summary>
    private static string? Revision(string? requested) =>
        requested is null ? HubReference.DefaultRevision : HubReference.IsCommitId(requested) ? null : requested;

    private static string Commit(string commit, string repo) =>
        HubReference.IsCommitId(commit) ? commit.ToLowerInvariant() : throw new LockFileException($"cannot lock {repo}: '{commit}' is not a 40-hex commit id");

    private static string? HexOrNull(string? value, int length, string where, string path, string what)
    {
        if (value is null)
            return null;
        if (value.Length != length || !value.All(char.IsAsciiHexDigit))
            throw new LockFileException($"cannot lock {where}: the Hub gives '{path}' a malformed {what} '{(value.Length > 80 ? value[..80] : value)}'");
        return value.ToLowerInvariant();
    }
}
