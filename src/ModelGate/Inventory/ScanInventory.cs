namespace ModelGate.Inventory;

/// <summary>Everything the extractors found in a target, in a deterministic order.</summary>
public sealed record ScanInventory
{
    public IReadOnlyList<InventoryPackage> Packages { get; init; } = [];

    /// <summary>pip constraints: they restrict versions but install nothing.</summary>
    public IReadOnlyList<InventoryPackage> Constraints { get; init; } = [];

    /// <summary>Declarations left out of the audit, with the reason.</summary>
    public IReadOnlyList<SkippedPackage> Skipped { get; init; } = [];

    public IReadOnlyList<ModelArtifact> ModelArtifacts { get; init; } = [];

    /// <summary>Model cards (README.md with front matter, or beside a config.json) and their configs, in path order.</summary>
    public IReadOnlyList<Cards.ModelCardEntry> ModelCards { get; init; } = [];

    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>The files some extractor read, relative to the root.</summary>
    public IReadOnlyList<string> SourceFiles { get; init; } = [];
}
