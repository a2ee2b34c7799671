namespace ModelGate.Formats.Ini;

/// <summary>
/// Reads the <c>configparser</c> dialect setuptools uses for <c>setup.cfg</c> (Python's <c>configparser.ConfigParser</c>
/// defaults): <c>[section]</c> headers, <c>key = value</c> or <c>key: value</c>, values continued on lines indented
/// deeper than the key, full-line comments starting with <c>#</c> or <c>;</c> (no inline comments), empty lines
/// allowed inside values. Never throws for bad input: bad lines become <see cref="IniError"/>s.
/// </summary>
public static class IniReader
{
    public static IniDocument Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sections = new List<IniSection>();
        var errors = new List<IniError>();
        var seenSections = new HashSet<string>(StringComparer.Ordinal);
        string? sectionName = null;
        var sectionLine = 0;
        List<IniOption>? options = null;
        HashSet<string>? seenKeys = null;
        string? key = null;
        var keyLine = 0;
        var keyIndent = 0;
        var singleLine = true;
        List<IniValueLine>? values = null;

        void EndOption()
        {
            if (key is not null && options is not null)
                options.Add(new IniOption(key, keyLine, values!) { IsSingleLine = singleLine });
            key = null;
            values = null;
        }

        void EndSection()
        {
            EndOption();
            if (sectionName is not null)
                sections.Add(new IniSection(sectionName, sectionLine, options!));
            sectionName = null;
            options = null;
        }

        var lineNumber = 0;
        var pos = 0;
        while (pos < text.Length)
        {
            var rest = text.AsSpan(pos);
            var end = rest.IndexOfAny('\r', '\n');
            var raw = end < 0 ? rest : rest[..end];
            pos = end < 0 ? text.Length : pos + end + (rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1);
            lineNumber++;

            var stripped = raw.Trim();
            if (stripped.IsEmpty)
                continue;
            if (stripped[0] is '#' or ';')
                continue;
            var indent = raw.Length - raw.TrimStart().Length;
            if (key is not null && indent > keyIndent)
            {
                values!.Add(new IniValueLine(lineNumber, stripped.ToString()));
                singleLine = false;
                continue;
            }
            if (stripped[0] == '[' && stripped[^1] == ']' && stripped.Length > 2)
            {
                EndSection();
                sectionName = stripped[1..^1].ToString();
                sectionLine = lineNumber;
                options = [];
                seenKeys = new HashSet<string>(StringComparer.Ordinal);
                if (!seenSections.Add(sectionName))
                    errors.Add(new IniError(lineNumber, $"section [{sectionName}] appears twice; configparser refuses duplicate sections"));
                continue;
            }
            var delimiter = stripped.IndexOfAny('=', ':');
            if (delimiter <= 0)
            {
                errors.Add(new IniError(lineNumber, $"'{Shorten(stripped)}' is neither a [section], a key = value line nor an indented continuation"));
                continue;
            }
            if (options is null)
            {
                errors.Add(new IniError(lineNumber, "an option comes before any [section] header"));
                continue;
            }
            EndOption();
            key = stripped[..delimiter].TrimEnd().ToString();
            keyLine = lineNumber;
            keyIndent = indent;
            singleLine = true;
            values = [];
            var first = stripped[(delimiter + 1)..].Trim();
            if (!first.IsEmpty)
                values.Add(new IniValueLine(lineNumber, first.ToString()));
            if (!seenKeys!.Add(key))
                errors.Add(new IniError(lineNumber, $"option '{key}' appears twice in [{sectionName}]; configparser refuses duplicate options"));
        }
        EndSection();
        return new IniDocument(sections, errors);
    }

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 80 ? text.ToString() : string.Concat(text[..77], "...");
}
