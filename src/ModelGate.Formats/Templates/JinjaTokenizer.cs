using System.Text;

namespace ModelGate.Formats.Templates;

/// <summary>
/// Splits a Jinja template into its tags with Jinja's default delimiters (jinja2/lexer.py): expressions
/// <c>{{ }}</c>, statements <c>{% %}</c>, comments <c>{# #}</c> (skipped), whitespace control <c>-</c>/<c>+</c>
/// after the opener or before the closer, and <c>{% raw %}...{% endraw %}</c> (literal text, skipped).
/// Inside a tag, brackets are balanced so a <c>}}</c> inside a dict literal does not end the tag.
/// Unterminated tags run to the end of the text. Linear in the template's length; nothing is rendered.
/// </summary>
internal static class JinjaTokenizer
{
    public static List<JinjaTag> Tokenize(string template)
    {
        var tags = new List<JinjaTag>();
        var pos = 0;
        while (pos < template.Length)
        {
            var open = template.IndexOf('{', pos);
            if (open < 0 || open + 1 >= template.Length)
                break;
            var next = template[open + 1];
            if (next == '#')
            {
                var end = template.IndexOf("#}", open + 2, StringComparison.Ordinal);
                pos = end < 0 ? template.Length : end + 2;
                continue;
            }
            if (next is not ('{' or '%'))
            {
                pos = open + 1;
                continue;
            }
            var kind = next == '{' ? JinjaTagKind.Expression : JinjaTagKind.Statement;
            pos = open + 2;
            if (pos < template.Length && template[pos] is '-' or '+')
                pos++;
            var tokens = LexTag(template, kind, ref pos);
            tags.Add(new JinjaTag(kind, open, pos, tokens));
            if (kind == JinjaTagKind.Statement && tokens is [{ Kind: JinjaTokenKind.Name, Text: "raw" }])
                pos = SkipRaw(template, pos);
        }
        return tags;
    }

    // Finds {% endraw %} (with optional whitespace control) and returns the position after it.
    private static int SkipRaw(string template, int pos)
    {
        while (true)
        {
            var open = template.IndexOf("{%", pos, StringComparison.Ordinal);
            if (open < 0)
                return template.Length;
            var p = open + 2;
            if (p < template.Length && template[p] is '-' or '+')
                p++;
            var tokens = LexTag(template, JinjaTagKind.Statement, ref p);
            if (tokens is [{ Kind: JinjaTokenKind.Name, Text: "endraw" }])
                return p;
            pos = open + 2;
        }
    }

    private static List<JinjaToken> LexTag(string text, JinjaTagKind kind, ref int pos)
    {
        var tokens = new List<JinjaToken>();
        var depth = 0;
        var closer = kind == JinjaTagKind.Expression ? "}}" : "%}";
        while (pos < text.Length)
        {
            var c = text[pos];
            if (char.IsWhiteSpace(c))
            {
                pos++;
                continue;
            }
            if (depth == 0)
            {
                if (string.CompareOrdinal(text, pos, closer, 0, 2) == 0)
                {
                    pos += 2;
                    return tokens;
                }
                if (c is '-' or '+' && string.CompareOrdinal(text, pos + 1, closer, 0, 2) == 0)
                {
                    pos += 3;
                    return tokens;
                }
            }
            var start = pos;
            if (c is '\'' or '"')
            {
                var value = LexString(text, ref pos);
                tokens.Add(new JinjaToken(JinjaTokenKind.String, text[start..pos], value, start));
            }
            else if (char.IsAsciiDigit(c))
            {
                while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] is '.' or '_'))
                    pos++;
                tokens.Add(new JinjaToken(JinjaTokenKind.Number, text[start..pos], text[start..pos], start));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] == '_'))
                    pos++;
                tokens.Add(new JinjaToken(JinjaTokenKind.Name, text[start..pos], text[start..pos], start));
            }
            else
            {
                var length = pos + 1 < text.Length && IsTwoCharOperator(c, text[pos + 1]) ? 2 : 1;
                pos += length;
                var op = text[start..pos];
                if (op is "(" or "[" or "{")
                    depth++;
                else if (op is ")" or "]" or "}" && depth > 0)
                    depth--;
                tokens.Add(new JinjaToken(JinjaTokenKind.Operator, op, op, start));
            }
        }
        return tokens;
    }

    private static bool IsTwoCharOperator(char a, char b) =>
        (a, b) is ('*', '*') or ('/', '/') or ('=', '=') or ('!', '=') or ('<', '=') or ('>', '=');

    // Jinja string literals: quoted, backslash escapes decoded the way Python's "unicode-escape" codec does.
    private static string LexString(string text, ref int pos)
    {
        var quote = text[pos++];
        var value = new StringBuilder();
        while (pos < text.Length && text[pos] != quote)
        {
            if (text[pos] == '\\' && pos + 1 < text.Length)
            {
                pos++;
                value.Append(DecodeEscape(text, ref pos));
                continue;
            }
            value.Append(text[pos++]);
        }
        if (pos < text.Length)
            pos++;
        return value.ToString();
    }

    private static string DecodeEscape(string text, ref int pos)
    {
        var letter = text[pos];
        // A malformed \x, \u or \U stays as written (Jinja would fail to compile the template).
        return PythonStringEscape.Decode(text, ref pos, namedEscapes: true) ?? "\\" + letter;
    }
}
