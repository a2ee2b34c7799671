namespace ModelGate.Threats;

/// <summary>Something the target depends on that an attacker could go through, and the threats weighed for it.</summary>
/// <param name="Kind">The kind of asset.</param>
/// <param name="AssetType">The row of asset-threats.tsv it uses (model, weights-code, weights-data, dataset, packages, pipeline).</param>
/// <param name="Name">A short name: the repository, the file path, "Python packages (direct)".</param>
/// <param name="Description">What the scan knows about it, in one line.</param>
/// <param name="Threats">The assessments, in asset-threats.tsv order.</param>
internal sealed record ThreatAsset(AssetKind Kind, string AssetType, string Name, string Description, IReadOnlyList<ThreatAssessment> Threats);
