using System.Globalization;
using System.Numerics;
using System.Text;

namespace ModelGate.Formats.NumPy;

/// <summary>A Python literal value as <c>ast.literal_eval</c> accepts it; <see cref="Start"/>/<see cref="End"/> locate its source text.</summary>
internal abstract record PyValue(int Start, int End);

internal sealed record PyString(string Value, int Start, int End) : PyValue(Start, End);

internal sealed record PyInt(BigInteger Value, int Start, int End) : PyValue(Start, End);

internal sealed record PyFloat(string Text, int Start, int End) : PyValue(Start, End);

internal sealed record PyBool(bool Value, int Start, int End) : PyValue(Start, End);

internal sealed record PyNone(int Start, int End) : PyValue(Start, End);

internal sealed record PyTuple(IReadOnlyList<PyValue> Items, int Start, int End) : PyValue(Start, End);

internal sealed record PyList(IReadOnlyList<PyValue> Items, int Start, int End) : PyValue(Start, End);

internal sealed record PyDict(IReadOnlyList<KeyValuePair<PyValue, PyValue>> Items, int Start, int End) : PyValue(Start, End);

/// <summary>
/// Parses the subset of Python literal syntax numpy's <c>safe_eval</c> (<c>ast.literal_eval</c>) accepts in an
/// <c>.npy</c> header: strings (prefixes r/b/u, escapes, adjacent-literal concatenation), integers, floats,
/// <c>True</c>/<c>False</c>/<c>None</c>, tuples, lists and dicts, nested to <see cref="MaxDepth"/>. It only
/// builds values; nothing is ever evaluated or called.
/// </summary>
internal sealed class PythonLiteral
{
    public const int MaxDepth = 32;
    private const string Format = "npy";
    private const int MaxIntegerDigits = 64;
    private readonly string text;
    private int pos;

    private PythonLiteral(string text) => this.text = text;

    public static PyValue Parse(string text)
    {
        var parser = new PythonLiteral(text);
        var value = parser.ParseValue(0);
        parser.SkipSpace();
        if (parser.pos != text.Length)
            throw parser.Error("unexpected text after the literal");
        return value;
    }

    private MalformedDataException Error(string message) => new(Format, $"header literal, character {pos}: {message}");

    private void SkipSpace()
    {
        while (pos < text.Length && text[pos] is ' ' or '\t' or '\n' or '\r' or '\f' or '\v')
            pos++;
    }

    private PyValue ParseValue(int depth)
    {
        if (depth >= MaxDepth)
            throw Error($"nesting deeper than {MaxDepth}");
        SkipSpace();
        if (pos >= text.Length)
            throw Error("literal ended early");
        var start = pos;
        var c = text[pos];
        switch (c)
        {
            case '{':
                return ParseDict(depth);
            case '[':
                pos++;
                return new PyList(ParseItems(']', depth), start, pos);
            case '(':
                return ParseParenthesized(depth);
            case '\'' or '"':
                return ParseStrings();
            case '-' or '+':
                pos++;
                SkipSpace();
                return ParseNumber(start, c == '-');
        }
        if (char.IsAsciiDigit(c) || c == '.')
            return ParseNumber(start, negative: false);
        if (char.IsAsciiLetter(c) || c == '_')
        {
            var word = ReadWord();
            if (pos < text.Length && text[pos] is '\'' or '"' && IsStringPrefix(word))
            {
                pos = start;
                return ParseStrings();
            }
            return word switch
            {
                "True" => new PyBool(true, start, pos),
                "False" => new PyBool(false, start, pos),
                "None" => new PyNone(start, pos),
                _ => throw Error($"name '{Shorten(word)}' is not a literal"),
            };
        }
        throw Error($"unexpected character '{c}'");
    }

    private static bool IsStringPrefix(string word) =>
        word.ToUpperInvariant() is "R" or "B" or "U" or "RB" or "BR";

