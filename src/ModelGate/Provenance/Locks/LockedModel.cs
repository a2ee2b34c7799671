using ModelGate.Provenance.Digests;
using ModelGate.Provenance.Hub;

namespace ModelGate.Provenance.Locks;

/// <summary>
/// One model a lock pins: a Hub repository at one commit, and every file of it in scope
/// (docs/lock-format.md, "models").
/// </summary>
/// <param name="Repo">The Hub repository.</param>
/// <param name="Revision">The revision as the user asked for it (branch, tag); null when they gave a commit. Informational.</param>
/// <param name="Commit">The 40-hex commit, lowercase.</param>
/// <param name="Include">The include patterns that chose the files (huggingface_hub allow_patterns); empty = every file.</param>
/// <param name="HashedLocally">True when ModelGate computed every SHA-256 from the bytes; every file then has one.</param>
/// <param name="Files">The files, in ordinal path order.</param>
internal sealed record LockedModel(HubRepoId Repo, string? Revision, string Commit, IReadOnlyList<string> Include, bool HashedLocally, IReadOnlyList<LockedFile> Files)
{
    /// <summary><c>owner/name@1234567</c>, for messages.</summary>
    public string DisplayName => $"{Repo}@{ShortCommit}";

    public string ShortCommit => Commit.Length > 7 ? Commit[..7] : Commit;

    /// <summary>The locked file at a path, or null (a linear search; index <see cref="Files"/> for many look-ups).</summary>
    public LockedFile? FindFile(string path) => Files.FirstOrDefault(f => f.Path == path);

    /// <summary>True when the path is within the lock's scope: no include patterns, or one matches.</summary>
    public bool InScope(string path) => IncludeGlob.MatchesAny(Include, path);

    /// <summary>
    /// A lock entry from the Hub's metadata at a resolved commit. With <paramref name="downloaded"/> (digests
    /// ModelGate computed from the downloaded bytes, by path) every file gets its SHA-256 from the bytes and the
    /// entry is <see cref="HashedLocally"/>; bytes that disagree with the Hub are refused.
    /// </summary>
    /// <exception cref="LockFileException">The metadata cannot make a lock: an unsafe path, a file without size or hash, bytes that disagree with it.</exception>
    public static LockedModel FromHub(HubModelInfo info, string? requestedRevision, IReadOnlyList<string> include, IReadOnlyDictionary<string, FileDigests>? downloaded) =>
        LockedModelFactory.FromHub(info, requestedRevision, include, downloaded);

    /// <summary>
    /// A lock entry from a local folder holding the repository at <paramref name="commit"/>: every file in scope
    /// is hashed (SHA-256 and git blob id of the content), so the entry is <see cref="HashedLocally"/>. The lfs
    /// flag is false because a folder does not say how the repository stores a file.
    /// </summary>
    public static Task<LockedModel> FromFolderAsync(string folder, HubRepoId repo, string commit, string? revision, IReadOnlyList<string> include, CancellationToken ct) =>
        LockedModelFactory.FromFolderAsync(folder, repo, commit, revision, include, ct);
}
