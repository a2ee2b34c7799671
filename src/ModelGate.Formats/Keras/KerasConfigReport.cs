namespace ModelGate.Formats.Keras;

/// <summary>What <see cref="KerasConfigInspector"/> found in a Keras model config.</summary>
/// <param name="Lambdas">Every Lambda layer function and every <c>__lambda__</c> object, with what its code names.</param>
/// <param name="References">Objects from outside Keras, custom registered objects and functions referenced by module and name.</param>
/// <param name="TfOpCalls">TFOpLambda / SlicingOpLambda layers: TensorFlow functions called by name.</param>
/// <param name="LayerCount">Objects found in <c>layers</c> arrays, nested models included.</param>
public sealed record KerasConfigReport(
    IReadOnlyList<KerasLambda> Lambdas,
    IReadOnlyList<KerasObjectReference> References,
    IReadOnlyList<KerasTfOpCall> TfOpCalls,
    int LayerCount)
{
    /// <summary>True when some Lambda carries marshalled Python bytecode.</summary>
    public bool HasMarshalledCode => Lambdas.Any(l => l.HasMarshalledCode);

    /// <summary>
    /// True when loading needs Keras' <c>safe_mode=False</c> (Keras 3 refuses <c>__lambda__</c> bytecode in safe mode);
    /// legacy H5 loaders have no safe mode and run such code unconditionally.
    /// </summary>
    public bool RequiresUnsafeDeserialization => HasMarshalledCode;
}
