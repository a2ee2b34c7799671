namespace ModelGate.Signatures.Sigstore;

/// <summary>One signature of a DSSE envelope.</summary>
internal sealed record DsseSignature(byte[] Sig, string? KeyId);
