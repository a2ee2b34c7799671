namespace ModelGate.Formats.Onnx;

/// <summary>OperatorSetIdProto: domain (field 1, "" means ai.onnx) and version (field 2).</summary>
public sealed record OnnxOpsetImport(string Domain, long Version);
