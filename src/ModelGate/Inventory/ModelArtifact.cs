namespace ModelGate.Inventory;

/// <summary>A model file: where it is, what format its bytes say it is, how big, and its digests.</summary>
public sealed record ModelArtifact(SourceLocation Source, string Format, long Size, IReadOnlyDictionary<string, string> Digests);
