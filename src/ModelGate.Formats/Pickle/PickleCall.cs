namespace ModelGate.Formats.Pickle;

/// <summary>One call the unpickler would make.</summary>
/// <param name="Callable">Dotted name of what is called, or null when it cannot be resolved statically.</param>
/// <param name="Offset">Byte offset of the calling opcode.</param>
/// <param name="Opcode">The calling opcode.</param>
/// <param name="Kind">The call family.</param>
/// <param name="ArgumentsPreview">A short repr of the arguments (at most 120 characters).</param>
public sealed record PickleCall(string? Callable, long Offset, PickleOpcode Opcode, PickleCallKind Kind, string ArgumentsPreview);
