using System.Globalization;

namespace ModelGate.Formats;

/// <summary>
/// Backslash escapes of Python string literals (Python Language Reference 2.4.1, "Escape sequences"): the
/// rules both a NumPy header (a Python literal) and a Jinja template string follow.
/// </summary>
internal static class PythonStringEscape
{
    /// <summary>
    /// Decodes the escape whose letter is at <paramref name="pos"/> (just after the backslash) and moves past
    /// it. An unknown escape stays as written, as Python keeps it. Returns null for a malformed <c>\x</c>,
    /// <c>\u</c> or <c>\U</c>, leaving <paramref name="pos"/> on the hex digits, so the caller decides.
    /// </summary>
    /// <param name="namedEscapes">Also decode <c>\N{LOW LINE}</c> (an underscore; other names stay as written).</param>
    public static string? Decode(string text, ref int pos, bool namedEscapes)
    {
        var c = text[pos++];
        switch (c)
        {
            case '\n': return string.Empty;
            case '\\': return "\\";
            case '\'': return "'";
            case '"': return "\"";
            case 'a': return "\a";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case 'v': return "\v";
            case 'x': return Hex(text, ref pos, 2);
            case 'u': return Hex(text, ref pos, 4);
            case 'U': return Hex(text, ref pos, 8);
            case 'N' when namedEscapes && pos < text.Length && text[pos] == '{':
            {
                var close = text.IndexOf('}', pos);
                if (close < 0)
                    return "\\N";
                var name = text[(pos + 1)..close];
                pos = close + 1;
                return name.Equals("LOW LINE", StringComparison.OrdinalIgnoreCase) ? "_" : $"\\N{{{name}}}";
            }
        }
        if (c is >= '0' and <= '7')
        {
            var value = c - '0';
            for (var i = 0; i < 2 && pos < text.Length && text[pos] is >= '0' and <= '7'; i++)
                value = value * 8 + (text[pos++] - '0');
            return ((char)value).ToString();
        }
        return "\\" + c;
    }

    private static string? Hex(string text, ref int pos, int digits)
    {
        if (pos + digits > text.Length
            || !int.TryParse(text.AsSpan(pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            || (uint)code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
            return null;
        pos += digits;
        return char.ConvertFromUtf32(code);
    }
}
