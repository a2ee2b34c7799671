using ModelGate.Formats.Pep508;

namespace ModelGate.Scanning;

/// <summary>Choices the user makes for one scan.</summary>
public sealed record ScanOptions
{
    /// <summary>Read virtual environments found inside a project folder (skipped by default).</summary>
    public bool IncludeVirtualEnvironments { get; init; }

    /// <summary>
    /// When set, markers are evaluated for this environment and excluded entries are listed as skipped.
    /// When null every entry is inventoried whatever its markers: a project deploys to several platforms.
    /// </summary>
    public MarkerEnvironment? TargetEnvironment { get; init; }

    /// <summary>Treat every pinned requirement without <c>--hash</c> as a gap, as pip's <c>--require-hashes</c> does.</summary>
    public bool RequireHashes { get; init; }

    /// <summary>Compute the SHA-256 of every model file (reads each file whole; off by default so large checkpoints are scanned by their structure only).</summary>
    public bool HashArtifacts { get; init; }

    /// <summary>A description of <see cref="TargetEnvironment"/> for reports, e.g. "python 3.11 on linux".</summary>
    public string? TargetEnvironmentDescription { get; init; }
}
