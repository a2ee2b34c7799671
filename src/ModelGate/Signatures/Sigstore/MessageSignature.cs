namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// A signature over the artifact itself. <see cref="Digest"/> (with <see cref="DigestAlgorithm"/>, e.g.
/// <c>SHA2_256</c>) is an unauthenticated hint the verifier compares with the artifact's own digest.
/// </summary>
internal sealed record MessageSignature(string? DigestAlgorithm, byte[]? Digest, byte[] Signature);
