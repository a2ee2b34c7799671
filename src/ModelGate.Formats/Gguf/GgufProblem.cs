namespace ModelGate.Formats.Gguf;

/// <summary>A problem in a readable GGUF file; <paramref name="Subject"/> names the metadata key or tensor, when there is one.</summary>
public sealed record GgufProblem(GgufProblemKind Kind, string? Subject, string Message, long? Offset = null);
