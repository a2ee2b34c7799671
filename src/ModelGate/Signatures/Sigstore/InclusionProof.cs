namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// The RFC 6962 audit path of a log entry. <see cref="Checkpoint"/> is the signed note text
/// (<c>checkpoint.envelope</c>) that commits to <see cref="RootHash"/> and <see cref="TreeSize"/>.
/// </summary>
internal sealed record InclusionProof(
    long LogIndex,
    byte[] RootHash,
    long TreeSize,
    IReadOnlyList<byte[]> Hashes,
    string? Checkpoint);
