namespace ModelGate.Signatures.Sigstore;

/// <summary>The stable names of the verification steps, as carried by <see cref="SigstoreVerificationException.Check"/>.</summary>
internal static class SigstoreChecks
{
    public const string BundleFormat = "bundle-format";
    public const string BundleVersion = "bundle-version";
    public const string TrustedRoot = "trusted-root";
    public const string PublicKey = "public-key";
    public const string CertificateChain = "certificate-chain";
    public const string Sct = "sct";
    public const string Identity = "identity";
    public const string Signature = "signature";
    public const string ArtifactDigest = "artifact-digest";
    public const string Dsse = "dsse";
    public const string TlogBody = "tlog-body";
    public const string TlogSet = "tlog-set";
    public const string InclusionProof = "inclusion-proof";
    public const string Checkpoint = "checkpoint";
    public const string Timestamp = "timestamp";
    public const string VerifiedTime = "verified-time";
}
