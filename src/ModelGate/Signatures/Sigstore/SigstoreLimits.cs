namespace ModelGate.Signatures.Sigstore;

/// <summary>Bounds on hostile bundles and trusted roots, checked before anything is allocated for them.</summary>
internal static class SigstoreLimits
{
    /// <summary>Real bundles are a few kilobytes (a DSSE payload can be larger); nothing legitimate nears this.</summary>
    public const int MaxBundleBytes = 16 * 1024 * 1024;

    /// <summary>The public-good trusted root is about 10 KiB.</summary>
    public const int MaxTrustedRootBytes = 4 * 1024 * 1024;

    /// <summary>The protobuf JSON of a bundle nests six levels deep; the reader's own limit, not System.Text.Json's default.</summary>
    public const int MaxJsonDepth = 32;

    public const int MaxTlogEntries = 64;
    public const int MaxTimestamps = 64;
    public const int MaxCertificates = 16;
    public const int MaxDsseSignatures = 16;

    /// <summary>A Merkle audit path has at most one hash per tree level; 64 levels covers any int64 tree size.</summary>
    public const int MaxInclusionProofHashes = 64;

    public const int MaxTrustedRootEntries = 256;
}
