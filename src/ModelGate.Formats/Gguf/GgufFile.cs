namespace ModelGate.Formats.Gguf;

/// <summary>A GGUF file's header, metadata and tensor infos, checked against the spec; tensor data is never read.</summary>
public sealed class GgufFile
{
    internal GgufFile(uint version, IReadOnlyList<GgufMetadataEntry> metadata, IReadOnlyList<GgufTensorInfo> tensors,
        uint alignment, ulong dataOffset, IReadOnlyList<KeyValuePair<string, string>> chatTemplates, IReadOnlyList<GgufProblem> problems)
    {
        Version = version;
        Metadata = metadata;
        Tensors = tensors;
        Alignment = alignment;
        DataOffset = dataOffset;
        ChatTemplates = chatTemplates;
        Problems = problems;
    }

    /// <summary>Format version: 1, 2 or 3.</summary>
    public uint Version { get; }

    /// <summary>Metadata pairs in file order.</summary>
    public IReadOnlyList<GgufMetadataEntry> Metadata { get; }

    /// <summary>Tensor infos in file order.</summary>
    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary>The alignment in effect: <c>general.alignment</c> when valid, else 32.</summary>
    public uint Alignment { get; }

    /// <summary>Byte offset of the data section: the end of the tensor infos, rounded up to <see cref="Alignment"/>.</summary>
    public ulong DataOffset { get; }

    /// <summary>
    /// <c>tokenizer.chat_template</c> and every <c>tokenizer.chat_template.*</c> (named templates), each in full,
    /// keyed by the metadata key, in file order.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> ChatTemplates { get; }

    /// <summary>Everything the spec or ggml's reader would not accept. Empty for a valid file.</summary>
    public IReadOnlyList<GgufProblem> Problems { get; }

    /// <summary>The first metadata entry with this key, or null.</summary>
    public GgufMetadataEntry? Find(string key) => Metadata.FirstOrDefault(m => m.Key == key);
}
