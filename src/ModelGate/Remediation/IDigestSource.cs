namespace ModelGate.Remediation;

/// <summary>
/// Where the SHA-256 digests of a released version's distribution files come from: a package index's
/// JSON API (<see cref="PyPiJsonClient"/>) or a local folder of wheels and sdists (<see cref="WheelhouseDigestSource"/>).
/// </summary>
internal interface IDigestSource
{
    /// <summary>Names the source in notes and errors: the index URL or the folder.</summary>
    string Description { get; }

    /// <summary>
    /// The files of <paramref name="name"/> at <paramref name="version"/>; <see cref="DigestLookup.NotFound"/>
    /// when the source has no such version. Throws <see cref="PackageIndexException"/> when the source cannot answer.
    /// </summary>
    Task<DigestLookup> LookupAsync(string name, string version, CancellationToken cancellationToken);
}

/// <summary>One distribution file and its SHA-256 (lower-case hex).</summary>
internal sealed record DistributionDigest(string FileName, string Sha256)
{
    /// <summary>The digest as pip's <c>--hash</c> takes it.</summary>
    public string HashOption => "sha256:" + Sha256;
}

/// <summary>What a source knows about one version.</summary>
internal sealed record DigestLookup(bool Found, IReadOnlyList<DistributionDigest> Files)
{
    public static DigestLookup NotFound { get; } = new(false, []);
}
