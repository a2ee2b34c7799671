namespace ModelGate.Formats.Tests.Protobuf;

/// <summary>Builds protobuf bytes by hand for tests (protobuf.dev/programming-guides/encoding).</summary>
internal static class ProtoBytes
{
    public static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }

    public static byte[] Key(int field, int wire) => Varint(((ulong)field << 3) | (uint)wire);

    public static byte[] VarintField(int field, ulong value) => [.. Key(field, 0), .. Varint(value)];

    public static byte[] Bytes(int field, byte[] payload) => [.. Key(field, 2), .. Varint((ulong)payload.Length), .. payload];

    public static byte[] String(int field, string text) => Bytes(field, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Nests <paramref name="inner"/> in <paramref name="depth"/> levels, each level the fields of
    /// <paramref name="path"/> (outermost first); built back to front so deep chains stay linear in time.
    /// </summary>
    public static byte[] Nest(byte[] inner, int depth, params int[] path)
    {
        var reversed = new List<byte>(inner.Reverse());
        for (var level = 0; level < depth; level++)
        {
            for (var i = path.Length - 1; i >= 0; i--)
            {
                byte[] header = [.. Key(path[i], 2), .. Varint((ulong)reversed.Count)];
                for (var j = header.Length - 1; j >= 0; j--)
                    reversed.Add(header[j]);
            }
        }
        reversed.Reverse();
        return [.. reversed];
    }
}
