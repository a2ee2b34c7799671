namespace ModelGate.Signatures.Sigstore;

/// <summary>The key families Sigstore signs with.</summary>
internal enum SigstoreKeyAlgorithm
{
    Ecdsa,
    Rsa,
    Ed25519,
}
