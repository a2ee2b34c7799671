namespace ModelGate.Formats.Pickle;

/// <summary>Something the analysis could not resolve or that real writers never produce.</summary>
public sealed record PickleAnomaly(long Offset, PickleAnomalyKind Kind, string Message);
