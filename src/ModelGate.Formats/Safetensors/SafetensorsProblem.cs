namespace ModelGate.Formats.Safetensors;

/// <summary>A problem in an otherwise readable safetensors header; <paramref name="TensorName"/> is null for file-level problems.</summary>
public sealed record SafetensorsProblem(SafetensorsProblemKind Kind, string? TensorName, string Message);
