namespace ModelGate.Formats.Onnx;

/// <summary>
/// Reads an ONNX ModelProto (onnx/onnx.proto) from a seekable stream without loading its weights: nodes,
/// initializer headers, functions and metadata are read; raw_data and typed data are measured and skipped.
/// </summary>
public static class OnnxReader
{
    /// <summary>Format name used in <see cref="MalformedDataException.Format"/>.</summary>
    public const string FormatName = "onnx";

    /// <summary>Reads the model. Throws <see cref="MalformedDataException"/> for bad data, nothing else.</summary>
    public static OnnxModel Read(Stream stream, OnnxLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        return new OnnxModelParser(stream, limits).Parse();
    }

    /// <summary>Reads the model with <see cref="OnnxLimits.Default"/>.</summary>
    public static OnnxModel Read(Stream stream) => Read(stream, OnnxLimits.Default);
}
