namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// The bundle's <c>verificationMaterial</c>: exactly one of <see cref="Certificate"/> (v0.3, the leaf as DER),
/// <see cref="X509CertificateChain"/> (v0.1/v0.2, DER, leaf first) or <see cref="PublicKeyHint"/> (a managed key).
/// </summary>
internal sealed record VerificationMaterial(
    byte[]? Certificate,
    IReadOnlyList<byte[]>? X509CertificateChain,
    string? PublicKeyHint,
    IReadOnlyList<TransparencyLogEntry> TlogEntries,
    IReadOnlyList<byte[]> Rfc3161Timestamps)
{
    /// <summary>The signing certificate's DER: the v0.3 certificate or the chain's first element.</summary>
    public byte[]? LeafCertificate =>
        Certificate ?? (X509CertificateChain is { Count: > 0 } chain ? chain[0] : null);
}
