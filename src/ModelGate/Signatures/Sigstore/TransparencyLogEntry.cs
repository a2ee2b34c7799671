namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// One <c>TransparencyLogEntry</c> of the bundle. <see cref="SignedEntryTimestamp"/> is the inclusion promise
/// (Rekor v1); <see cref="IntegratedTime"/> is absent (or zero) for Rekor v2 entries.
/// </summary>
internal sealed record TransparencyLogEntry(
    long LogIndex,
    byte[] LogKeyId,
    string Kind,
    string KindVersion,
    long? IntegratedTime,
    byte[]? SignedEntryTimestamp,
    InclusionProof? Proof,
    byte[] CanonicalizedBody);
