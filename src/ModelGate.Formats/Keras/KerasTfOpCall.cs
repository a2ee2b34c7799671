namespace ModelGate.Formats.Keras;

/// <summary>A TFOpLambda or SlicingOpLambda layer: a TensorFlow API function called by name (config <c>function</c>, e.g. <c>math.add</c>).</summary>
public sealed record KerasTfOpCall(string Path, string? LayerName, string ClassName, string Function);
