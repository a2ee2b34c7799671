namespace ModelGate.Formats.CoreMetadata;

/// <summary>
/// Reads the header of a core-metadata file ("Core metadata specifications", versions 1.0 to 2.4):
/// RFC 822-style <c>Name: value</c> lines; a line starting with a space or tab continues the previous
/// field (folded headers, the indented <c>Description</c> of metadata 1.x); the first empty line ends the
/// header and what follows (the 2.1+ description body) is not read.
/// </summary>
public static class CoreMetadataReader
{
    private const string Format = "core-metadata";

    public static CoreMetadataDocument Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = new List<MetadataField>();
        string? name = null;
        System.Text.StringBuilder? value = null;
        var fieldLine = 0;
        var lineNumber = 0;
        var pos = 0;
        while (pos <= text.Length)
        {
            var end = text.IndexOf('\n', pos);
            var lineEnd = end < 0 ? text.Length : end;
            var line = text.AsSpan(pos, lineEnd - pos);
            if (line.EndsWith("\r"))
                line = line[..^1];
            lineNumber++;
            pos = lineEnd + 1;

            if (line.IsEmpty)
                break;
            if (line[0] is ' ' or '\t')
            {
                if (value is null)
                    throw new MalformedDataException(Format, "continuation line before any field", line: lineNumber);
                Append(value, "\n", line.TrimStart(), fieldLine);
                continue;
            }
            Flush();
            var colon = line.IndexOf(':');
            if (colon <= 0)
                throw new MalformedDataException(Format, "expected 'Field-Name: value'", line: lineNumber);
            var fieldName = line[..colon];
            foreach (var c in fieldName)
            {
                // RFC 822 field names: printable ASCII except space and colon.
                if (c <= ' ' || c > '~')
                    throw new MalformedDataException(Format, $"'{fieldName}' is not a header field name", line: lineNumber);
            }
            if (fields.Count >= ReaderLimits.MaxMetadataFields)
                throw new MalformedDataException(Format, $"more than {ReaderLimits.MaxMetadataFields} header fields", line: lineNumber);
            name = fieldName.ToString();
            value = new System.Text.StringBuilder();
            fieldLine = lineNumber;
            Append(value, string.Empty, line[(colon + 1)..].Trim(), fieldLine);
            if (end < 0)
                break;
        }
        Flush();
        return new CoreMetadataDocument(fields);

        void Flush()
        {
            if (name is not null && value is not null)
                fields.Add(new MetadataField(name, value.ToString().TrimEnd(), fieldLine));
            name = null;
            value = null;
        }
    }

    private static void Append(System.Text.StringBuilder value, string separator, ReadOnlySpan<char> text, int fieldLine)
    {
        if ((long)value.Length + separator.Length + text.Length > ReaderLimits.MaxMetadataFieldLength)
            throw new MalformedDataException(Format, $"a header field is longer than {ReaderLimits.MaxMetadataFieldLength} characters", line: fieldLine);
        value.Append(separator).Append(text);
    }
}
