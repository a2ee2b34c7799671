namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// One signature line of a signed note (c2sp.org/signed-note): the key name, the 4-byte key ID (big-endian) and
/// the signature bytes that follow it. The pair (name, key ID) names the key; the signature is not yet verified.
/// </summary>
internal sealed record NoteSignature(string KeyName, uint KeyId, byte[] Signature);
