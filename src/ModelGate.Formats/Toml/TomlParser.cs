using System.Buffers;
using System.Text;

namespace ModelGate.Formats.Toml;

/// <summary>
/// A TOML 1.0.0 parser (toml.io/en/v1.0.0) exactly as strict as Python's <c>tomllib</c>, which pip, uv,
/// Poetry and PDM use to read the same files: what it refuses, this refuses, so the gate never reads a
/// document differently from the installer. One forward pass over the text builds <see cref="TomlNode"/>s
/// that carry their 1-based lines; nesting is bounded by <see cref="ReaderLimits.MaxDocumentDepth"/>.
/// Every error is a <see cref="MalformedDataException"/> with the line and a specific reason.
/// </summary>
/// <remarks>
/// Table rules (spec "Table", "Array of Tables", "Inline Table", "Keys"; tomllib's flags): a table is
/// defined once, by a header, by dotted keys within one section, or inline; headers may pass through any
/// table but an inline one; dotted keys may extend only tables they created in the same section or that
/// headers merely implied; inline tables and inline arrays are closed once written.
/// </remarks>
internal ref struct TomlParser
{
    private const string Prefix = "invalid TOML: ";
    private const int MaxQuoted = 40;

    // Spec "Comment" / "String": control characters other than tab (U+0000-U+0008, U+000A-U+001F, U+007F)
    // are not allowed in comments or strings; a newline ends a comment and is an error in a one-line string.
    private const string Controls = "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F";
    private static readonly SearchValues<char> CommentStops = SearchValues.Create(Controls);
    private static readonly SearchValues<char> BasicStops = SearchValues.Create(Controls + "\"\\");
    private static readonly SearchValues<char> LiteralStops = SearchValues.Create(Controls + "'");

    private readonly ReadOnlySpan<char> _s;
    private readonly string _text;
    private readonly string _format;
    private readonly TomlTable _root;
    private readonly List<string> _keys = [];
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _poolLookup;
    private char[] _buffer = new char[256];
    private int _length;
    private int _pos;
    private int _line = 1;
    private int _sections;
    private TomlTable _current;
    private int _currentSection;
    private int _currentDepth;

    private TomlParser(string text, string format)
    {
        _s = text;
        _text = text;
        _format = format;
        _root = new TomlTable(1, TomlTableOrigin.Header);
        _current = _root;
        _poolLookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Parses a whole document into its root table.</summary>
    public static TomlTable Parse(string text, string format)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(format);
        var parser = new TomlParser(text, format);
        parser.ParseDocument();
        return parser._root;
    }

    // Spec "Keys"/"Table": a document is a sequence of lines, each blank, a comment, a key/value pair or a
    // table header, optionally followed by a comment.
    private void ParseDocument()
    {
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _s.Length)
                return;
            var c = _s[_pos];
            if (c == '[')
            {
                ParseHeader();
                EndOfLine("a table header");
            }
            else if (IsBareKeyChar(c) || c is '"' or '\'')
            {
                ParseKeyValue();
                EndOfLine("a value");
            }
            else if (c is '\n' or '\r' or '#')
            {
                EndOfLine("whitespace");
            }
            else
            {
                throw Error(_pos, $"expected a key, a [table] header or a comment, found {Describe(c)}");
            }
        }
    }

    private void EndOfLine(string after)
    {
        SkipWhitespace();
        if (_pos < _s.Length && _s[_pos] == '#')
            SkipComment();
        if (_pos >= _s.Length)
            return;
        var c = _s[_pos];
        if (c == '\n')
        {
            _pos++;
            _line++;
            return;
        }
        if (c == '\r')
        {
            ConsumeCrLf();
            return;
        }
        throw Error(_pos, $"expected the end of the line after {after}, found {Describe(c)}");
    }

    private void ConsumeCrLf()
    {
        if (_pos + 1 >= _s.Length || _s[_pos + 1] != '\n')
            throw Error(_pos, "a carriage return (U+000D) must be followed by a line feed");
        _pos += 2;
        _line++;
    }

    private void SkipWhitespace()
    {
        while (_pos < _s.Length && _s[_pos] is ' ' or '\t')
            _pos++;
    }

    /// <summary>From '#' to the end of the line (the newline itself is left).</summary>
    private void SkipComment()
    {
        var rest = _s[(_pos + 1)..];
        var i = rest.IndexOfAny(CommentStops);
        if (i < 0)
        {
            _pos = _s.Length;
            return;
        }
        _pos += 1 + i;
        var c = rest[i];
        if (c == '\n')
            return;
        if (c == '\r')
        {
            if (_pos + 1 < _s.Length && _s[_pos + 1] == '\n')
                return;
            throw Error(_pos, "a carriage return (U+000D) must be followed by a line feed");
        }
        throw Error(_pos, $"control character {Describe(c)} is not allowed in a comment");
    }

    // ---- Keys ------------------------------------------------------------------------------------

    private static bool IsBareKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    /// <summary>Spec "Keys": bare, quoted or dotted; whitespace around dots is ignored. Leaves the parts in <see cref="_keys"/>.</summary>
    private void ParseKey()
    {
        _keys.Clear();
        while (true)
        {
            if (_keys.Count >= ReaderLimits.MaxDocumentDepth)
                throw Error(_pos, $"nesting depth exceeds {ReaderLimits.MaxDocumentDepth} (a dotted key or header with too many parts)");
            _keys.Add(ParseSimpleKey());
            SkipWhitespace();
            if (_pos < _s.Length && _s[_pos] == '.')
            {
                _pos++;
                SkipWhitespace();
                continue;
            }
            return;
        }
    }

    private string ParseSimpleKey()
    {
        if (_pos >= _s.Length)
            throw Error(_pos, "expected a key, found the end of the document");
        var c = _s[_pos];
        if (IsBareKeyChar(c))
        {
            var start = _pos;
            while (_pos < _s.Length && IsBareKeyChar(_s[_pos]))
                _pos++;
            return Intern(_s[start.._pos]);
        }
        if (c == '"')
            return Intern(ScanBasicString());
        if (c == '\'')
            return Intern(ScanLiteralString());
        throw Error(_pos, $"expected a key, found {Describe(c)}");
    }

    private string Intern(ReadOnlySpan<char> key)
    {
        if (_poolLookup.TryGetValue(key, out var interned))
            return interned;
        var text = key.ToString();
        _pool.Add(text, text);
        return text;
    }

    private readonly string KeyPath(int count)
    {
        var parts = new string[count];
        for (var i = 0; i < count; i++)
            parts[i] = QuoteKey(_keys[i]);
        return string.Join('.', parts);
    }

    private static string QuoteKey(string key)
    {
        if (key.Length > 0 && key.AsSpan().IndexOfAnyExcept(BareKeyChars) < 0)
            return key;
        return "\"" + Shorten(key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)) + "\"";
    }

    private static readonly SearchValues<char> BareKeyChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    // ---- Statements ------------------------------------------------------------------------------

    /// <summary>Spec "Table" and "Array of Tables": <c>[a.b]</c> or <c>[[a.b]]</c>.</summary>
    private void ParseHeader()
    {
        var line = _line;
        var isArray = _pos + 1 < _s.Length && _s[_pos + 1] == '[';
        _pos += isArray ? 2 : 1;
        SkipWhitespace();
        ParseKey();
        if (isArray)
        {
            if (_pos + 1 >= _s.Length || _s[_pos] != ']' || _s[_pos + 1] != ']')
                throw Error(_pos, $"expected ']]' to close the header [[{KeyPath(_keys.Count)}]]", line);
            _pos += 2;
        }
        else
        {
            if (_pos >= _s.Length || _s[_pos] != ']')
                throw Error(_pos, $"expected ']' to close the header [{KeyPath(_keys.Count)}]", line);
            _pos++;
        }

        _currentSection = ++_sections;
        _currentDepth = _keys.Count;
        var parent = _root;
        for (var i = 0; i < _keys.Count - 1; i++)
            parent = HeaderStep(parent, i, line, isArray);
        var stem = _keys[^1];
        parent.TryGet(stem, out var existing);
        if (isArray)
        {
            TomlArray array;
            switch (existing)
            {
                case null:
                    array = new TomlArray(line, ofTables: true);
                    parent.Add(stem, array);
                    break;
                case TomlArray { OfTables: true } tables:
                    array = tables;
                    break;
                case TomlArray:
                    throw LineError(line, $"{HeaderText(isArray)} cannot append to '{KeyPath(_keys.Count)}', an inline array (line {existing.Line}); inline arrays are complete once written");
                default:
                    throw LineError(line, $"{HeaderText(isArray)} cannot append to '{KeyPath(_keys.Count)}', which is already {existing.KindNameWithArticle} (line {existing.Line}), not an array of tables");
            }
            var element = new TomlTable(line, TomlTableOrigin.Header);
            array.Add(element);
            _current = element;
            return;
        }

        switch (existing)
        {
            case null:
                var table = new TomlTable(line, TomlTableOrigin.Header);
                parent.Add(stem, table);
                _current = table;
                return;
            case TomlTable { Origin: TomlTableOrigin.Implicit } implied:
                implied.Origin = TomlTableOrigin.Header;
                implied.Line = line;
                _current = implied;
                return;
            case TomlTable { Origin: TomlTableOrigin.Header }:
                throw LineError(line, $"table {HeaderText(isArray)} is defined more than once (first at line {existing.Line})");
            case TomlTable { Origin: TomlTableOrigin.Dotted }:
                throw LineError(line, $"table {HeaderText(isArray)} is already defined by dotted keys at line {existing.Line}");
            case TomlTable:
                throw LineError(line, $"table {HeaderText(isArray)} is already defined as an inline table at line {existing.Line}; inline tables are complete once written");
            case TomlArray { OfTables: true }:
                throw LineError(line, $"table {HeaderText(isArray)} is already an array of tables (line {existing.Line})");
            default:
                throw LineError(line, $"table {HeaderText(isArray)} is already defined as {existing.KindNameWithArticle} at line {existing.Line}");
        }
    }

    private readonly string HeaderText(bool isArray) => isArray ? $"[[{KeyPath(_keys.Count)}]]" : $"[{KeyPath(_keys.Count)}]";

    /// <summary>A header's inner key: any table but an inline one, or the last element of an array of tables.</summary>
    private TomlTable HeaderStep(TomlTable parent, int index, int line, bool isArray)
    {
        var key = _keys[index];
        if (!parent.TryGet(key, out var node))
        {
            var implied = new TomlTable(line, TomlTableOrigin.Implicit);
            parent.Add(key, implied);
            return implied;
        }
        return node switch
        {
            TomlTable { Origin: TomlTableOrigin.Inline } => throw LineError(line, $"header {HeaderText(isArray)} cannot extend '{KeyPath(index + 1)}', an inline table (line {node.Line}); inline tables are complete once written"),
            TomlTable table => table,
            TomlArray { OfTables: true } tables => (TomlTable)tables.Items[^1],
            TomlArray => throw LineError(line, $"header {HeaderText(isArray)} cannot extend '{KeyPath(index + 1)}', an inline array (line {node.Line}); inline arrays are complete once written"),
            _ => throw LineError(line, $"header {HeaderText(isArray)}: '{KeyPath(index + 1)}' is already {node.KindNameWithArticle} (line {node.Line}), not a table"),
        };
    }

    private void ParseKeyValue()
    {
        var line = _line;
        ParseKey();
        var depth = _currentDepth + _keys.Count;
        var parent = WalkDottedKey(_current, _currentSection, line);
        var stem = Assignable(parent, line);
        ExpectEquals();
        parent.Add(stem, ParseValue(line, depth));
    }

    /// <summary>
    /// Spec "Keys": a dotted key creates and extends tables within one section (a header's lines or one
    /// inline table); it cannot reach into a table defined by a header or by another section's dotted
    /// keys, an inline table, an array, or a plain value.
    /// </summary>
    private TomlTable WalkDottedKey(TomlTable start, int section, int line)
    {
        var table = start;
        for (var i = 0; i < _keys.Count - 1; i++)
        {
            var key = _keys[i];
            if (!table.TryGet(key, out var node))
            {
                var created = new TomlTable(line, TomlTableOrigin.Dotted, section);
                table.Add(key, created);
                table = created;
                continue;
            }
            switch (node)
            {
                case TomlTable { Origin: TomlTableOrigin.Implicit } implied:
                    implied.Origin = TomlTableOrigin.Dotted;
                    implied.Section = section;
                    table = implied;
                    break;
                case TomlTable { Origin: TomlTableOrigin.Dotted } dotted when dotted.Section == section:
                    table = dotted;
                    break;
                case TomlTable { Origin: TomlTableOrigin.Dotted }:
                    throw LineError(line, $"dotted key '{KeyPath(_keys.Count)}' cannot add to table '{KeyPath(i + 1)}', which dotted keys in another table defined at line {node.Line}");
                case TomlTable { Origin: TomlTableOrigin.Header }:
                    throw LineError(line, $"dotted key '{KeyPath(_keys.Count)}' cannot add to table '{KeyPath(i + 1)}', which its header defines at line {node.Line}");
                case TomlTable:
                    throw LineError(line, $"dotted key '{KeyPath(_keys.Count)}' cannot extend '{KeyPath(i + 1)}', an inline table (line {node.Line}); inline tables are complete once written");
                case TomlArray { OfTables: true }:
                    throw LineError(line, $"dotted key '{KeyPath(_keys.Count)}' cannot add to '{KeyPath(i + 1)}', an array of tables (line {node.Line})");
                case TomlArray:
                    throw LineError(line, $"dotted key '{KeyPath(_keys.Count)}' cannot extend '{KeyPath(i + 1)}', an inline array (line {node.Line}); inline arrays are complete once written");
                default:
                    throw LineError(line, $"dotted key '{KeyPath(_keys.Count)}': '{KeyPath(i + 1)}' is already {node.KindNameWithArticle} (line {node.Line}), not a table");
            }
        }
        return table;
    }

    private readonly string Assignable(TomlTable parent, int line)
    {
        var stem = _keys[^1];
        if (parent.TryGet(stem, out var existing))
            throw LineError(line, $"key '{KeyPath(_keys.Count)}' is defined more than once (first at line {existing.Line})");
        return stem;
    }

    private void ExpectEquals()
    {
        if (_pos >= _s.Length || _s[_pos] != '=')
        {
            var found = _pos >= _s.Length ? "the end of the document" : Describe(_s[_pos]);
            throw Error(_pos, $"expected '=' after the key '{KeyPath(_keys.Count)}', found {found}");
        }
        _pos++;
        SkipWhitespace();
    }

    // ---- Values ----------------------------------------------------------------------------------

    private TomlNode ParseValue(int line, int depth)
    {
        if (depth > ReaderLimits.MaxDocumentDepth)
            throw Error(_pos, $"nesting depth exceeds {ReaderLimits.MaxDocumentDepth} (arrays, inline tables and dotted keys)");
        if (_pos >= _s.Length)
            throw Error(_pos, "expected a value, found the end of the document");
        var c = _s[_pos];
        switch (c)
        {
            case '"':
                return StringScalar(line, IsTriple('"') ? ScanMultilineBasicString() : ScanBasicString());
            case '\'':
                return StringScalar(line, IsTriple('\'') ? ScanMultilineLiteralString() : ScanLiteralString());
            case '[':
                return ParseArray(line, depth);
            case '{':
                return ParseInlineTable(line, depth);
            case 't' when _s[_pos..].StartsWith("true"):
                _pos += 4;
                ExpectValueEnd(_pos - 4);
                return new TomlScalar(TomlNodeKind.Boolean, line, "true", boolean: true);
            case 'f' when _s[_pos..].StartsWith("false"):
                _pos += 5;
                ExpectValueEnd(_pos - 5);
                return new TomlScalar(TomlNodeKind.Boolean, line, "false");
            case '\n' or '\r' or '#':
                throw Error(_pos, "expected a value on the same line as its key");
            default:
                if (char.IsAsciiDigit(c) || c is '+' or '-' or 'i' or 'n')
                    return ParseNumberOrDateTime(line);
                throw Error(_pos, $"invalid value starting with {Describe(c)}");
        }
    }

    /// <summary>A string value: a lazy slice when it is the document's own text, else the decoded copy.</summary>
    private readonly TomlScalar StringScalar(int line, ReadOnlySpan<char> value) =>
        _s.Overlaps(value, out var offset)
            ? new TomlScalar(TomlNodeKind.String, line, _text, offset, value.Length)
            : new TomlScalar(TomlNodeKind.String, line, value.ToString());

    private readonly bool IsTriple(char quote) =>
        _pos + 2 < _s.Length && _s[_pos + 1] == quote && _s[_pos + 2] == quote;

    /// <summary>Spec "Array": values separated by commas, a trailing comma allowed, newlines and comments between.</summary>
    private TomlArray ParseArray(int line, int depth)
    {
        var openLine = _line;
        _pos++;
        var array = new TomlArray(line, ofTables: false);
        SkipArrayTrivia();
        while (true)
        {
            if (_pos >= _s.Length)
                throw Error(_pos, $"the array opened at line {openLine} is never closed", openLine);
            if (_s[_pos] == ']')
            {
                _pos++;
                return array;
            }
            array.Add(ParseValue(_line, depth + 1));
            SkipArrayTrivia();
            if (_pos >= _s.Length)
                throw Error(_pos, $"the array opened at line {openLine} is never closed", openLine);
            var c = _s[_pos];
            if (c == ']')
            {
                _pos++;
                return array;
            }
            if (c != ',')
                throw Error(_pos, $"expected ',' or ']' in the array opened at line {openLine}, found {Describe(c)}");
            _pos++;
            SkipArrayTrivia();
        }
    }

    private void SkipArrayTrivia()
    {
        while (_pos < _s.Length)
        {
            switch (_s[_pos])
            {
                case ' ' or '\t':
                    _pos++;
                    break;
                case '\n':
                    _pos++;
                    _line++;
                    break;
                case '\r':
                    ConsumeCrLf();
                    break;
                case '#':
                    SkipComment();
                    break;
                default:
                    return;
            }
        }
    }

    /// <summary>
    /// Spec "Inline Table": <c>{ k = v, ... }</c> on one line (values inside may span lines), no trailing
    /// comma; dotted keys build sub-tables inside it; once closed nothing may add to it.
    /// </summary>
    private TomlTable ParseInlineTable(int line, int depth)
    {
        var openLine = _line;
        _pos++;
        var section = ++_sections;
        var table = new TomlTable(line, TomlTableOrigin.Inline);
        SkipWhitespace();
        if (_pos < _s.Length && _s[_pos] == '}')
        {
            _pos++;
            return table;
        }
        while (true)
        {
            if (_pos >= _s.Length)
                throw Error(_pos, $"the inline table opened at line {openLine} is never closed", openLine);
            if (_s[_pos] is '\n' or '\r' or '#')
                throw Error(_pos, $"the inline table opened at line {openLine} must close on the same line (TOML 1.0 inline tables are single-line)");
            var keyLine = _line;
            ParseKey();
            var valueDepth = depth + _keys.Count;
            var parent = WalkDottedKey(table, section, keyLine);
            var stem = Assignable(parent, keyLine);
            ExpectEquals();
            parent.Add(stem, ParseValue(keyLine, valueDepth));
            SkipWhitespace();
            if (_pos >= _s.Length)
                throw Error(_pos, $"the inline table opened at line {openLine} is never closed", openLine);
            var c = _s[_pos];
            if (c == '}')
            {
                _pos++;
                return table;
            }
            if (c != ',')
            {
                if (c is '\n' or '\r' or '#')
                    throw Error(_pos, $"the inline table opened at line {openLine} must close on the same line (TOML 1.0 inline tables are single-line)");
                throw Error(_pos, $"expected ',' or '}}' in the inline table opened at line {openLine}, found {Describe(c)}");
            }
            _pos++;
            SkipWhitespace();
            if (_pos < _s.Length && _s[_pos] == '}')
                throw Error(_pos, "a trailing comma is not allowed in an inline table");
        }
    }

    // ---- Strings ---------------------------------------------------------------------------------

    /// <summary>Spec "String", basic: <c>"..."</c> with escapes, on one line. Returns a slice of the text or of the buffer.</summary>
    private ReadOnlySpan<char> ScanBasicString()
    {
        var open = _pos;
        _pos++;
        var rest = _s[_pos..];
        var i = rest.IndexOfAny(BasicStops);
        if (i >= 0 && rest[i] == '"')
        {
            _pos += i + 1;
            return rest[..i];
        }
        _length = 0;
        while (true)
        {
            if (i < 0)
                throw Error(open, "unterminated string: the document ends before its closing '\"'");
            Append(rest[..i]);
            _pos += i;
            var c = _s[_pos];
            switch (c)
            {
                case '"':
                    _pos++;
                    return _buffer.AsSpan(0, _length);
                case '\\':
                    AppendEscape();
                    break;
                case '\n' or '\r':
                    throw Error(_pos, "unterminated string: a basic string must close on its line (use \"\"\" for several lines)");
                default:
                    throw Error(_pos, $"control character {Describe(c)} must be escaped in a string");
            }
            rest = _s[_pos..];
            i = rest.IndexOfAny(BasicStops);
        }
    }

    /// <summary>Spec "String", literal: <c>'...'</c>, no escapes, on one line.</summary>
    private ReadOnlySpan<char> ScanLiteralString()
    {
        var open = _pos;
        _pos++;
        var rest = _s[_pos..];
        var i = rest.IndexOfAny(LiteralStops);
        if (i < 0)
            throw Error(open, "unterminated literal string: the document ends before its closing \"'\"");
        var c = rest[i];
        if (c == '\'')
        {
            _pos += i + 1;
            return rest[..i];
        }
        _pos += i;
        if (c is '\n' or '\r')
            throw Error(_pos, "unterminated literal string: a literal string must close on its line (use ''' for several lines)");
        throw Error(_pos, $"control character {Describe(c)} is not allowed in a literal string");
    }

    /// <summary>
    /// Spec "String", multi-line basic: <c>"""</c>; a newline right after the opening is trimmed, a
    /// backslash at the end of a line trims the line break and following whitespace, and up to two
    /// quotes may stand right before the closing delimiter. CRLF reads as LF, as in tomllib.
    /// </summary>
    private ReadOnlySpan<char> ScanMultilineBasicString()
    {
        var openLine = _line;
        _pos += 3;
        SkipFirstNewline();
        _length = 0;
        while (true)
        {
            var rest = _s[_pos..];
            var i = rest.IndexOfAny(BasicStops);
            if (i < 0)
                throw Error(_s.Length, $"unterminated multi-line string opened at line {openLine}", openLine);
            Append(rest[..i]);
            _pos += i;
            var c = _s[_pos];
            switch (c)
            {
                case '"':
                    if (CloseTriple('"'))
                        return _buffer.AsSpan(0, _length);
                    break;
                case '\\':
                    var after = _pos + 1;
                    while (after < _s.Length && _s[after] is ' ' or '\t')
                        after++;
                    if (after < _s.Length && (_s[after] == '\n' || (_s[after] == '\r' && after + 1 < _s.Length && _s[after + 1] == '\n')))
                    {
                        _pos = after;
                        SkipWhitespaceAndNewlines();
                    }
                    else if (after > _pos + 1)
                    {
                        throw Error(_pos, "a backslash followed by whitespace must end the line (line-ending backslash)");
                    }
                    else
                    {
                        AppendEscape();
                    }
                    break;
                case '\n':
                    Append('\n');
                    _pos++;
                    _line++;
                    break;
                case '\r':
                    ConsumeCrLf();
                    Append('\n');
                    break;
                default:
                    throw Error(_pos, $"control character {Describe(c)} must be escaped in a string");
            }
        }
    }

    /// <summary>Spec "String", multi-line literal: <c>'''</c>, no escapes.</summary>
    private ReadOnlySpan<char> ScanMultilineLiteralString()
    {
        var openLine = _line;
        _pos += 3;
        SkipFirstNewline();
        _length = 0;
        while (true)
        {
            var rest = _s[_pos..];
            var i = rest.IndexOfAny(LiteralStops);
            if (i < 0)
                throw Error(_s.Length, $"unterminated multi-line literal string opened at line {openLine}", openLine);
            Append(rest[..i]);
            _pos += i;
            var c = _s[_pos];
            switch (c)
            {
                case '\'':
                    if (CloseTriple('\''))
                        return _buffer.AsSpan(0, _length);
                    break;
                case '\n':
                    Append('\n');
                    _pos++;
                    _line++;
                    break;
                case '\r':
                    ConsumeCrLf();
                    Append('\n');
                    break;
                default:
                    throw Error(_pos, $"control character {Describe(c)} is not allowed in a literal string");
            }
        }
    }

    private void SkipFirstNewline()
    {
        if (_pos < _s.Length && _s[_pos] == '\n')
        {
            _pos++;
            _line++;
        }
        else if (_pos < _s.Length && _s[_pos] == '\r')
        {
            ConsumeCrLf();
        }
    }

    /// <summary>At a quote inside a multi-line string: true (and past it) at the closing delimiter; else appends the quotes.</summary>
    private bool CloseTriple(char quote)
    {
        var run = 0;
        while (_pos + run < _s.Length && _s[_pos + run] == quote && run < 5)
            run++;
        if (run < 3)
        {
            for (var k = 0; k < run; k++)
                Append(quote);
            _pos += run;
            return false;
        }
        // Up to two quotes right before the closing delimiter belong to the content.
        for (var k = 3; k < run; k++)
            Append(quote);
        _pos += run;
        return true;
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (_pos < _s.Length)
        {
            switch (_s[_pos])
            {
                case ' ' or '\t':
                    _pos++;
                    break;
                case '\n':
                    _pos++;
                    _line++;
                    break;
                case '\r':
                    ConsumeCrLf();
                    break;
                default:
                    return;
            }
        }
    }

    /// <summary>Spec "String": \b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX (a Unicode scalar value); nothing else.</summary>
    private void AppendEscape()
    {
        if (_pos + 1 >= _s.Length)
            throw Error(_pos, "unterminated string: the document ends after a backslash");
        var c = _s[_pos + 1];
        switch (c)
        {
            case 'b': Append('\b'); break;
            case 't': Append('\t'); break;
            case 'n': Append('\n'); break;
            case 'f': Append('\f'); break;
            case 'r': Append('\r'); break;
            case '"': Append('"'); break;
            case '\\': Append('\\'); break;
            case 'u' or 'U':
                AppendUnicodeEscape(c == 'u' ? 4 : 8);
                return;
            default:
                throw Error(_pos, $"invalid escape sequence '\\{(c < ' ' || c == '\u007F' ? Describe(c) : c.ToString())}' (TOML 1.0 allows \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)");
        }
        _pos += 2;
    }

    private void AppendUnicodeEscape(int digits)
    {
        var start = _pos;
        var value = 0;
        for (var k = 0; k < digits; k++)
        {
            var at = _pos + 2 + k;
            var h = at < _s.Length ? HexValue(_s[at]) : -1;
            if (h < 0)
                throw Error(start, $"invalid escape sequence '{Shorten(_s.Slice(start, Math.Min(digits + 2, _s.Length - start)).ToString())}': \\{_s[start + 1]} takes exactly {digits} hexadecimal digits");
            value = (value << 4) | h;
        }
        // Eight hex digits can exceed int: anything with a top nibble set is out of range anyway.
        if ((digits == 8 && _s[start + 2] != '0') || value > 0x10FFFF || value is >= 0xD800 and <= 0xDFFF)
            throw Error(start, $"escape '{_s.Slice(start, digits + 2)}' is not a Unicode scalar value");
        if (value <= 0xFFFF)
        {
            Append((char)value);
        }
        else
        {
            Span<char> pair = stackalloc char[2];
            new Rune(value).EncodeToUtf16(pair);
            Append(pair);
        }
        _pos += digits + 2;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private void Append(char c)
    {
        if (_length == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2);
        _buffer[_length++] = c;
    }

    private void Append(scoped ReadOnlySpan<char> chars)
    {
        if (_length + chars.Length > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + chars.Length));
        chars.CopyTo(_buffer.AsSpan(_length));
        _length += chars.Length;
    }

    // ---- Numbers and date-times --------------------------------------------------------------------

    private TomlScalar ParseNumberOrDateTime(int line)
    {
        var start = _pos;
        if (IsDigits(start, 4) && At(start + 4) == '-')
            return ParseDateTime(line, start);
        if (IsDigits(start, 2) && At(start + 2) == ':')
            return ParseLocalTime(line, start);

        var end = start;
        while (end < _s.Length && (char.IsAsciiLetterOrDigit(_s[end]) || _s[end] is '_' or '.' or '+' or '-'))
            end++;
        var token = _s[start..end];
        var problem = ValidateNumber(token, out var kind);
        if (problem is not null)
            throw Error(start, $"invalid number '{Shorten(token.ToString())}': {problem}");
        _pos = end;
        ExpectValueEnd(start);
        return new TomlScalar(kind, line, _text, start, end - start);
    }

    /// <summary>
    /// Spec "Integer" and "Float": decimal <c>[+-]</c>(0 | [1-9] digits) with single underscores between
    /// digits; <c>0x</c>/<c>0o</c>/<c>0b</c> without sign; a fraction and/or exponent make a float, as do
    /// <c>inf</c> and <c>nan</c> with an optional sign. Integers are not range-checked (tomllib keeps any size).
    /// </summary>
    internal static string? ValidateNumber(ReadOnlySpan<char> token, out TomlNodeKind kind)
    {
        kind = TomlNodeKind.Integer;
        var body = token;
        var signed = body.Length > 0 && body[0] is '+' or '-';
        if (signed)
            body = body[1..];
        if (body is "inf" or "nan")
        {
            kind = TomlNodeKind.Float;
            return null;
        }
        if (body.Length >= 2 && body[0] == '0' && body[1] is 'x' or 'o' or 'b')
        {
            if (signed)
                return "hexadecimal, octal and binary integers take no sign";
            var radix = body[1] switch { 'x' => 16, 'o' => 8, _ => 2 };
            return ValidateDigits(body[2..], radix, "digits after the prefix");
        }
        if (body.Length >= 2 && body[0] == '0' && body[1] is 'X' or 'O' or 'B')
            return "the prefix must be lower case (0x, 0o, 0b)";

        var intEnd = body.IndexOfAny('.', 'e', 'E');
        var integer = intEnd < 0 ? body : body[..intEnd];
        if (ValidateDigits(integer, 10, "an integer part") is { } integerProblem)
            return integerProblem;
        if (integer.Length > 1 && integer[0] == '0')
            return "leading zeros are not allowed";
        ReadOnlySpan<char> rest = intEnd < 0 ? [] : body[intEnd..];
        if (rest.Length > 0 && rest[0] == '.')
        {
            kind = TomlNodeKind.Float;
            var fractionEnd = rest.IndexOfAny('e', 'E');
            var fraction = fractionEnd < 0 ? rest[1..] : rest[1..fractionEnd];
            if (ValidateDigits(fraction, 10, "digits after the decimal point") is { } fractionProblem)
                return fractionProblem;
            rest = fractionEnd < 0 ? [] : rest[fractionEnd..];
        }
        if (rest.Length > 0 && rest[0] is 'e' or 'E')
        {
            kind = TomlNodeKind.Float;
            var exponent = rest[1..];
            if (exponent.Length > 0 && exponent[0] is '+' or '-')
                exponent = exponent[1..];
            return ValidateDigits(exponent, 10, "exponent digits");
        }
        return null;
    }

    private static string? ValidateDigits(ReadOnlySpan<char> digits, int radix, string what)
    {
        if (digits.IsEmpty)
            return $"expected {what}";
        if (digits[0] == '_' || digits[^1] == '_')
            return "an underscore must stand between two digits";
        for (var i = 0; i < digits.Length; i++)
        {
            var c = digits[i];
            if (c == '_')
            {
                if (digits[i - 1] == '_')
                    return "an underscore must stand between two digits";
                continue;
            }
            var ok = radix switch
            {
                16 => char.IsAsciiHexDigit(c),
                8 => c is >= '0' and <= '7',
                2 => c is '0' or '1',
                _ => char.IsAsciiDigit(c),
            };
            if (!ok)
                return $"{Describe(c)} is not allowed here";
        }
        return null;
    }

    /// <summary>Spec "Offset Date-Time", "Local Date-Time", "Local Date" (RFC 3339; 'T', 't' or a space before the time).</summary>
    private TomlScalar ParseDateTime(int line, int start)
    {
        var p = start;
        var year = Number(p, 4);
        var month = Number(p + 5, 2);
        var day = Number(p + 8, 2);
        if (At(p + 7) != '-' || month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month))
            throw BadDateTime(start, "not a valid date (YYYY-MM-DD)");
        p += 10;
        var kind = TomlNodeKind.LocalDate;
        var separator = At(p);
        if (separator is 'T' or 't' || (separator == ' ' && char.IsAsciiDigit(At(p + 1))))
        {
            p = Time(p + 1, start);
            kind = TomlNodeKind.LocalDateTime;
            var zone = At(p);
            if (zone is 'Z' or 'z')
            {
                p++;
                kind = TomlNodeKind.OffsetDateTime;
            }
            else if (zone is '+' or '-')
            {
                var hours = Number(p + 1, 2);
                var minutes = Number(p + 4, 2);
                if (At(p + 3) != ':' || hours is < 0 or > 23 || minutes is < 0 or > 59)
                    throw BadDateTime(start, "the offset must be Z or ±HH:MM");
                p += 6;
                kind = TomlNodeKind.OffsetDateTime;
            }
        }
        _pos = p;
        ExpectValueEnd(start);
        return new TomlScalar(kind, line, _text, start, p - start);
    }

    /// <summary>Spec "Local Time": HH:MM:SS with optional fractional seconds.</summary>
    private TomlScalar ParseLocalTime(int line, int start)
    {
        _pos = Time(start, start);
        ExpectValueEnd(start);
        return new TomlScalar(TomlNodeKind.LocalTime, line, _text, start, _pos - start);
    }

    private readonly int Time(int p, int start)
    {
        var hour = Number(p, 2);
        var minute = Number(p + 3, 2);
        var second = Number(p + 6, 2);
        if (At(p + 2) != ':' || At(p + 5) != ':' || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
            throw BadDateTime(start, "not a valid time (HH:MM:SS, seconds required)");
        p += 8;
        if (At(p) == '.')
        {
            p++;
            if (!char.IsAsciiDigit(At(p)))
                throw BadDateTime(start, "fractional seconds need at least one digit");
            while (char.IsAsciiDigit(At(p)))
                p++;
        }
        return p;
    }

    private readonly MalformedDataException BadDateTime(int start, string reason)
    {
        var end = start;
        while (end < _s.Length && !IsValueEnd(_s[end]))
            end++;
        return Error(start, $"invalid date-time '{Shorten(_s[start..end].ToString())}': {reason}");
    }

    private readonly char At(int index) => index < _s.Length ? _s[index] : '\0';

    private readonly bool IsDigits(int start, int count)
    {
        if (start + count > _s.Length)
            return false;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(_s[i]))
                return false;
        }
        return true;
    }

    /// <summary>The value of <paramref name="count"/> ASCII digits at <paramref name="start"/>, or -1.</summary>
    private readonly int Number(int start, int count)
    {
        if (!IsDigits(start, count))
            return -1;
        var value = 0;
        for (var i = start; i < start + count; i++)
            value = (value * 10) + (_s[i] - '0');
        return value;
    }

    private static bool IsValueEnd(char c) => c is ' ' or '\t' or '\n' or '\r' or '#' or ',' or ']' or '}';

    /// <summary>A number, boolean or date-time ends at whitespace, a newline, a comment, ',', ']' or '}'.</summary>
    private readonly void ExpectValueEnd(int start)
    {
        if (_pos >= _s.Length || IsValueEnd(_s[_pos]))
            return;
        var end = _pos;
        while (end < _s.Length && !IsValueEnd(_s[end]))
            end++;
        throw Error(start, $"invalid value '{Shorten(_s[start..end].ToString())}'");
    }

    // ---- Errors ----------------------------------------------------------------------------------

    private static string Describe(char c) => c switch
    {
        '\n' => "a line feed",
        '\r' => "a carriage return",
        '\t' => "a tab",
        < ' ' or '\u007F' => $"U+{(int)c:X4}",
        _ => $"'{c}'",
    };

    private static string Shorten(string text) => text.Length <= MaxQuoted ? text : text[..(MaxQuoted - 3)] + "...";

    /// <summary>An error at a position; the line is counted from the start of the text (once, on the error path).</summary>
    private readonly MalformedDataException Error(int position, string message, int? line = null)
    {
        var at = line ?? (1 + _s[..Math.Min(position, _s.Length)].Count('\n'));
        return new MalformedDataException(_format, Prefix + message, line: at);
    }

    private readonly MalformedDataException LineError(int line, string message) =>
        new(_format, Prefix + message, line: line);
}
