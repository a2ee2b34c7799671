namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// The parts of a model signature's Sigstore bundle that key and certificate verification need (the reference's
/// <c>sign_sigstore_pb</c> reads the same ones). Sigstore (Fulcio and Rekor) verification reads
/// <see cref="Json"/> with the full bundle reader instead.
/// </summary>
/// <param name="File">The signature file as the user named it, for messages.</param>
/// <param name="Json">The bundle's bytes.</param>
/// <param name="MediaType">The bundle media type.</param>
/// <param name="PublicKeyHint">verificationMaterial.publicKey.hint: hex SHA-256 of the signer's SPKI PEM (key mode, model_signing 1.0.1+).</param>
/// <param name="PublicKeyPem">verificationMaterial.publicKey.rawBytes: the PEM that model_signing 1.0.0 embedded.</param>
/// <param name="Certificates">verificationMaterial.x509CertificateChain (leaf first) or .certificate, DER.</param>
/// <param name="TransparencyLogEntries">How many tlogEntries the bundle has (Sigstore mode needs one).</param>
/// <param name="PayloadType">The DSSE payload type.</param>
/// <param name="Payload">The DSSE payload bytes (the in-toto statement).</param>
/// <param name="Signature">The DSSE signature bytes (ASN.1 DER ECDSA for the formats written today).</param>
internal sealed record ModelSignatureBundle(
    string File,
    byte[] Json,
    string MediaType,
    string? PublicKeyHint,
    byte[]? PublicKeyPem,
    IReadOnlyList<byte[]> Certificates,
    int TransparencyLogEntries,
    string PayloadType,
    byte[] Payload,
    byte[] Signature);
