using System.Globalization;
using System.Text;
using ModelGate.Provenance.Digests;
using ModelGate.Provenance.Hub;

namespace ModelGate.Provenance.Locks;

/// <summary>
/// Compares a local snapshot folder (a huggingface_hub cache snapshot, an <c>hf download --local-dir</c>
/// folder, or any copy) with a lock entry, and a lock entry with the Hub's metadata.
/// </summary>
internal static class SnapshotVerifier
{
    private const string LocalDirMetadataFolder = ".cache/huggingface/download";

    /// <summary>The first line of a local-dir metadata file is the commit; nothing longer needs reading.</summary>
    private const int MetadataPrefixBytes = 128;

    private const int MaxMetadataFiles = 100_000;

    /// <summary>
    /// Verifies every file of <paramref name="folder"/> against <paramref name="model"/>. A size difference is
    /// decided without hashing; otherwise the bytes are hashed (SHA-256 when the lock pins one, else the git blob
    /// id) in parallel. Files the lock does not pin are <see cref="FileVerificationStatus.Unexpected"/> even
    /// when they are outside its include patterns, because loaders pick up extra files by name.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static async Task<SnapshotVerification> VerifyAsync(string folder, LockedModel model, CancellationToken ct)
    {
        var entries = SnapshotFiles.List(folder);
        var byPath = entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var locked = model.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var scope = model.Include.Select(IncludeGlob.Parse).ToArray();
        var results = new List<FileVerification>();
        var bySha256 = new List<(LockedFile Locked, SnapshotEntry Entry)>();
        var byGitBlob = new List<(LockedFile Locked, SnapshotEntry Entry)>();

        foreach (var file in model.Files)
        {
            if (!byPath.TryGetValue(file.Path, out var entry))
                results.Add(new FileVerification(file.Path, FileVerificationStatus.Missing, file.PreferredDigest, null, null));
            else if (entry.Problem is not null)
                results.Add(new FileVerification(file.Path, FileVerificationStatus.Changed, file.PreferredDigest, null, entry.Problem));
            else if (entry.Size != file.Size)
                results.Add(SizeChanged(file.Path, file.Size, entry.Size));
            else if (file.Sha256 is not null)
                bySha256.Add((file, entry));
            else
                byGitBlob.Add((file, entry));
        }
        foreach (var entry in entries)
        {
            if (locked.Contains(entry.Path))
                continue;
            var detail = entry.Problem ?? (IncludeGlob.MatchesAny(scope, entry.Path) ? null : "outside the lock's include patterns, but loaders may still pick it up");
            results.Add(new FileVerification(entry.Path, FileVerificationStatus.Unexpected, null, entry.Problem is null ? Size(entry.Size) : null, detail));
        }

        await CompareAsync(bySha256, DigestKinds.Sha256, results, ct).ConfigureAwait(false);
        await CompareAsync(byGitBlob, DigestKinds.GitBlobSha1, results, ct).ConfigureAwait(false);
        results.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new SnapshotVerification(model, folder, DetectIdentity(folder)?.Commit, results);
    }

