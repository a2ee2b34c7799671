namespace ModelGate.Threats;

/// <summary>The kinds of asset a threat model lists, in the order it lists them.</summary>
internal enum AssetKind
{
    Model,
    WeightFile,
    Dataset,
    Packages,
    Pipeline,
}
