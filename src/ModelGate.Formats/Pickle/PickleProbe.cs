namespace ModelGate.Formats.Pickle;

/// <summary>
/// Recognises a pickle stream from its first bytes. Protocol 2 and later announce themselves with PROTO
/// (0x80 and the protocol number); protocols 0 and 1 have no magic, so the prefix must decode as a run of
/// well-formed opcodes that build containers or import dotted names — which text files do not.
/// </summary>
public static class PickleProbe
{
    /// <summary>Opcodes decoded before a prefix is accepted as a protocol 0/1 pickle.</summary>
    private const int OpcodesNeeded = 4;

    /// <summary>True when <paramref name="prefix"/> (a file's or member's first bytes) decodes as a pickle.</summary>
    public static bool LooksLikePickle(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length < 2)
            return false;
        var announced = prefix[0] == (byte)PickleOpcode.Proto;
        if (announced && prefix[1] is not (>= 2 and <= 5))
            return false;
        // Protocol 0/1 pickles open with a container, an import or a value; text rarely does, and every
        // later byte must also decode as an opcode with a well-formed argument. After PROTO, the opcodes
        // that follow must decode too: two bytes alone are what random data (tensor bytes) hits now and then.
        if (!announced && !StartsPickle(prefix[0]))
            return false;

        using var stream = new MemoryStream(prefix.ToArray(), writable: false);
        var reader = new PickleTokenReader(stream, 64);
        var decoded = 0;
        var structural = new HashSet<PickleOpcode>();
        while (decoded < 32)
        {
            var next = reader.PeekByte();
            if (next < 0)
                break;
            if (PickleOpcodeTable.Lookup((byte)next) is not { } info || (!announced && info.Protocol > 1))
                return false;
            PickleToken token;
            try
            {
                token = reader.Read(info);
            }
            catch (MalformedDataException)
            {
                // An argument cut by the end of the prefix is the prefix's end, not bad data.
                if (reader.Position + 1 >= prefix.Length - 256)
                    break;
                return false;
            }
            if (token.Opcode is PickleOpcode.Global or PickleOpcode.Inst && !(IsDottedName(token.Text) && IsDottedName(token.Text2)))
                return false;
            if (IsStructural(token.Opcode))
                structural.Add(token.Opcode);
            decoded++;
            if (token.Opcode == PickleOpcode.Stop)
                return decoded >= 2 && (announced || structural.Count > 0);
        }
        return announced ? decoded >= 3 || reader.Position >= prefix.Length : decoded >= OpcodesNeeded && structural.Count >= 2;
    }

    private static bool StartsPickle(byte first) => first is (byte)'(' or (byte)'c' or (byte)']' or (byte)'}' or (byte)')'
        or (byte)'i' or (byte)'N' or (byte)'I' or (byte)'L' or (byte)'F' or (byte)'S' or (byte)'V' or (byte)'X' or (byte)'U'
        or (byte)'T' or (byte)'K' or (byte)'J' or (byte)'M' or (byte)'G';

    private static bool IsStructural(PickleOpcode opcode) => opcode is PickleOpcode.Global or PickleOpcode.Inst or PickleOpcode.Mark
        or PickleOpcode.EmptyDict or PickleOpcode.EmptyList or PickleOpcode.EmptyTuple or PickleOpcode.Dict or PickleOpcode.List
        or PickleOpcode.Tuple or PickleOpcode.SetItem or PickleOpcode.SetItems or PickleOpcode.Append or PickleOpcode.Appends
        or PickleOpcode.Reduce or PickleOpcode.Build or PickleOpcode.Put or PickleOpcode.BinPut or PickleOpcode.Obj;

    private static bool IsDottedName(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 256 || !(char.IsAsciiLetter(text[0]) || text[0] == '_'))
            return false;
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
                return false;
        }
        return true;
    }
}
