namespace ModelGate.Formats.Pickle;

/// <summary>One row of the opcode table: the facts <c>Lib/pickletools.py</c> documents for an opcode.</summary>
/// <param name="Opcode">The opcode.</param>
/// <param name="Name">Its pickletools name (for listings).</param>
/// <param name="Argument">How its inline argument is encoded.</param>
/// <param name="Protocol">The protocol that introduced it.</param>
/// <param name="StackEffect">What it pops and pushes, pickletools notation ("mark stackslice -> tuple").</param>
internal sealed record PickleOpcodeInfo(PickleOpcode Opcode, string Name, PickleArgumentKind Argument, int Protocol, string StackEffect);
