namespace ModelGate.Formats.Onnx;

/// <summary>Where a TensorProto was found.</summary>
public enum OnnxTensorOrigin
{
    /// <summary>GraphProto.initializer (field 5).</summary>
    Initializer,

    /// <summary>GraphProto.sparse_initializer (field 15): the values (field 1) or indices (field 2) tensor.</summary>
    SparseInitializer,

    /// <summary>A node attribute: AttributeProto.t (5), tensors (10), sparse_tensor (22) or sparse_tensors (23).</summary>
    Attribute,
}
