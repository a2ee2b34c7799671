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

    internal AnalysisContext(ScanInventory inventory, ScanOptions options)
    {
        Inventory = inventory;
        Options = options;
    }

    public ScanInventory Inventory { get; }

    public ScanOptions Options { get; }

    public void Report(Finding finding) => _findings.Enqueue(finding);

    /// <summary>A known vulnerability; its finding is reported separately with <see cref="Report"/>.</summary>
    public void Report(Advisories.Vulnerability vulnerability) => _vulnerabilities.Enqueue(vulnerability);

    /// <summary>Where advisories came from, for the report.</summary>
    public string? AdvisorySource { get; set; }

    internal IReadOnlyCollection<Finding> Findings => _findings;

    internal IReadOnlyCollection<Advisories.Vulnerability> Vulnerabilities => _vulnerabilities;
}
