using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Policy;

namespace ModelGate.Reporting;

/// <summary>
/// The result of one scan, in the form every writer reads. Report schema version 1
/// (docs/report-schema.md): later versions add fields, never remove or rename one.
/// </summary>
public sealed record ScanReport
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required ToolInfo Tool { get; init; }

    /// <summary>The target as the user gave it.</summary>
    public required string Target { get; init; }

    /// <summary>The environment markers were evaluated for, or null when every entry was kept.</summary>
    public string? Environment { get; init; }

    public required ScanInventory Inventory { get; init; }

    /// <summary>Known vulnerabilities, one per package line and advisory group, in package order.</summary>
    public IReadOnlyList<Advisories.Vulnerability> Vulnerabilities { get; init; } = [];

    /// <summary>Where advisories came from, e.g. "OSV files in advisories/ (28 advisories)"; null when none were consulted.</summary>
    public string? AdvisorySource { get; init; }

    /// <summary>
    /// Scanned model files and their members (files in path order, each followed by its members), with
    /// verdicts. Empty when no artifact scan ran (<see cref="ArtifactsScanned"/>).
    /// </summary>
    public IReadOnlyList<Artifacts.ArtifactResult> Artifacts { get; init; } = [];

    /// <summary>True when the model artifacts were scanned, so <see cref="Artifacts"/> carries verdicts.</summary>
    public bool ArtifactsScanned { get; init; }

    /// <summary>
    /// Where each model came from (Hub repository, commit, pin) and the result of checking its files' hashes;
    /// empty when the target was not a Hub model and no lock was checked.
    /// </summary>
    public IReadOnlyList<Provenance.ModelProvenance> Provenance { get; init; } = [];

    /// <summary>The four-part model assessment (<c>modelgate assess</c>); null for other commands.</summary>
    public Assessment.ModelAssessment? Assessment { get; init; }

    /// <summary>Findings in <see cref="FindingOrder"/>.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    public required PolicyDecision Decision { get; init; }

    /// <summary>When the scan ran, from the injected clock.</summary>
    public required DateTimeOffset Timestamp { get; init; }
}

/// <summary>The tool's name and version.</summary>
public sealed record ToolInfo(string Name, string Version)
{
    public static ToolInfo Current { get; } = new("modelgate", ToolVersion.Value);
}
