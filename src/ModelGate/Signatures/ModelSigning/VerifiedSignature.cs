namespace ModelGate.Signatures.ModelSigning;

/// <summary>A signature whose cryptography checked out: what it says and who made it.</summary>
/// <param name="Statement">The signed statement.</param>
/// <param name="Signer">Who signed, for reports: "key NAME (hint …)", the certificate subject, the Sigstore identity.</param>
/// <param name="Warnings">Notes that do not fail verification (an old format without a key hint, a compat PAE).</param>
internal sealed record VerifiedSignature(ModelSignatureStatement Statement, string Signer, IReadOnlyList<string> Warnings);
