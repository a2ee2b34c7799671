namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// A Fulcio CA or a timestamp authority of the trusted root. <see cref="CertChainDer"/> is DER, the issuing
/// certificate first and the root last. The validity period is a closed interval; a missing end means "still valid".
/// </summary>
internal sealed record CertificateAuthority(
    string? SubjectOrganization,
    string? SubjectCommonName,
    string? Uri,
    IReadOnlyList<byte[]> CertChainDer,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo)
{
    /// <summary>Whether the authority was valid at <paramref name="time"/> (both ends inclusive).</summary>
    public bool IsValidAt(DateTimeOffset time) => TrustedRootValidity.Covers(ValidFrom, ValidTo, time);
}
