using System.Buffers.Binary;
using System.Text;

namespace ModelGate.Formats.Keras;

/// <summary>
/// Lists the strings in a CPython marshal stream (Python/marshal.c) without parsing code objects, whose layout
/// changes between Python versions. A bounded scan reads the string records: TYPE_SHORT_ASCII 'z' and
/// TYPE_SHORT_ASCII_INTERNED 'Z' (1-byte length), TYPE_ASCII 'a', TYPE_ASCII_INTERNED 'A', TYPE_UNICODE 'u'
/// and TYPE_INTERNED 't' (4-byte little-endian length); FLAG_REF (0x80) may be set on any type byte.
/// TYPE_STRING 's' (bytes, including co_code) is stepped over so bytecode is not read as text.
/// </summary>
internal static class MarshalStrings
{
    private const int MaxStringBytes = 4096;

    public static IReadOnlyList<string> Extract(ReadOnlySpan<byte> data, int maxStrings)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < data.Length && found.Count < maxStrings)
        {
            var type = (char)(data[i] & 0x7F);
            var consumed = type switch
            {
                'z' or 'Z' => TryShort(data, i, found, seen),
                'a' or 'A' or 'u' or 't' => TryLong(data, i, found, seen),
                's' => TrySkipBytes(data, i),
                _ => 0,
            };
            i += consumed > 0 ? consumed : 1;
        }
        return found;
    }

    private static int TryShort(ReadOnlySpan<byte> data, int i, List<string> found, HashSet<string> seen)
    {
        if (i + 1 >= data.Length)
            return 0;
        var length = data[i + 1];
        if (length == 0 || i + 2 + length > data.Length)
            return 0;
        var text = data.Slice(i + 2, length);
        if (!IsPrintableAscii(text))
            return 0;
        Add(Encoding.ASCII.GetString(text), found, seen);
        return 2 + length;
    }

    private static int TryLong(ReadOnlySpan<byte> data, int i, List<string> found, HashSet<string> seen)
    {
        if (i + 5 > data.Length)
            return 0;
        var length = BinaryPrimitives.ReadUInt32LittleEndian(data[(i + 1)..]);
        if (length == 0 || length > MaxStringBytes || length > (uint)(data.Length - i - 5))
            return 0;
        var text = data.Slice(i + 5, (int)length);
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, true).GetString(text);
        }
        catch (DecoderFallbackException)
        {
            return 0;
        }
        if (decoded.Any(char.IsControl))
            return 0;
        Add(decoded, found, seen);
        return 5 + (int)length;
    }

    private static int TrySkipBytes(ReadOnlySpan<byte> data, int i)
    {
        if (i + 5 > data.Length)
            return 0;
        var length = BinaryPrimitives.ReadUInt32LittleEndian(data[(i + 1)..]);
        return length <= (uint)(data.Length - i - 5) ? 5 + (int)length : 0;
    }

    private static bool IsPrintableAscii(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (b is < 0x20 or > 0x7E)
                return false;
        }
        return true;
    }

    private static void Add(string text, List<string> found, HashSet<string> seen)
    {
        if (seen.Add(text))
            found.Add(text);
    }
}
