using System.Globalization;
using System.Text;

namespace ModelGate.Formats.CoreMetadata;

/// <summary>
/// Reads a RECORD file ("Recording installed projects", from PEP 376/627): CSV as Python's <c>csv</c>
/// module writes it (comma-separated, fields with commas or quotes quoted with <c>"</c>, <c>""</c> inside),
/// three fields per row: path, <c>algorithm=urlsafe-base64-without-padding</c> digest or empty, size or
/// empty. A bad row is a <see cref="RecordError"/> and the rest is read.
/// </summary>
public static class RecordReader
{
    public static RecordFile Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<RecordEntry>();
        var errors = new List<RecordError>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var pos = 0;
        while (pos < text.Length)
        {
            fields.Clear();
            rowLine = line;
            var rowError = (string?)null;
            // One CSV row: fields until an unquoted newline.
            while (true)
            {
                field.Clear();
                if (pos < text.Length && text[pos] == '"')
                {
                    pos++;
                    var closed = false;
                    while (pos < text.Length)
                    {
                        var c = text[pos++];
                        if (c == '"')
                        {
                            if (pos < text.Length && text[pos] == '"')
                            {
                                field.Append('"');
                                pos++;
                                continue;
                            }
                            closed = true;
                            break;
                        }
                        if (c == '\n')
                            line++;
                        if (field.Length >= ReaderLimits.MaxLogicalLineLength)
                        {
                            rowError ??= $"a field is longer than {ReaderLimits.MaxLogicalLineLength} characters";
                            continue;
                        }
                        field.Append(c);
                    }
                    if (!closed)
                        rowError ??= "a quoted field is not closed";
                    if (pos < text.Length && text[pos] is not (',' or '\n' or '\r'))
                        rowError ??= "text after a closing quote";
                }
                while (pos < text.Length && text[pos] is not (',' or '\n'))
                {
                    if (field.Length < ReaderLimits.MaxLogicalLineLength)
                        field.Append(text[pos]);
                    else
                        rowError ??= $"a field is longer than {ReaderLimits.MaxLogicalLineLength} characters";
                    pos++;
                }
                fields.Add(field.ToString().TrimEnd('\r'));
                if (pos < text.Length && text[pos] == ',')
                {
                    pos++;
                    continue;
                }
                if (pos < text.Length)
                {
                    pos++;
                    line++;
                }
                break;
            }
            if (fields.Count == 1 && fields[0].Length == 0)
                continue;
            if (rowError is not null)
            {
                errors.Add(new(rowLine, rowError));
                continue;
            }
            if (TryEntry(fields, rowLine, out var entry, out var error))
                entries.Add(entry);
            else
                errors.Add(new(rowLine, error));
        }
        return new RecordFile(entries, errors);
    }

    private static bool TryEntry(List<string> fields, int line, out RecordEntry entry, out string error)
    {
        entry = null!;
        error = string.Empty;
        if (fields.Count != 3)
        {
            error = $"expected 3 fields (path,hash,size), found {fields.Count}";
            return false;
        }
        var path = fields[0];
        if (path.Length == 0)
        {
            error = "empty path";
            return false;
        }
        string? hash = null;
        if (fields[1].Length > 0)
        {
            var eq = fields[1].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !TryDecodeUrlSafeBase64(fields[1].AsSpan(eq + 1), out var digest))
            {
                error = $"hash '{fields[1]}' is not 'algorithm=urlsafe-base64-digest'";
                return false;
            }
            hash = fields[1][..eq].ToLowerInvariant() + ":" + Convert.ToHexStringLower(digest);
        }
        long? size = null;
        if (fields[2].Length > 0)
        {
            if (!long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                error = $"size '{fields[2]}' is not a non-negative integer";
                return false;
            }
            size = parsed;
        }
        entry = new RecordEntry(path, hash, size, line);
        return true;
    }

    // RFC 4648 section 5 alphabet ('-' and '_'), padding stripped as the wheel spec requires.
    private static bool TryDecodeUrlSafeBase64(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.IsEmpty || text.Length % 4 == 1 || text.Length > 1024)
            return false;
        Span<char> buffer = stackalloc char[text.Length + 3];
        var n = 0;
        foreach (var c in text)
        {
            if (c == '=')
                break;
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
                return false;
            buffer[n++] = c switch { '-' => '+', '_' => '/', _ => c };
        }
        while (n % 4 != 0)
            buffer[n++] = '=';
        var decoded = new byte[n / 4 * 3];
        if (!Convert.TryFromBase64Chars(buffer[..n], decoded, out var written))
            return false;
        bytes = decoded[..written];
        return true;
    }
}
