using ModelGate.Artifacts.Pickle;

namespace ModelGate.Artifacts;

/// <summary>How artifacts are scanned: limits, the callable lists, and where <c>--explain</c> listings go.</summary>
internal sealed record ArtifactScanSettings
{
    public static ArtifactScanSettings Default { get; } = new();

    public ArtifactLimits Limits { get; init; } = ArtifactLimits.Default;

    /// <summary>Which pickle callables are dangerous, safe or unknown.</summary>
    public PickleCallableCatalog Catalog { get; init; } = PickleCallableCatalog.Default;

    /// <summary>When set, every pickle's annotated disassembly is written here (<c>modelgate model --explain</c>).</summary>
    public TextWriter? Explain { get; init; }
}
