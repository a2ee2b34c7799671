namespace ModelGate.Provenance.Digests;

/// <summary>
/// The digests of one file's bytes, as lowercase hex; a digest not asked for is null. <see cref="Length"/> is
/// the number of bytes actually hashed.
/// </summary>
internal sealed record FileDigests(long Length)
{
    public string? Sha256 { get; init; }

    public string? GitBlobSha1 { get; init; }

    public string? Sha1 { get; init; }

    public string? Sha384 { get; init; }

    public string? Sha512 { get; init; }
}
