namespace ModelGate.Formats.Safetensors;

/// <summary>The header of a safetensors file, checked against the spec; the data section is never read.</summary>
public sealed class SafetensorsFile
{
    internal SafetensorsFile(ulong headerLength, ulong dataLength, IReadOnlyList<SafetensorsTensor> tensors,
        IReadOnlyList<KeyValuePair<string, string>> metadata, IReadOnlyList<SafetensorsProblem> problems)
    {
        HeaderLength = headerLength;
        DataLength = dataLength;
        Tensors = tensors;
        Metadata = metadata;
        Problems = problems;
    }

    /// <summary>N, the JSON header's length in bytes (padding included); the data section starts at <c>8 + N</c>.</summary>
    public ulong HeaderLength { get; }

    /// <summary>Byte offset of the data section in the file.</summary>
    public ulong DataOffset => 8 + HeaderLength;

    /// <summary>Length of the data section: the file's length minus <see cref="DataOffset"/>.</summary>
    public ulong DataLength { get; }

    /// <summary>Tensor entries in header order; entries too broken to describe are left out (and reported).</summary>
    public IReadOnlyList<SafetensorsTensor> Tensors { get; }

    /// <summary>The <c>__metadata__</c> string pairs, in header order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; }

    /// <summary>Everything the spec or the reference reader would not accept. Empty for a valid file.</summary>
    public IReadOnlyList<SafetensorsProblem> Problems { get; }
}
