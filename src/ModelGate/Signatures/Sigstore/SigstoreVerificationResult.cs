namespace ModelGate.Signatures.Sigstore;

/// <summary>What a verified bundle established: who signed, when (the verified times), and what.</summary>
internal sealed record SigstoreVerificationResult(
    string BundleVersion,
    bool SignedWithCertificate,
    string? Identity,
    string? Issuer,
    IReadOnlyList<DateTimeOffset> VerifiedTimes,
    byte[] ArtifactSha256,
    string? PayloadType,
    int TlogEntries,
    int SignedTimestamps);
