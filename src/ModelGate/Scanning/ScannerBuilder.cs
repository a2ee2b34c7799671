using ModelGate.Analyzers;
using ModelGate.Extractors;
using ModelGate.Policy;

namespace ModelGate.Scanning;

/// <summary>
/// Collects extractors, analyzers and a policy, then <see cref="Build"/> freezes them into an immutable,
/// thread-safe <see cref="Scanner"/> meant to be reused for many scans.
/// </summary>
public sealed class ScannerBuilder
{
    private readonly List<IExtractor> _extractors = [];
    private readonly List<IAnalyzer> _analyzers = [];
    private GatePolicy _policy = GatePolicy.Default;
    private TimeProvider _time = TimeProvider.System;
    private readonly List<ITargetResolver> _resolvers = [];

    /// <summary>A builder with every built-in extractor and analyzer.</summary>
    public static ScannerBuilder CreateDefault()
    {
        var builder = new ScannerBuilder();
        foreach (var extractor in BuiltInExtractors.All)
            builder.AddExtractor(extractor);
        foreach (var analyzer in BuiltInAnalyzers.All)
            builder.AddAnalyzer(analyzer);
        return builder;
    }

    /// <summary>
    /// A builder with every extractor and only the analyzer that reports unreadable inputs: what
    /// <c>modelgate inventory</c> runs.
    /// </summary>
    public static ScannerBuilder CreateForInventory()
    {
        var builder = new ScannerBuilder();
        foreach (var extractor in BuiltInExtractors.All)
            builder.AddExtractor(extractor);
        return builder.AddAnalyzer(new InputDiagnosticsAnalyzer());
    }

    /// <summary>
    /// A builder for <c>modelgate model</c>: the model-file extractor, the artifact scanner and the analyzer
    /// that reports unreadable inputs.
    /// </summary>
    /// <param name="explain">Where to write annotated pickle disassembly, or null.</param>
    internal static ScannerBuilder CreateForModels(TextWriter? explain = null)
    {
        var builder = new ScannerBuilder();
        foreach (var extractor in BuiltInExtractors.All.Where(e => e.Name == Extractors.Models.ModelArtifactExtractor.ExtractorName))
            builder.AddExtractor(extractor);
        return builder
            .AddAnalyzer(new InputDiagnosticsAnalyzer())
            .AddAnalyzer(new ModelArtifactAnalyzer(Artifacts.ArtifactScanSettings.Default with { Explain = explain }));
    }

    public ScannerBuilder AddExtractor(IExtractor extractor)
    {
        _extractors.Add(extractor);
        return this;
    }

    public ScannerBuilder AddAnalyzer(IAnalyzer analyzer)
    {
        _analyzers.Add(analyzer);
        return this;
    }

    /// <summary>Adds the vulnerability audit with the given advisory source.</summary>
    internal ScannerBuilder UseAdvisories(Advisories.Sources.IAdvisoryProvider provider, VulnerabilityOptions options) =>
        AddAnalyzer(new VulnerabilityAnalyzer(provider, options));

    public ScannerBuilder UsePolicy(GatePolicy policy)
    {
        _policy = policy;
        return this;
    }

    /// <summary>The clock reports are stamped with; tests inject a fixed one.</summary>
    public ScannerBuilder UseTimeProvider(TimeProvider time)
    {
        _time = time;
        return this;
    }

    /// <summary>
    /// Extends the pickle callable lists of the model-file scan (from the policy's <c>lists.pickle</c>): patterns
    /// as in the built-in lists (<c>module.name</c>, <c>module.*</c>). Dangerous still wins over safe.
    /// </summary>
    internal ScannerBuilder UseExtraPickleCallables(IReadOnlyList<string> safe, IReadOnlyList<string> dangerous)
    {
        if (safe.Count == 0 && dangerous.Count == 0)
            return this;
        for (var i = 0; i < _analyzers.Count; i++)
        {
            if (_analyzers[i] is ModelArtifactAnalyzer artifacts)
                _analyzers[i] = new ModelArtifactAnalyzer(artifacts.Settings with { Catalog = artifacts.Settings.Catalog.WithExtra(safe, dangerous) });
        }
        return this;
    }

    /// <summary>Who may sign models: the model-signing analyzer checks signatures against it (none by default).</summary>
    internal ScannerBuilder UseModelSigningTrust(Signatures.ModelSigning.ModelSigningTrust trust)
    {
        for (var i = 0; i < _analyzers.Count; i++)
        {
            if (_analyzers[i] is ModelSignatureAnalyzer)
                _analyzers[i] = new ModelSignatureAnalyzer(trust);
        }
        return this;
    }

    /// <summary>Lets targets that are not local paths (hf://) be fetched before discovery.</summary>
    internal ScannerBuilder UseTargetResolver(ITargetResolver resolver)
    {
        _resolvers.Add(resolver);
        return this;
    }

    /// <summary>
    /// Freezes the builder. The policy's lists reach the analyzers and resolvers here: its pickle callables extend
    /// the model-file scan's catalogue, its trusted organizations join those Hub targets are judged by.
    /// </summary>
    public Scanner Build()
    {
        var lists = _policy.Document.Lists;
        var analyzers = _analyzers.Select(a => a is ModelArtifactAnalyzer artifacts && (lists.SafeCallables.Length > 0 || lists.DangerousCallables.Length > 0)
            ? new ModelArtifactAnalyzer(artifacts.Settings with { Catalog = artifacts.Settings.Catalog.WithExtra(lists.SafeCallables, lists.DangerousCallables) })
            : a);
        var resolvers = _resolvers.Select(r => r is Provenance.HubTargetResolver hub && lists.TrustedOrganizations.Length > 0
            ? hub.WithTrustedOrganizations(lists.TrustedOrganizations)
            : r);
        return new([.. _extractors], [.. analyzers], _policy, _time, [.. resolvers]);
    }
}
