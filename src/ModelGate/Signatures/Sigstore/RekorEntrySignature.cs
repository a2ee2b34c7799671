namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// A signature a Rekor entry body records, with its verifier: a certificate (DER) or a public key
/// (DER SubjectPublicKeyInfo), as <see cref="VerifierIsCertificate"/> says.
/// </summary>
internal sealed record RekorEntrySignature(byte[] Signature, byte[] VerifierDer, bool VerifierIsCertificate);
