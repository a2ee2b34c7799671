namespace ModelGate.Provenance.Hub;

/// <summary>
/// One file of a Hub repository at a commit, as the Hub's metadata describes it (<c>siblings[]</c> with
/// <c>blobs=true</c>): the path, and when the Hub sent them the size, the git blob id and, for files stored
/// with Git LFS, the SHA-256 of the content.
/// </summary>
/// <param name="Path">The repository path, '/'-separated (<c>rfilename</c>).</param>
/// <param name="Size">The content size in bytes (for LFS files the object's size, not the pointer's).</param>
/// <param name="GitBlobId">
/// The git blob id (SHA-1). For a file in git it identifies the content; for an LFS file it is the id of the
/// small pointer file, not of the content.
/// </param>
/// <param name="LfsSha256">The SHA-256 of the content for LFS files; null for files stored in git.</param>
internal sealed record HubFile(string Path, long? Size, string? GitBlobId, string? LfsSha256)
{
    /// <summary>True when the content lives in Git LFS (the Hub sent an <c>lfs</c> object).</summary>
    public bool IsLfs => LfsSha256 is not null;

    /// <summary>
    /// The name huggingface_hub gives the file under <c>blobs/</c>: the LFS SHA-256, else the git blob id (the
    /// ETag the Hub serves for the file).
    /// </summary>
    public string? Etag => LfsSha256 ?? GitBlobId;
}
