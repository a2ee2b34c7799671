namespace ModelGate.Formats.Gguf;

/// <summary>
/// Bounds for reading a GGUF file. Every count and length is checked against the bytes left in the file
/// first; these add absolute ceilings so a file that is merely huge cannot make the reader slow or hungry.
/// </summary>
public sealed class GgufLimits
{
    /// <summary>The defaults, sized for the largest published models.</summary>
    public static GgufLimits Default { get; } = new();

    /// <summary>Most metadata key-value pairs. Real files have tens to a few hundred.</summary>
    public ulong MaxMetadataCount { get; init; } = 65_536;

    /// <summary>Most tensors. Large mixture-of-experts models have a few thousand.</summary>
    public ulong MaxTensorCount { get; init; } = 1_000_000;

    /// <summary>Longest key or tensor name (bytes). ggml caps tensor names at 63 bytes; keys are short dotted names.</summary>
    public ulong MaxKeyBytes { get; init; } = 64 * 1024;

    /// <summary>Longest string value accepted at all (bytes); longer strings are malformed, not skipped.</summary>
    public ulong MaxStringBytes { get; init; } = 256UL * 1024 * 1024;

    /// <summary>Longest string value kept in <see cref="GgufMetadataEntry.Value"/> (bytes); longer ones are skipped.</summary>
    public int MaxKeptStringBytes { get; init; } = 64 * 1024;

    /// <summary>Longest chat template kept (bytes). Real templates are a few KiB; the largest (tool-use ones) stay under 64 KiB.</summary>
    public int MaxChatTemplateBytes { get; init; } = 1024 * 1024;

    /// <summary>Most elements in one array. Tokenizer vocabularies run to about 260k entries.</summary>
    public ulong MaxArrayCount { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most array elements in the whole file, nested ones included, so nested arrays cannot multiply work.</summary>
    public ulong MaxTotalArrayElements { get; init; } = 64 * 1024 * 1024;

    /// <summary>Deepest nesting of arrays in arrays. The spec allows nesting; real files use none.</summary>
    public int MaxArrayDepth { get; init; } = 8;
}
