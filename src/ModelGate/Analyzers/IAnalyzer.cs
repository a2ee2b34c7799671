using ModelGate.Findings;

namespace ModelGate.Analyzers;

/// <summary>Looks at the inventory and reports findings about the project. Analyzers never format output.</summary>
public interface IAnalyzer
{
    /// <summary>A stable path-like name, e.g. <c>python/hygiene</c>.</summary>
    string Name { get; }

    /// <summary>Every rule this analyzer may report.</summary>
    IReadOnlyList<Rule> Rules { get; }

    ValueTask AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken);
}
