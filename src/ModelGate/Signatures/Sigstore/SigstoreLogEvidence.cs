namespace ModelGate.Signatures.Sigstore;

/// <summary>The production log evidence: <see cref="TransparencyLogVerification"/> and <see cref="SignedTimestampVerification"/>.</summary>
internal sealed class SigstoreLogEvidence : ISigstoreLogEvidence
{
    public static SigstoreLogEvidence Instance { get; } = new();

    public IReadOnlyList<DateTimeOffset> VerifyTransparencyLog(SigstoreBundle bundle, TrustedRoot root, ReadOnlySpan<byte> signerDer, bool isCertificate, DateTimeOffset now) =>
        TransparencyLogVerification.Verify(bundle, root, signerDer, isCertificate, now);

    public IReadOnlyList<DateTimeOffset> VerifySignedTimestamps(SigstoreBundle bundle, TrustedRoot root, ReadOnlySpan<byte> signature) =>
        SignedTimestampVerification.Verify(bundle, root, signature);
}
