using System.Collections.Concurrent;
using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Scanning;

namespace ModelGate.Analyzers;

/// <summary>What an analyzer sees: the finished inventory and the options; where it reports. Thread-safe.</summary>
public sealed class AnalysisContext
{
    private readonly ConcurrentQueue<Finding> _findings = new();
    private readonly ConcurrentQueue<Advisories.Vulnerability> _vulnerabilities = new();
    private readonly ConcurrentQueue<IReadOnlyList<Artifacts.ArtifactResult>> _artifacts = new();
    private readonly ConcurrentQueue<Provenance.ModelProvenance> _provenance = new();

    internal AnalysisContext(ScanInventory inventory, ScanOptions options, string root)
    {
        Inventory = inventory;
        Options = options;
        Root = root;
    }

    /// <summary>The folder inventory paths are relative to.</summary>
    internal string Root { get; }

    public ScanInventory Inventory { get; }

    public ScanOptions Options { get; }

    public void Report(Finding finding) => _findings.Enqueue(finding);

    /// <summary>A known vulnerability; its finding is reported separately with <see cref="Report"/>.</summary>
    public void Report(Advisories.Vulnerability vulnerability) => _vulnerabilities.Enqueue(vulnerability);

    /// <summary>The results of scanning one model file: the file first, then its members in walk order.</summary>
    internal void Report(IReadOnlyList<Artifacts.ArtifactResult> artifactResults) => _artifacts.Enqueue(artifactResults);

    /// <summary>A model snapshot's provenance (checked against a lock).</summary>
    internal void Report(Provenance.ModelProvenance provenance) => _provenance.Enqueue(provenance);

    /// <summary>Every provenance record, in repository order.</summary>
    internal IReadOnlyList<Provenance.ModelProvenance> Provenance =>
        [.. _provenance.OrderBy(p => p.Repo, StringComparer.Ordinal).ThenBy(p => p.Source, StringComparer.Ordinal)];

    /// <summary>True once an analyzer scanned model artifacts (the report then has verdicts).</summary>
    internal bool ArtifactsScanned { get; set; }

    /// <summary>The model assessment, when the assessment analyzer ran (modelgate assess).</summary>
    internal Assessment.ModelAssessment? Assessment { get; set; }

    /// <summary>Where advisories came from, for the report.</summary>
    public string? AdvisorySource { get; set; }

    internal IReadOnlyCollection<Finding> Findings => _findings;

    internal IReadOnlyCollection<Advisories.Vulnerability> Vulnerabilities => _vulnerabilities;

    /// <summary>Every artifact result, files in path order, each followed by its members.</summary>
    internal IReadOnlyList<Artifacts.ArtifactResult> Artifacts =>
        [.. _artifacts.Where(r => r.Count > 0).OrderBy(r => r[0].Path, StringComparer.Ordinal).SelectMany(r => r)];
}
