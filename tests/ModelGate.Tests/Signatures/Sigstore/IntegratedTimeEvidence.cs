using ModelGate.Signatures.Sigstore;

namespace ModelGate.Tests.Signatures.Sigstore;

/// <summary>
/// A stand-in for the log checks that takes each entry's integrated time on trust and ignores timestamps: it
/// isolates the certificate, SCT, identity and signature steps, which must decide on their own.
/// </summary>
internal sealed class IntegratedTimeEvidence : ISigstoreLogEvidence
{
    public IReadOnlyList<DateTimeOffset> VerifyTransparencyLog(SigstoreBundle bundle, TrustedRoot root, ReadOnlySpan<byte> signerDer, bool isCertificate, DateTimeOffset now) =>
        [.. bundle.VerificationMaterial.TlogEntries.Where(e => e.IntegratedTime is > 0).Select(e => DateTimeOffset.FromUnixTimeSeconds(e.IntegratedTime!.Value))];

    public IReadOnlyList<DateTimeOffset> VerifySignedTimestamps(SigstoreBundle bundle, TrustedRoot root, ReadOnlySpan<byte> signature) => [];
}
