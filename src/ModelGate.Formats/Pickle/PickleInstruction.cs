namespace ModelGate.Formats.Pickle;

/// <summary>One line of an annotated listing.</summary>
/// <param name="Offset">Byte offset of the opcode.</param>
/// <param name="Opcode">The opcode.</param>
/// <param name="Argument">Repr of the inline argument (bounded), or null.</param>
/// <param name="Annotation">What the instruction does to the analysis ("imports os.system", "memo[3] &lt;- 'os'"), or null.</param>
public sealed record PickleInstruction(long Offset, PickleOpcode Opcode, string? Argument, string? Annotation);
