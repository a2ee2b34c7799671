namespace ModelGate.Formats.Onnx;

/// <summary>Bounds <see cref="OnnxReader"/> checks before it allocates or recurses.</summary>
public sealed class OnnxLimits
{
    /// <summary>The limits used when the caller has no reason to change them.</summary>
    public static OnnxLimits Default { get; } = new();

    /// <summary>Deepest nesting of subgraphs (If inside Loop inside Scan ...). Real models nest a handful of levels.</summary>
    public int MaxGraphDepth { get; init; } = 64;

    /// <summary>Most nodes over all graphs and functions. The largest real graphs (LLMs exported op by op) have a few hundred thousand.</summary>
    public int MaxNodes { get; init; } = 5_000_000;

    /// <summary>Most tensors (initializers and tensor attributes) recorded.</summary>
    public int MaxTensors { get; init; } = 5_000_000;

    /// <summary>Longest name, op_type, domain or external-data value read (bytes). Real ones are short.</summary>
    public int MaxNameBytes { get; init; } = 64 * 1024;

    /// <summary>Longest metadata_props value read (bytes); some exporters put a model card there.</summary>
    public int MaxMetadataValueBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most dims of one tensor; ONNX runtimes support far fewer.</summary>
    public int MaxTensorRank { get; init; } = 256;

    /// <summary>Most external_data entries or metadata_props of one tensor or model.</summary>
    public int MaxEntries { get; init; } = 100_000;

    /// <summary>Largest size a single tensor may claim (bytes) before it is reported as unusually large: 256 GiB.</summary>
    public long MaxTensorBytes { get; init; } = 256L * 1024 * 1024 * 1024;
}
