using System.Text;

namespace ModelGate.Formats.Pickle;

/// <summary>Bounded Python-like reprs of strings and bytes, for argument previews and listings.</summary>
internal static class PickleRepr
{
    public static void AppendQuoted(StringBuilder sb, string text, bool truncated, int maxChars)
    {
        sb.Append('\'');
        foreach (var c in text)
        {
            if (sb.Length > maxChars)
                break;
            switch (c)
            {
                case '\'': sb.Append("\\'"); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ' or '\x7f': sb.Append("\\x").Append(((int)c).ToString("x2", null)); break;
                default: sb.Append(c); break;
            }
        }
        if (truncated)
            sb.Append("...");
        sb.Append('\'');
    }

    public static void AppendBytes(StringBuilder sb, byte[] preview, long length, int maxChars)
    {
        sb.Append("b'");
        foreach (var b in preview)
        {
            if (sb.Length > maxChars)
                break;
            if (b is >= 0x20 and < 0x7f && b != '\'' && b != '\\')
                sb.Append((char)b);
            else
                sb.Append("\\x").Append(b.ToString("x2", null));
        }
        sb.Append('\'');
        if (length > preview.Length)
            sb.Append("...(").Append(length).Append(" bytes)");
    }

    public static string Quoted(string text, bool truncated, int maxChars)
    {
        var sb = new StringBuilder();
        AppendQuoted(sb, text, truncated, maxChars);
        return sb.Length > maxChars ? string.Concat(sb.ToString(0, maxChars - 3), "...") : sb.ToString();
    }
}
