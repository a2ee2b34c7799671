namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// What a Rekor entry's canonicalized body says about the signed content, for the supported kinds:
/// Rekor v1 hashedrekord 0.0.1, dsse 0.0.1 and intoto 0.0.2 (rekor <c>pkg/types/*/v*/*_schema.json</c>) and
/// Rekor v2 hashedrekord 0.0.2 and dsse 0.0.2 (rekor-tiles <c>api/proto/rekor/v2/*.proto</c>, protobuf JSON).
/// <see cref="Digest"/> is the hashedrekord artifact digest; <see cref="PayloadHash"/> the DSSE payload digest;
/// <see cref="PayloadType"/> the in-toto envelope's payload type when the body records it.
/// </summary>
internal sealed record RekorEntryBody(
    string Kind,
    string ApiVersion,
    RekorHash? Digest,
    RekorHash? PayloadHash,
    string? PayloadType,
    IReadOnlyList<RekorEntrySignature> Signatures);