    /// <summary>
    /// What the folder says it is: repository and commit from a cache path (<c>models--o--n/snapshots/{commit}</c>),
    /// or the commit from <c>hf download --local-dir</c> metadata (<c>.cache/huggingface/download/*.metadata</c>,
    /// whose first line is the commit; all must agree). Null when it says nothing.
    /// </summary>
    public static SnapshotIdentity? DetectIdentity(string folder)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var name = Path.GetFileName(root);
        if (SnapshotFiles.CacheRepoFolder(root) is { } repoFolder && HubReference.IsCommitId(name))
            return new SnapshotIdentity(HubRepoId.FromCacheFolderName(Path.GetFileName(repoFolder)), name.ToLowerInvariant());
        var commit = LocalDirCommit(root);
        return commit is null ? null : new SnapshotIdentity(null, commit);
    }

    /// <summary>
    /// Compares a lock entry with the Hub's metadata for the same commit. A locked file must be listed with the
    /// same size and a matching hash of a comparable kind: the content SHA-256 when the Hub stores the file in LFS
    /// and the lock has one; the git blob id when both store it in git. Hub files in the lock's scope that it does
    /// not pin are <see cref="FileVerificationStatus.Unexpected"/>.
    /// </summary>
    public static IReadOnlyList<FileVerification> CompareWithHub(LockedModel model, HubModelInfo hub)
    {
        var hubFiles = new Dictionary<string, HubFile>(StringComparer.Ordinal);
        foreach (var file in hub.Files)
            hubFiles.TryAdd(file.Path, file);
        var lockedPaths = model.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var scope = model.Include.Select(IncludeGlob.Parse).ToArray();
        var results = new List<FileVerification>();
        foreach (var locked in model.Files)
        {
            if (!hubFiles.TryGetValue(locked.Path, out var remote))
            {
                results.Add(new FileVerification(locked.Path, FileVerificationStatus.Missing, locked.PreferredDigest, null, $"not listed by the Hub for {hub.Repo}@{hub.Commit}"));
                continue;
            }
            results.Add(CompareOne(locked, remote));
        }
        foreach (var remote in hubFiles.Values.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (!lockedPaths.Contains(remote.Path) && IncludeGlob.MatchesAny(scope, remote.Path))
            {
                var actual = remote.LfsSha256 is not null ? $"sha256:{remote.LfsSha256}" : remote.GitBlobId is not null ? $"git-blob:{remote.GitBlobId}" : null;
                results.Add(new FileVerification(remote.Path, FileVerificationStatus.Unexpected, null, actual, "added on the Hub since the lock"));
            }
        }
        results.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return results;
    }

    private static FileVerification CompareOne(LockedFile locked, HubFile remote)
    {
        if (remote.Size is long size && size != locked.Size)
            return SizeChanged(locked.Path, locked.Size, size);
        if (remote.IsLfs && locked.Sha256 is not null)
        {
            if (!HexEquals(locked.Sha256, remote.LfsSha256))
                return Mismatch(locked.Path, "sha256", locked.Sha256, remote.LfsSha256!, "the Hub's LFS SHA-256 differs from the lock");
            if (locked.Lfs && locked.GitBlobId is not null && remote.GitBlobId is not null && !HexEquals(locked.GitBlobId, remote.GitBlobId))
                return Mismatch(locked.Path, "git-blob", locked.GitBlobId, remote.GitBlobId, "the Hub's LFS pointer differs from the lock");
            return Verified(locked.Path, "sha256", locked.Sha256);
        }
        if (!remote.IsLfs && locked.HasContentGitBlobId && remote.GitBlobId is not null)
        {
            return HexEquals(locked.GitBlobId!, remote.GitBlobId)
                ? Verified(locked.Path, "git-blob", locked.GitBlobId!)
                : Mismatch(locked.Path, "git-blob", locked.GitBlobId!, remote.GitBlobId, "the Hub's git blob id differs from the lock");
        }
        if (locked.Lfs && !remote.IsLfs)
            return new FileVerification(locked.Path, FileVerificationStatus.Changed, locked.PreferredDigest, remote.GitBlobId is null ? null : $"git-blob:{remote.GitBlobId}",
                "locked as an LFS file, but the Hub stores it in git");
        if (!locked.Lfs && remote.IsLfs)
            return new FileVerification(locked.Path, FileVerificationStatus.Changed, locked.PreferredDigest, $"sha256:{remote.LfsSha256}",
                "locked as a file in git, but the Hub stores it in LFS");
        return new FileVerification(locked.Path, FileVerificationStatus.Unverifiable, locked.PreferredDigest, null,
            "the Hub's metadata gives no hash comparable with the lock's (ask for blob metadata)");
    }

    private static async Task CompareAsync(List<(LockedFile Locked, SnapshotEntry Entry)> pairs, DigestKinds kind, List<FileVerification> results, CancellationToken ct)
    {
        if (pairs.Count == 0)
            return;
        var outcomes = await ContentHasher.HashAsync(pairs.Select(p => p.Entry).ToArray(), kind, ct).ConfigureAwait(false);
        for (var i = 0; i < pairs.Count; i++)
        {
            var (locked, _) = pairs[i];
            var (digests, error) = outcomes[i];
            if (digests is null)
            {
                results.Add(new FileVerification(locked.Path, FileVerificationStatus.Unverifiable, locked.PreferredDigest, null, $"could not be read: {error}"));
                continue;
            }
            if (digests.Length != locked.Size)
            {
                results.Add(SizeChanged(locked.Path, locked.Size, digests.Length));
                continue;
            }
            var (label, expected, actual) = kind == DigestKinds.Sha256
                ? ("sha256", locked.Sha256!, digests.Sha256)
                : ("git-blob", locked.GitBlobId!, digests.GitBlobSha1);
            results.Add(actual is not null && HexEquals(expected, actual)
                ? Verified(locked.Path, label, expected)
                : Mismatch(locked.Path, label, expected, actual ?? "unknown", null));
        }
    }

    private static string? LocalDirCommit(string root)
    {
        var metadata = Path.Combine(root, LocalDirMetadataFolder.Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(metadata) || new DirectoryInfo(metadata).LinkTarget is not null)
            return null;
        string? commit = null;
        var count = 0;
        try
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = SnapshotFiles.MaxDepth, AttributesToSkip = FileAttributes.ReparsePoint };
            foreach (var file in Directory.EnumerateFiles(metadata, "*.metadata", options))
            {
                if (++count > MaxMetadataFiles)
                    return null;
                var first = FirstLine(file);
                if (first is null || !HubReference.IsCommitId(first))
                    return null;
                first = first.ToLowerInvariant();
                if (commit is null)
                    commit = first;
                else if (commit != first)
                    return null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return commit;
    }

    private static string? FirstLine(string path)
    {
        var info = new FileInfo(path);
        if (info.Length == 0)
            return null;
        Span<byte> buffer = stackalloc byte[MetadataPrefixBytes];
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var read = RandomAccess.Read(handle, buffer, 0);
        var text = buffer[..read];
        var newline = text.IndexOf((byte)'\n');
        if (newline >= 0)
            text = text[..newline];
        return Encoding.ASCII.GetString(text).TrimEnd('\r', ' ');
    }

    private static bool HexEquals(string a, string? b) => b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string Size(long size) => string.Create(CultureInfo.InvariantCulture, $"size {size}");

    private static FileVerification SizeChanged(string path, long expected, long actual) =>
        new(path, FileVerificationStatus.Changed, Size(expected), Size(actual), null);

    private static FileVerification Mismatch(string path, string label, string expected, string actual, string? detail) =>
        new(path, FileVerificationStatus.Changed, $"{label}:{expected}", $"{label}:{actual.ToLowerInvariant()}", detail);

    private static FileVerification Verified(string path, string label, string digest) =>
        new(path, FileVerificationStatus.Verified, $"{label}:{digest}", $"{label}:{digest}", null);
}
