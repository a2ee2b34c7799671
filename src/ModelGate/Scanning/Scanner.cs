using System.Collections.Immutable;
using ModelGate.Analyzers;
using ModelGate.Discovery;
using ModelGate.Extractors;
using ModelGate.Findings;
using ModelGate.Formats;
using ModelGate.Inventory;
using ModelGate.Policy;
using ModelGate.Reporting;
using ModelGate.Threats;

namespace ModelGate.Scanning;

/// <summary>
/// The pipeline: target → discovery → extractors → inventory → analyzers → findings → policy → report.
/// Immutable and thread-safe; build one with <see cref="ScannerBuilder"/> and reuse it.
/// </summary>
public sealed class Scanner
{
    private readonly ImmutableArray<IExtractor> _extractors;
    private readonly ImmutableArray<IAnalyzer> _analyzers;
    private readonly TimeProvider _time;
    private readonly ImmutableArray<ITargetResolver> _resolvers;

    internal Scanner(ImmutableArray<IExtractor> extractors, ImmutableArray<IAnalyzer> analyzers, GatePolicy policy, TimeProvider time, ImmutableArray<ITargetResolver> resolvers)
    {
        _extractors = extractors;
        _analyzers = analyzers;
        Policy = policy;
        _time = time;
        _resolvers = resolvers;
    }

    public GatePolicy Policy { get; }

    public IReadOnlyList<IExtractor> Extractors => _extractors;

    public IReadOnlyList<IAnalyzer> Analyzers => _analyzers;

    /// <summary>Runs discovery and the extractors only.</summary>
    public async Task<ScanInventory> InventoryAsync(string target, ScanOptions options, CancellationToken cancellationToken = default)
    {
        var resolved = await ResolveAsync(target, options, cancellationToken).ConfigureAwait(false);
        return (await InventoryWithRootAsync(resolved.LocalPath, options, cancellationToken).ConfigureAwait(false)).Inventory;
    }

    /// <summary>A local path stays as it is; a remote target (hf://) is fetched by the resolver that owns it.</summary>
    private async Task<ResolvedTarget> ResolveAsync(string target, ScanOptions options, CancellationToken cancellationToken)
    {
        foreach (var resolver in _resolvers)
        {
            if (resolver.CanResolve(target))
                return await resolver.ResolveAsync(target, options, cancellationToken).ConfigureAwait(false);
        }
        if (Provenance.Hub.HubReference.IsHubTarget(target))
            throw new ScanTargetException($"target '{target}' is a Hugging Face Hub reference, and this command cannot fetch models");
        return new ResolvedTarget(target, [], []);
    }

    private async Task<(ScanInventory Inventory, string Root)> InventoryWithRootAsync(string target, ScanOptions options, CancellationToken cancellationToken)
    {
        var (root, files, diagnostics, explicitFile) = Discover(target, options);
        var perFile = new FileExtraction[files.Count];
        await Parallel.ForAsync(0, files.Count, new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = Environment.ProcessorCount,
        }, async (i, ct) => perFile[i] = await ExtractAsync(files[i], root, options, ct).ConfigureAwait(false)).ConfigureAwait(false);

