using System.Globalization;
using Tomlyn;
using Tomlyn.Parsing;

namespace ModelGate.Formats.Lockfiles;

/// <summary>
/// Reads TOML into <see cref="TomlNode"/>s that carry line numbers, over Tomlyn's streaming
/// <see cref="TomlParser"/>. Tomlyn's full syntax tree has spans everywhere but builds ~20x slower
/// on a 3,000-package lock; the event stream is fast but gives no position for the header of the
/// second and later <c>[[package]]</c> elements, so those are found in the text (see
/// <see cref="ResolveHeaderLine"/>).
/// </summary>
/// <remarks>
/// The event stream does not check the TOML rule that a key is defined once, so this class does:
/// a repeated key is a document error, as it is for Python's <c>tomllib</c> (which uv, Poetry and
/// PDM use), so the gate never reads a different value than the installer would.
/// </remarks>
internal sealed class TomlTreeReader
{
    private readonly string _text;
    private readonly string _format;
    private readonly List<Frame> _stack = [];
    private readonly Dictionary<string, int> _lastHeaderLine = new(StringComparer.Ordinal);
    private List<int>? _lineStarts;

    private TomlTreeReader(string text, string format)
    {
        _text = text;
        _format = format;
    }

    /// <summary>Parses a whole document; throws <see cref="MalformedDataException"/> with the parser's line.</summary>
    public static TomlTable Read(string text, string format)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new TomlTreeReader(text, format).Run();
    }

    private TomlTable Run()
    {
        var options = new TomlSerializerOptions { MaxDepth = ReaderLimits.MaxDocumentDepth };
        TomlTable? root = null;
        try
        {
            var parser = TomlParser.Create(_text, new TomlParserOptions { EagerStringValues = true }, options);
            while (parser.MoveNext())
            {
                var e = parser.Current;
                switch (e.Kind)
                {
                    case TomlParseEventKind.StartTable:
                        if (_stack.Count == 0)
                        {
                            root = new TomlTable(1);
                            _stack.Add(new Frame(root, string.Empty));
                        }
                        else
                        {
                            StartTable(e.Line);
                        }
                        break;
                    case TomlParseEventKind.EndTable:
                        EndTable();
                        break;
                    case TomlParseEventKind.StartArray:
                        StartArray(e.Line);
                        break;
                    case TomlParseEventKind.EndArray:
                        Pop();
                        break;
                    case TomlParseEventKind.PropertyName:
                        PropertyName(e.PropertyName ?? parser.GetPropertyName(), e.Line);
                        break;
                    case TomlParseEventKind.String:
                        AddValue(new TomlScalar(TomlNodeKind.String, e.Line, e.StringValue ?? parser.GetString()));
                        break;
                    case TomlParseEventKind.Integer:
                        AddValue(new TomlScalar(TomlNodeKind.Integer, e.Line, e.GetInt64().ToString(CultureInfo.InvariantCulture)));
                        break;
                    case TomlParseEventKind.Float:
                        AddValue(new TomlScalar(TomlNodeKind.Float, e.Line, e.GetDouble().ToString(CultureInfo.InvariantCulture)));
                        break;
                    case TomlParseEventKind.Boolean:
                        var b = e.GetBoolean();
                        AddValue(new TomlScalar(TomlNodeKind.Boolean, e.Line, b ? "true" : "false", b));
                        break;
                    case TomlParseEventKind.DateTime:
                        AddValue(new TomlScalar(TomlNodeKind.DateTime, e.Line, e.GetTomlDateTime().ToString()));
                        break;
                    default:
                        break;
                }
            }
        }
        catch (TomlException ex)
        {
            throw new MalformedDataException(_format, "invalid TOML: " + FirstMessage(ex), line: ex.Line, inner: ex);
        }
        catch (Exception ex) when (ex is not MalformedDataException and (InvalidOperationException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException))
        {
            // Tomlyn's own failure on input it did not expect is still bad input, not our bug.
            throw new MalformedDataException(_format, "invalid TOML: " + ex.Message, inner: ex);
        }
        return root ?? new TomlTable(1);
    }

    private void PropertyName(string key, int line)
    {
        var frame = Top();
        if (frame.Node is not TomlTable)
            throw new MalformedDataException(_format, $"key '{key}' outside a table", line: line);
        frame.PendingKey = key;
        frame.PendingLine = line;
        if (frame.FirstPropertyLine == 0)
            frame.FirstPropertyLine = line;
    }

    private void StartTable(int line)
    {
        CheckDepth(line);
        var frame = Top();
        if (frame.Node is TomlArray array)
        {
            // An element of an array: an inline table has a position; a [[header]] element has none.
            var element = new TomlTable(line);
            array.Items.Add(element);
            _stack.Add(new Frame(element, frame.Path) { NeedsHeaderLine = line == 0 });
            return;
        }
        var (table, key, keyLine) = TakeKey(frame, line);
        var path = frame.Path.Length == 0 ? key : frame.Path + "." + key;
        if (table.TryGetValue(key, out var existing))
        {
            // [a.b] after [a], or x.y = 1 after x.z = 2: the same table is extended.
            if (existing is TomlTable reopened && line == 0)
            {
                _stack.Add(new Frame(reopened, path));
                return;
            }
            throw Duplicate(path, keyLine);
        }
        var created = new TomlTable(line > 0 ? line : keyLine);
        table.Add(key, created);
        _stack.Add(new Frame(created, path));
    }

    private void StartArray(int line)
    {
        CheckDepth(line);
        var frame = Top();
        if (frame.Node is TomlArray outer)
        {
            var nested = new TomlArray(line);
            outer.Items.Add(nested);
            _stack.Add(new Frame(nested, frame.Path));
            return;
        }
        var (table, key, keyLine) = TakeKey(frame, line);
        var path = frame.Path.Length == 0 ? key : frame.Path + "." + key;
        if (table.TryGetValue(key, out var existing))
        {
            // [[package]] again after another table: the array of tables goes on.
            if (existing is TomlArray { OfTables: true } reopened && line == 0)
            {
                _stack.Add(new Frame(reopened, path));
                return;
            }
            throw Duplicate(path, keyLine);
        }
        var created = new TomlArray(line > 0 ? line : keyLine) { OfTables = line == 0 };
        table.Add(key, created);
        _stack.Add(new Frame(created, path));
    }

    private void AddValue(TomlNode value)
    {
        var frame = Top();
        if (frame.Node is TomlArray array)
        {
            array.Items.Add(value);
            return;
        }
        var (table, key, keyLine) = TakeKey(frame, value.Line);
        if (table.TryGetValue(key, out _))
            throw Duplicate(frame.Path.Length == 0 ? key : frame.Path + "." + key, keyLine);
        table.Add(key, value);
    }

    private void EndTable()
    {
        var frame = Top();
        if (frame.NeedsHeaderLine)
            frame.Node.Line = ResolveHeaderLine(frame.Path, frame.FirstPropertyLine);
        Pop();
    }

    private (TomlTable Table, string Key, int KeyLine) TakeKey(Frame frame, int line)
    {
        if (frame.Node is not TomlTable table || frame.PendingKey is null)
            throw new MalformedDataException(_format, "value without a key", line: line > 0 ? line : null);
        var key = frame.PendingKey;
        frame.PendingKey = null;
        return (table, key, frame.PendingLine);
    }

    private void CheckDepth(int line)
    {
        if (_stack.Count >= ReaderLimits.MaxDocumentDepth)
            throw new MalformedDataException(_format, $"nesting deeper than {ReaderLimits.MaxDocumentDepth} levels", line: line > 0 ? line : null);
    }

    private Frame Top() =>
        _stack.Count > 0 ? _stack[^1] : throw new MalformedDataException(_format, "value outside the document");

    private void Pop()
    {
        if (_stack.Count == 0)
            throw new MalformedDataException(_format, "unbalanced document");
        _stack.RemoveAt(_stack.Count - 1);
    }

    private MalformedDataException Duplicate(string path, int line) =>
        new(_format, $"invalid TOML: key '{path}' is defined more than once", line: line > 0 ? line : null);

    /// <summary>
    /// The line of the <c>[[path]]</c> header that opened an array-of-tables element. Only trivia and
    /// other headers can stand between that header and the element's first key, so the nearest
    /// <c>[[path]]</c> line at or above the first key is the one (never above the previous element's
    /// header). An element with no keys at all is the next <c>[[path]]</c> after the previous one.
    /// </summary>
    private int ResolveHeaderLine(string path, int firstPropertyLine)
    {
        var previous = _lastHeaderLine.GetValueOrDefault(path);
        var found = 0;
        if (firstPropertyLine > 0)
        {
            for (var line = firstPropertyLine; line > previous; line--)
            {
                if (IsArrayHeader(LineText(line), path))
                {
                    found = line;
                    break;
                }
            }
        }
        else
        {
            var count = LineStarts().Count;
            for (var line = previous + 1; line <= count; line++)
            {
                if (IsArrayHeader(LineText(line), path))
                {
                    found = line;
                    break;
                }
            }
        }
        if (found > 0)
            _lastHeaderLine[path] = found;
        return found > 0 ? found : Math.Max(firstPropertyLine, previous + 1);
    }

    private static bool IsArrayHeader(ReadOnlySpan<char> line, string path)
    {
        line = line.TrimStart();
        if (!line.StartsWith("[["))
            return false;
        var close = line.IndexOf("]]");
        if (close < 0)
            return false;
        var inner = line[2..close];
        var p = 0;
        foreach (var c in inner)
        {
            if (c is ' ' or '\t' or '"' or '\'')
                continue;
            if (p >= path.Length || path[p] != c)
                return false;
            p++;
        }
        return p == path.Length;
    }

    private ReadOnlySpan<char> LineText(int line)
    {
        var starts = LineStarts();
        var start = starts[line - 1];
        var end = line < starts.Count ? starts[line] : _text.Length;
        return _text.AsSpan(start, end - start);
    }

    private List<int> LineStarts()
    {
        if (_lineStarts is null)
        {
            _lineStarts = [0];
            var span = _text.AsSpan();
            var offset = 0;
            int i;
            while ((i = span[offset..].IndexOf('\n')) >= 0)
            {
                offset += i + 1;
                _lineStarts.Add(offset);
            }
        }
        return _lineStarts;
    }

    private static string FirstMessage(TomlException ex)
    {
        if (ex.Diagnostics is { Count: > 0 } diagnostics)
            return diagnostics[0].Message;
        var message = ex.Message;
        var newline = message.IndexOf('\n');
        if (newline >= 0)
            message = message[..newline];
        var marker = message.IndexOf(": error : ", StringComparison.Ordinal);
        return marker >= 0 ? message[(marker + ": error : ".Length)..].Trim() : message.Trim();
    }

    private sealed class Frame(TomlNode node, string path)
    {
        public TomlNode Node { get; } = node;

        public string Path { get; } = path;

        public string? PendingKey { get; set; }

        public int PendingLine { get; set; }

        public bool NeedsHeaderLine { get; init; }

        public int FirstPropertyLine { get; set; }
    }
}
