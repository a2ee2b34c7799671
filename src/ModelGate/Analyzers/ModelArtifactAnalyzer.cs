using ModelGate.Artifacts;
using ModelGate.Findings;

namespace ModelGate.Analyzers;

/// <summary>
/// Scans every model file in the inventory for code execution hidden in it (pickle callables, Lambda
/// layers, graph operations, template injection, archive tricks), by static analysis only.
/// </summary>
internal sealed class ModelArtifactAnalyzer : IAnalyzer
{
    private readonly ArtifactScanSettings _settings;

    public ModelArtifactAnalyzer(ArtifactScanSettings? settings = null) => _settings = settings ?? ArtifactScanSettings.Default;

    public string Name => "model/artifact-scan";

    /// <summary>The settings this analyzer scans with.</summary>
    internal ArtifactScanSettings Settings => _settings;

    public IReadOnlyList<Rule> Rules { get; } =
    [
        Findings.Rules.DangerousCallable, Findings.Rules.UnknownCallable, Findings.Rules.UnanalysablePickle,
        Findings.Rules.ArtifactNotAnalysed, Findings.Rules.ArchiveIrregularity, Findings.Rules.ArchivePathTraversal,
        Findings.Rules.EmbeddedCode, Findings.Rules.DangerousGraphOperation, Findings.Rules.TemplateInjection,
        Findings.Rules.MalformedTensorLayout,
    ];

    public async ValueTask AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken)
    {
        context.ArtifactsScanned = true;
        var artifacts = context.Inventory.ModelArtifacts;
        // --explain writes listings in file order, so it scans one file at a time.
        var parallelism = _settings.Explain is null ? Environment.ProcessorCount : 1;
        await Parallel.ForEachAsync(artifacts, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = parallelism }, (artifact, ct) =>
        {
            var fullPath = Path.Combine(context.Root, artifact.Source.Path);
            var (results, findings) = ArtifactScanner.ScanFile(fullPath, artifact.Source.Path, artifact.Digests.GetValueOrDefault("sha256"), _settings);
            context.Report(results);
            foreach (var finding in findings)
                context.Report(finding);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
    }
}
