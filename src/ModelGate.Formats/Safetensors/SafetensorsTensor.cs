namespace ModelGate.Formats.Safetensors;

/// <summary>
/// One tensor entry of a safetensors header: <c>"name": {"dtype": ..., "shape": [...], "data_offsets": [begin, end]}</c>.
/// Offsets are relative to the start of the data section (the byte after the header).
/// </summary>
public sealed record SafetensorsTensor(string Name, string Dtype, IReadOnlyList<ulong> Shape, ulong Begin, ulong End)
{
    /// <summary>Bytes the entry claims (<c>End - Begin</c>).</summary>
    public ulong Length => End - Begin;
}
