namespace ModelGate.Provenance.Locks;

/// <summary>
/// One file a lock pins (docs/lock-format.md, "files"). At least one usable hash is always present: a
/// <see cref="Sha256"/> of the content, or, for a file stored in git (<see cref="Lfs"/> false), its
/// <see cref="GitBlobId"/>.
/// </summary>
/// <param name="Path">Safe relative repository path, '/'-separated.</param>
/// <param name="Size">Content size in bytes.</param>
/// <param name="Sha256">SHA-256 of the content, lowercase hex; always present for LFS files.</param>
/// <param name="GitBlobId">
/// The git blob id as the Hub reports it, lowercase hex: of the content for a file in git, of the LFS pointer
/// when <see cref="Lfs"/> is true (so it says nothing directly about the content then).
/// </param>
/// <param name="Lfs">True when the repository stores the file in Git LFS.</param>
internal sealed record LockedFile(string Path, long Size, string? Sha256, string? GitBlobId, bool Lfs)
{
    /// <summary>True when <see cref="GitBlobId"/> identifies the content itself (not an LFS pointer).</summary>
    public bool HasContentGitBlobId => GitBlobId is not null && !Lfs;

    /// <summary>The digest a verifier checks the bytes against: SHA-256 when pinned, else the content's git blob id.</summary>
    public string PreferredDigest => Sha256 is not null ? $"sha256:{Sha256}" : $"git-blob:{GitBlobId}";
}
