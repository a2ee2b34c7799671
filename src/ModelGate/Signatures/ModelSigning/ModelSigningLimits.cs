namespace ModelGate.Signatures.ModelSigning;

/// <summary>Bounds on what a signature and a model folder may hold, so hostile input costs bounded time and memory.</summary>
internal sealed record ModelSigningLimits
{
    public static ModelSigningLimits Default { get; } = new();

    /// <summary>Largest signature file read (a million shards of a large model fit well inside it).</summary>
    public long MaxSignatureBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Most resources a statement may list, and most files or shards a model may have.</summary>
    public int MaxResources { get; init; } = 1_000_000;

    /// <summary>Deepest JSON nesting accepted in a bundle or statement (the format needs 6).</summary>
    public int MaxJsonDepth { get; init; } = 32;

    /// <summary>Deepest folder nesting walked in a model.</summary>
    public int MaxFolderDepth { get; init; } = 64;

    /// <summary>Longest resource name or ignore path.</summary>
    public int MaxNameLength { get; init; } = 4096;
}
