using ModelGate.Provenance.Digests;
using ModelGate.Provenance.Locks;

namespace ModelGate.Provenance;

/// <summary>Compares the digests of fetched bytes with a lock entry: size, then SHA-256, else the git blob id of the content.</summary>
internal static class LockedDigestCheck
{
    /// <summary>Null when the bytes match; else (expected, actual) in "sha256:…", "git-blob:…" or "size N" form.</summary>
    public static (string Expected, string Actual)? Mismatch(LockedFile locked, FileDigests digests)
    {
        if (digests.Length != locked.Size)
            return ($"size {locked.Size}", $"size {digests.Length}");
        if (locked.Sha256 is not null)
        {
            return digests.Sha256 is not null && string.Equals(digests.Sha256, locked.Sha256, StringComparison.OrdinalIgnoreCase)
                ? null
                : ($"sha256:{locked.Sha256}", $"sha256:{digests.Sha256 ?? "not computed"}");
        }
        if (locked.HasContentGitBlobId)
        {
            return digests.GitBlobSha1 is not null && string.Equals(digests.GitBlobSha1, locked.GitBlobId, StringComparison.OrdinalIgnoreCase)
                ? null
                : ($"git-blob:{locked.GitBlobId}", $"git-blob:{digests.GitBlobSha1 ?? "not computed"}");
        }
        return null;
    }
}
