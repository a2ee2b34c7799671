namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// A digest recorded in a Rekor entry body. <see cref="Algorithm"/> is the .NET name (SHA256, SHA384, SHA512),
/// whichever spelling the body used (<c>sha256</c> in Rekor v1, <c>SHA2_256</c> in Rekor v2).
/// </summary>
internal sealed record RekorHash(string Algorithm, byte[] Value);
