namespace ModelGate.Signatures.Sigstore;

/// <summary>A DSSE envelope (secure-systems-lab/dsse <c>envelope.md</c>); the signatures cover PAE(payloadType, payload).</summary>
internal sealed record DsseEnvelope(byte[] Payload, string PayloadType, IReadOnlyList<DsseSignature> Signatures);
