namespace ModelGate.Formats.Pickle;

/// <summary>
/// One decoded instruction. Which fields are set depends on the opcode's <see cref="PickleArgumentKind"/>:
/// integers in <see cref="Integer"/> (or <see cref="BigInteger"/> text when they do not fit 64 bits), text in
/// <see cref="Text"/> (GLOBAL/INST: module in <see cref="Text"/>, name in <see cref="Text2"/>), bytes in
/// <see cref="Bytes"/>. Large arguments keep a bounded preview: <see cref="Length"/> is the full length and
/// <see cref="Truncated"/> says the preview is shorter.
/// </summary>
internal struct PickleToken
{
    public long Offset;
    public PickleOpcode Opcode;
    public long Integer;
    public string? BigInteger;
    public bool? Boolean;
    public double Float;
    public string? Text;
    public string? Text2;
    public byte[]? Bytes;
    public long Length;
    public bool Truncated;
    /// <summary>Offset just past the instruction.</summary>
    public long End;
}
