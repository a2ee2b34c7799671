namespace ModelGate.Formats.Onnx;

/// <summary>A TensorProto's header; its data is skipped, only measured.</summary>
/// <param name="Name">TensorProto.name (field 8).</param>
/// <param name="Dims">TensorProto.dims (field 1), as written (may be negative in a hostile file).</param>
/// <param name="DataType">TensorProto.data_type (field 2): TensorProto.DataType (1 FLOAT, 7 INT64, ...).</param>
/// <param name="DataByteLength">Bytes of data stored inline: raw_data (field 9) length, or the typed *_data fields' payload.</param>
/// <param name="IsExternal">data_location (field 14) is EXTERNAL (1) or external_data entries are present.</param>
/// <param name="ExternalData">external_data (field 13) key/value entries: location, offset, length, checksum.</param>
/// <param name="GraphPath">The graph (or function) holding the tensor, as in <see cref="OnnxNode.GraphPath"/>.</param>
public sealed record OnnxTensor(
    string Name,
    IReadOnlyList<long> Dims,
    int DataType,
    long DataByteLength,
    bool IsExternal,
    IReadOnlyList<KeyValuePair<string, string>> ExternalData,
    string GraphPath,
    OnnxTensorOrigin Origin)
{
    /// <summary>The external_data <c>location</c> value, when there is one.</summary>
    public string? ExternalLocation => ExternalData.FirstOrDefault(e => e.Key == "location").Value;
}
