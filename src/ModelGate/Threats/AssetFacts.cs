using ModelGate.Artifacts;
using ModelGate.Findings;
using ModelGate.Provenance;

namespace ModelGate.Threats;

/// <summary>
/// What the scan observed about one asset that can count as a control, and the findings that concern it.
/// Only the fields that apply to the asset's kind are set.
/// </summary>
internal sealed record AssetFacts(AssetKind Kind, string AssetType)
{
    /// <summary>The findings about this asset (each carries its threat references).</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Weight file: the format its bytes show.</summary>
    public string? Format { get; init; }

    /// <summary>Weight file: the scan's verdict; null when the file was not scanned.</summary>
    public ArtifactVerdict? Verdict { get; init; }

    /// <summary>Weight file: its bytes matched a locked hash.</summary>
    public bool HashVerifiedByLock { get; init; }

    /// <summary>Model or pipeline: where the models came from; empty when no origin is recorded.</summary>
    public IReadOnlyList<ModelProvenance> Provenance { get; init; } = [];

    /// <summary>Packages: how many declarations, how many pin a version, how many carry a hash.</summary>
    public int PackageCount { get; init; }

    public int PinnedCount { get; init; }

    public int HashedCount { get; init; }

    /// <summary>Packages: where advisories came from; null when none were consulted.</summary>
    public string? AdvisorySource { get; init; }
}
