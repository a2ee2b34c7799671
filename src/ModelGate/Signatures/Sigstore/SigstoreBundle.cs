namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// A Sigstore bundle (protobuf-specs <c>dev.sigstore.bundle.v1.Bundle</c>) as read from its JSON mapping. The
/// reader checks shape only; the version rules (which material and which log evidence each version needs)
/// are checked by the verifier so that the failure names the check.
/// </summary>
internal sealed record SigstoreBundle(
    string MediaType,
    string BundleVersion,
    VerificationMaterial VerificationMaterial,
    MessageSignature? MessageSignature,
    DsseEnvelope? DsseEnvelope)
{
    /// <summary>The bytes the signing key signed: the message signature, or the DSSE envelope's first signature.</summary>
    public byte[] SignatureBytes =>
        MessageSignature?.Signature ?? (DsseEnvelope is { Signatures.Count: > 0 } dsse ? dsse.Signatures[0].Sig : []);
}
