using System.Globalization;
using System.Text;

namespace ModelGate.Formats.Tests.Pep440;

/// <summary>Reads the text fixtures in Pep440/testdata/ (copied next to the test assembly).</summary>
internal static class Pep440Fixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Pep440", "testdata", name);

    /// <summary>Non-blank lines that are not comments (<c>#</c>), trimmed.</summary>
    public static IEnumerable<string> Lines(string name) =>
        File.ReadLines(PathOf(name))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'));

    /// <summary>Runs of non-comment lines separated by blank lines.</summary>
    public static IEnumerable<string[]> Blocks(string name)
    {
        var block = new List<string>();
        foreach (var raw in File.ReadLines(PathOf(name)))
        {
            var line = raw.Trim();
            if (line.StartsWith('#'))
                continue;
            if (line.Length == 0)
            {
                if (block.Count > 0)
                    yield return [.. block];
                block.Clear();
                continue;
            }
            block.Add(line);
        }
        if (block.Count > 0)
            yield return [.. block];
    }

    /// <summary>Lines of the form "left SEPARATOR right", split at the first separator.</summary>
    public static TheoryData<string, string> Pairs(string name, string separator)
    {
        var data = new TheoryData<string, string>();
        foreach (var line in Lines(name))
        {
            var at = line.IndexOf(separator, StringComparison.Ordinal);
            if (at < 0)
                throw new InvalidDataException($"{name}: no '{separator}' in '{line}'");
            data.Add(line[..at].Trim(), line[(at + separator.Length)..].Trim());
        }
        return data;
    }

    /// <summary>Decodes the escapes fixtures use for invisible characters: \s (space), \t, \n, \r, \f, \v,
    /// \\ and \uXXXX.</summary>
    public static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
            return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                sb.Append(text[i]);
                continue;
            }
            var code = text[++i];
            switch (code)
            {
                case 's': sb.Append(' '); break;
                case 't': sb.Append('\t'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case '\\': sb.Append('\\'); break;
                case 'u':
                    sb.Append((char)int.Parse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default:
                    throw new InvalidDataException($"unknown escape \\{code} in '{text}'");
            }
        }
        return sb.ToString();
    }

    /// <summary>"&lt;empty&gt;" in a fixture stands for the empty string.</summary>
    public static string Empty(string text) => text == "<empty>" ? "" : text;
}
