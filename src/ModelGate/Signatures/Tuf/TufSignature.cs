namespace ModelGate.Signatures.Tuf;

/// <summary>One entry of a metadata file's "signatures": the key id and the signature bytes (empty when "sig" is not hex).</summary>
internal sealed record TufSignature(string KeyId, byte[] Value);
