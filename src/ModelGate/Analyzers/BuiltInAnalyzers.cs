namespace ModelGate.Analyzers;

/// <summary>The one table of analyzers, hand-written so Native AOT needs no reflection to find them.</summary>
public static class BuiltInAnalyzers
{
    public static IReadOnlyList<IAnalyzer> All { get; } =
    [
        new InputDiagnosticsAnalyzer(),
        new RequirementHygieneAnalyzer(),
        new ModelArtifactAnalyzer(),
        new ModelSignatureAnalyzer(Signatures.ModelSigning.ModelSigningTrust.None),
    ];
}
