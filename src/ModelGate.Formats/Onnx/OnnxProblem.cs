namespace ModelGate.Formats.Onnx;

/// <summary>One suspicious or inconsistent item in an ONNX model.</summary>
/// <param name="Subject">The tensor name, or the node's domain and op_type.</param>
/// <param name="GraphPath">Where the subject sits, as in <see cref="OnnxNode.GraphPath"/>.</param>
/// <param name="Detail">A specific, human-readable description.</param>
public sealed record OnnxProblem(OnnxProblemKind Kind, string Subject, string GraphPath, string Detail);