    private string ReadWord()
    {
        var start = pos;
        while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] == '_'))
            pos++;
        return text[start..pos];
    }

    private PyDict ParseDict(int depth)
    {
        var start = pos++;
        var items = new List<KeyValuePair<PyValue, PyValue>>();
        while (true)
        {
            SkipSpace();
            if (pos < text.Length && text[pos] == '}')
            {
                pos++;
                return new PyDict(items, start, pos);
            }
            var key = ParseValue(depth + 1);
            SkipSpace();
            Expect(':');
            var value = ParseValue(depth + 1);
            items.Add(new(key, value));
            SkipSpace();
            if (pos < text.Length && text[pos] == ',')
                pos++;
            else if (pos >= text.Length || text[pos] != '}')
                throw Error("expected ',' or '}' in dict");
        }
    }

    private PyValue ParseParenthesized(int depth)
    {
        var start = pos++;
        SkipSpace();
        if (pos < text.Length && text[pos] == ')')
        {
            pos++;
            return new PyTuple([], start, pos);
        }
        var first = ParseValue(depth + 1);
        SkipSpace();
        if (pos < text.Length && text[pos] == ')')
        {
            pos++;
            return first; // (x) is x, not a tuple
        }
        Expect(',');
        var items = new List<PyValue> { first };
        items.AddRange(ParseItems(')', depth));
        return new PyTuple(items, start, pos);
    }

    // Items up to the closing bracket; a trailing comma is allowed.
    private List<PyValue> ParseItems(char close, int depth)
    {
        var items = new List<PyValue>();
        while (true)
        {
            SkipSpace();
            if (pos < text.Length && text[pos] == close)
            {
                pos++;
                return items;
            }
            items.Add(ParseValue(depth + 1));
            SkipSpace();
            if (pos < text.Length && text[pos] == ',')
                pos++;
            else if (pos >= text.Length || text[pos] != close)
                throw Error($"expected ',' or '{close}'");
        }
    }

    private void Expect(char c)
    {
        if (pos >= text.Length || text[pos] != c)
            throw Error($"expected '{c}'");
        pos++;
    }

    private PyValue ParseNumber(int start, bool negative)
    {
        var digitsStart = pos;
        while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] is '.' or '_'
            || (text[pos] is '+' or '-' && pos > digitsStart && text[pos - 1] is 'e' or 'E')))
            pos++;
        var token = text[digitsStart..pos].Replace("_", "", StringComparison.Ordinal);
        if (token.Length == 0)
            throw Error("expected a number");
        if (token.All(char.IsAsciiDigit))
        {
            if (token.Length > MaxIntegerDigits)
                throw Error($"integer longer than {MaxIntegerDigits} digits");
            if (token.Length > 1 && token[0] == '0' && token.Any(ch => ch != '0'))
                throw Error("integer with a leading zero");
            var value = BigInteger.Parse(token, NumberStyles.None, CultureInfo.InvariantCulture);
            return new PyInt(negative ? -value : value, start, pos);
        }
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return new PyFloat((negative ? "-" : "") + token, start, pos);
        throw Error($"'{Shorten(token)}' is not a number");
    }

    // Adjacent string literals concatenate, as in Python source.
    private PyString ParseStrings()
    {
        var start = pos;
        var value = new StringBuilder();
        while (true)
        {
            value.Append(ParseOneString());
            var save = pos;
            SkipSpace();
            var wordStart = pos;
            if (pos < text.Length && char.IsAsciiLetter(text[pos]))
            {
                var word = ReadWord();
                if (pos < text.Length && text[pos] is '\'' or '"' && IsStringPrefix(word))
                {
                    pos = wordStart;
                    continue;
                }
            }
            else if (pos < text.Length && text[pos] is '\'' or '"')
            {
                continue;
            }
            pos = save;
            return new PyString(value.ToString(), start, pos);
        }
    }

    private string ParseOneString()
    {
        var raw = false;
        while (pos < text.Length && char.IsAsciiLetter(text[pos]))
        {
            raw |= text[pos] is 'r' or 'R';
            pos++;
        }
        var quote = text[pos];
        var triple = pos + 2 < text.Length && text[pos + 1] == quote && text[pos + 2] == quote;
        pos += triple ? 3 : 1;
        var value = new StringBuilder();
        while (true)
        {
            if (pos >= text.Length)
                throw Error("unterminated string");
            var c = text[pos];
            if (c == quote && (!triple || (pos + 2 < text.Length && text[pos + 1] == quote && text[pos + 2] == quote)))
            {
                pos += triple ? 3 : 1;
                return value.ToString();
            }
            if (c == '\n' && !triple)
                throw Error("newline in a single-quoted string");
            if (c == '\\' && pos + 1 < text.Length)
            {
                if (raw)
                {
                    value.Append(c).Append(text[pos + 1]);
                    pos += 2;
                    continue;
                }
                pos++;
                value.Append(ReadEscape());
                continue;
            }
            value.Append(c);
            pos++;
        }
    }

    private string ReadEscape()
    {
        var letter = text[pos];
        return PythonStringEscape.Decode(text, ref pos, namedEscapes: false)
            ?? throw Error(pos + 2 > text.Length ? "truncated escape" : $"invalid \\{letter} escape");
    }

    private static string Shorten(string s) => s.Length <= 32 ? s : s[..32] + "...";
}
