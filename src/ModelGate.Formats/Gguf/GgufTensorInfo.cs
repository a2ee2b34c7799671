namespace ModelGate.Formats.Gguf;

/// <summary>
/// One tensor info record (ggml docs/gguf.md <c>gguf_tensor_info_t</c>): name, dimensions, ggml type and the
/// offset of its data relative to the start of the data section.
/// </summary>
/// <param name="Name">Tensor name.</param>
/// <param name="Dimensions">Element counts per dimension, innermost first (ggml's <c>ne</c>).</param>
/// <param name="Type">The raw <c>ggml_type</c> number.</param>
/// <param name="TypeName">The type's name (<c>Q4_K</c>), or <c>type-N</c> when unknown.</param>
/// <param name="Offset">Offset of the data from the start of the data section.</param>
/// <param name="ByteLength">Bytes the data takes, when the type is known and the size is consistent; else null.</param>
public sealed record GgufTensorInfo(string Name, IReadOnlyList<ulong> Dimensions, uint Type, string TypeName, ulong Offset, ulong? ByteLength);
