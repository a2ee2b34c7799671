namespace ModelGate.Formats.Gguf;

/// <summary>
/// One metadata key-value pair. <see cref="Value"/> holds scalars (boxed <c>byte</c>, <c>sbyte</c>, <c>ushort</c>,
/// <c>short</c>, <c>uint</c>, <c>int</c>, <c>float</c>, <c>bool</c>, <c>ulong</c>, <c>long</c>, <c>double</c>) and
/// strings up to <see cref="GgufLimits.MaxKeptStringBytes"/>; longer strings and all arrays are skipped and
/// only described by <see cref="ElementType"/> and <see cref="Count"/>.
/// </summary>
/// <param name="Key">The key, decoded as UTF-8 (invalid sequences replaced and reported).</param>
/// <param name="Type">The value's type.</param>
/// <param name="ElementType">For arrays, the element type; otherwise null.</param>
/// <param name="Count">For arrays, the element count; for strings, the byte length; otherwise 1.</param>
/// <param name="Value">The value when kept, else null.</param>
/// <param name="Offset">Byte offset of the key-value pair in the file.</param>
public sealed record GgufMetadataEntry(string Key, GgufValueType Type, GgufValueType? ElementType, ulong Count, object? Value, long Offset)
{
    /// <summary>The value as a string when it is a kept string, else null.</summary>
    public string? StringValue => Value as string;
}
