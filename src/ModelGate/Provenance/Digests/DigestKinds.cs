namespace ModelGate.Provenance.Digests;

/// <summary>Which digests to compute in one pass over a file's bytes.</summary>
[Flags]
internal enum DigestKinds
{
    None = 0,

    /// <summary>SHA-256 of the content: what the Hub records for LFS files and what locks pin.</summary>
    Sha256 = 1,

    /// <summary>
    /// Git's blob id: SHA-1 over <c>"blob {length}\0"</c> followed by the content. The Hub's <c>blobId</c> for a
    /// file stored in git itself (not LFS), and the only hash it publishes for such files.
    /// </summary>
    GitBlobSha1 = 2,

    /// <summary>Plain SHA-1 of the content.</summary>
    Sha1 = 4,

    /// <summary>SHA-384, for signature formats that use it (ECDSA P-384).</summary>
    Sha384 = 8,

    /// <summary>SHA-512, for signature formats that use it.</summary>
    Sha512 = 16,
}
