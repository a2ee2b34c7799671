using System.Globalization;
using System.Text;
using ModelGate.Formats.Toml;

namespace ModelGate.Formats.Tests.Toml;

/// <summary>
/// A one-line rendering of a parsed tree for table-driven tests: tables <c>{k=v, ...}</c> in document
/// order, arrays <c>[...]</c>, strings quoted with C-style escapes, other scalars as <c>kind:source</c>.
/// </summary>
internal static class TomlDump
{
    public static string Dump(TomlNode node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();
    }

    private static void Write(TomlNode node, StringBuilder text)
    {
        switch (node)
        {
            case TomlTable table:
                text.Append('{');
                for (var i = 0; i < table.Entries.Count; i++)
                {
                    if (i > 0)
                        text.Append(", ");
                    var (key, value) = table.Entries[i];
                    if (key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                        text.Append(key);
                    else
                        Quote(key, text);
                    text.Append('=');
                    Write(value, text);
                }
                text.Append('}');
                break;
            case TomlArray array:
                text.Append('[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (i > 0)
                        text.Append(", ");
                    Write(array.Items[i], text);
                }
                text.Append(']');
                break;
            case TomlScalar scalar:
                switch (scalar.Kind)
                {
                    case TomlNodeKind.String:
                        Quote(scalar.Text, text);
                        break;
                    case TomlNodeKind.Boolean:
                        text.Append(scalar.Boolean ? "true" : "false");
                        break;
                    default:
                        text.Append(Prefix(scalar.Kind)).Append(':').Append(scalar.Text);
                        break;
                }
                break;
            default:
                throw new InvalidOperationException(node.GetType().Name);
        }
    }

    private static string Prefix(TomlNodeKind kind) => kind switch
    {
        TomlNodeKind.Integer => "int",
        TomlNodeKind.Float => "float",
        TomlNodeKind.OffsetDateTime => "odt",
        TomlNodeKind.LocalDateTime => "ldt",
        TomlNodeKind.LocalDate => "ld",
        TomlNodeKind.LocalTime => "lt",
        _ => kind.ToString(),
    };

    private static void Quote(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\t': text.Append("\\t"); break;
                case '\r': text.Append("\\r"); break;
                case < ' ' or '\u007F': text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }
        text.Append('"');
    }
}
