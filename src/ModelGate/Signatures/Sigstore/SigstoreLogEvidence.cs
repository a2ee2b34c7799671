namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// The production log evidence. Until the transparency-log and timestamp checks are part of this build, every
/// bundle that relies on them is rejected: what cannot be verified is never "ok".
/// </summary>
internal sealed class SigstoreLogEvidence : ISigstoreLogEvidence
{
    public static SigstoreLogEvidence Instance { get; } = new();

    public IReadOnlyList<DateTimeOffset> VerifyTransparencyLog(SigstoreBundle bundle, TrustedRoot root, ReadOnlySpan<byte> signerDer, bool isCertificate, DateTimeOffset now) =>
        throw new SigstoreVerificationException(SigstoreChecks.TlogBody, "transparency-log verification is not available in this build");

    public IReadOnlyList<DateTimeOffset> VerifySignedTimestamps(SigstoreBundle bundle, TrustedRoot root, ReadOnlySpan<byte> signature) =>
        bundle.VerificationMaterial.Rfc3161Timestamps.Count == 0
            ? []
            : throw new SigstoreVerificationException(SigstoreChecks.Timestamp, "RFC 3161 timestamp verification is not available in this build");
}