        var allDiagnostics = new List<Diagnostic>(diagnostics);
        if (explicitFile && perFile.Length == 1 && !perFile[0].Claimed)
        {
            allDiagnostics.Add(new Diagnostic(Rules.UnsupportedInput.Id,
                $"no reader recognises {files[0].FileName}", new SourceLocation(files[0].RelativePath)));
        }
        return (InventoryResolver.Resolve(perFile, allDiagnostics, options), root);
    }

    /// <summary>Runs the whole pipeline and returns the report, decided by <see cref="Policy"/>.</summary>
    /// <exception cref="PolicyException">A policy rule failed at run time.</exception>
    public async Task<ScanReport> ScanAsync(string target, ScanOptions options, CancellationToken cancellationToken = default)
    {
        var resolved = await ResolveAsync(target, options, cancellationToken).ConfigureAwait(false);
        var (inventory, root) = await InventoryWithRootAsync(resolved.LocalPath, options, cancellationToken).ConfigureAwait(false);
        var context = new AnalysisContext(inventory, options, root);
        foreach (var finding in resolved.Findings)
            context.Report(finding);
        // Analyzers that read provenance (the assessment) see the resolver's too.
        foreach (var provenance in resolved.Provenance)
            context.Report(provenance);
        foreach (var analyzer in _analyzers)
            await analyzer.AnalyzeAsync(context, cancellationToken).ConfigureAwait(false);
        // One place gives every finding its rule's threat references, whichever analyzer made it.
        var findings = context.Findings
            .Select(f => f.Threats.Count == 0 ? f with { Threats = ThreatCatalog.For(f.Rule) } : f)
            .Order(FindingOrder.Instance)
            .ToList();
        var vulnerabilities = context.Vulnerabilities
            .OrderBy(v => v.Package, PackageOrder.Instance)
            .ThenBy(v => v.Ids[0], StringComparer.Ordinal)
            .ToList();
        var report = new ScanReport
        {
            Vulnerabilities = vulnerabilities,
            AdvisorySource = context.AdvisorySource,
            Tool = ToolInfo.Current,
            Target = target,
            Environment = options.TargetEnvironmentDescription,
            Inventory = inventory,
            Findings = findings,
            Artifacts = context.Artifacts,
            ArtifactsScanned = context.ArtifactsScanned,
            Provenance = context.Provenance,
            Assessment = context.Assessment,
            Decision = new PolicyDecision(Verdict.Pass, []),
            Timestamp = _time.GetUtcNow(),
        };
        return Policy.Apply(report);
    }

    private static (string Root, IReadOnlyList<DiscoveredFile> Files, IReadOnlyList<Diagnostic> Diagnostics, bool ExplicitFile) Discover(string target, ScanOptions options)
    {
        var full = Path.GetFullPath(target);
        if (Directory.Exists(full))
        {
            var result = FileDiscovery.Discover(full, options.IncludeVirtualEnvironments);
            return (full, result.Files, result.Diagnostics, false);
        }
        if (File.Exists(full))
        {
            var root = Path.GetDirectoryName(full) ?? full;
            // FIFOs and devices report length 0 too, and opening a FIFO blocks: an empty target is not read.
            if (new FileInfo(full).Length == 0)
                return (root, [], [new Diagnostic(Rules.UnsupportedInput.Id, $"{Path.GetFileName(full)} is empty (or not a regular file): nothing to read", new SourceLocation(Path.GetFileName(full)))], true);
            var file = new DiscoveredFile(full, Path.GetFileName(full), new FileInfo(full).Length) { IsExplicitTarget = true };
            return (root, [file], [], true);
        }
        throw new ScanTargetException($"target '{target}' is neither a file nor a folder");
    }

    private async Task<FileExtraction> ExtractAsync(DiscoveredFile file, string root, ScanOptions options, CancellationToken cancellationToken)
    {
        var contexts = new List<ExtractionContext>();
        var claimed = false;
        foreach (var extractor in _extractors)
        {
            if (!extractor.CanExtract(file))
                continue;
            claimed = true;
            var context = new ExtractionContext(file, root, options) { ExtractorName = extractor.Name };
            contexts.Add(context);
            try
            {
                await extractor.ExtractAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (MalformedDataException ex)
            {
                context.ReportParseError(ex.Line, ex.Message);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                context.Report(Rules.UnreadableInput, context.At(), $"{file.RelativePath} could not be read: {ex.Message}");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bug in one reader must not take the scan down, nor let the file pass as clean.
                context.Report(Rules.ReaderFailure, context.At(), $"{extractor.Name} failed on {file.RelativePath}: {ex.GetType().Name}: {ex.Message}");
            }
        }
        return new FileExtraction(file, claimed, contexts);
    }
}

/// <summary>What the extractors that claimed one file produced.</summary>
internal sealed record FileExtraction(DiscoveredFile File, bool Claimed, IReadOnlyList<ExtractionContext> Contexts);
