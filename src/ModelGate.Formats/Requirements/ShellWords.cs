using System.Text;

namespace ModelGate.Formats.Requirements;

/// <summary>
/// Splits the option part of a requirements line the way pip does, with Python's <c>shlex.split</c>
/// (POSIX mode): whitespace separates words, single quotes keep everything literally, double quotes
/// allow backslash escapes of <c>\ " $ `</c> and newline, and a backslash outside quotes escapes any character.
/// </summary>
internal static class ShellWords
{
    public static bool TrySplit(string text, List<string> words, out string? error)
    {
        var current = new StringBuilder();
        var inWord = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
                i++;
                continue;
            }
            inWord = true;
            switch (c)
            {
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        error = "no closing quotation (')";
                        return false;
                    }
                    current.Append(text, i + 1, close - i - 1);
                    i = close + 1;
                    break;
                case '"':
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            error = "no closing quotation (\")";
                            return false;
                        }
                        var d = text[i];
                        if (d == '"')
                        {
                            i++;
                            break;
                        }
                        if (d == '\\' && i + 1 < text.Length && text[i + 1] is '\\' or '"' or '$' or '`' or '\n')
                        {
                            current.Append(text[i + 1]);
                            i += 2;
                            continue;
                        }
                        current.Append(d);
                        i++;
                    }
                    break;
                case '\\':
                    if (i + 1 >= text.Length)
                    {
                        error = "no escaped character after a final backslash";
                        return false;
                    }
                    current.Append(text[i + 1]);
                    i += 2;
                    break;
                default:
                    current.Append(c);
                    i++;
                    break;
            }
        }
        if (inWord)
            words.Add(current.ToString());
        error = null;
        return true;
    }
}
