namespace ModelGate.Formats.Onnx;

/// <summary>A FunctionProto: domain (field 10), name (field 1) and its nodes (field 7).</summary>
public sealed record OnnxFunction(string Domain, string Name, IReadOnlyList<OnnxNode> Nodes);
