using System.Collections.Concurrent;
using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Scanning;

namespace ModelGate.Analyzers;

/// <summary>What an analyzer sees: the finished inventory and the options; where it reports. Thread-safe.</summary>
public sealed class AnalysisContext
{
    private readonly ConcurrentQueue<Finding> _findings = new();

    internal AnalysisContext(ScanInventory inventory, ScanOptions options)
    {
        Inventory = inventory;
        Options = options;
    }

    public ScanInventory Inventory { get; }

    public ScanOptions Options { get; }

    public void Report(Finding finding) => _findings.Enqueue(finding);

    internal IReadOnlyCollection<Finding> Findings => _findings;
}
