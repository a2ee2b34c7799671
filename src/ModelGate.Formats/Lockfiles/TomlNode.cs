namespace ModelGate.Formats.Lockfiles;

/// <summary>What a TOML value is; the readers check it before they trust a field.</summary>
internal enum TomlNodeKind
{
    Table,
    Array,
    String,
    Integer,
    Float,
    Boolean,
    DateTime,
}

/// <summary>
/// A TOML value with the 1-based line where it starts: a table's header line (<c>[[package]]</c>,
/// <c>[package.source]</c>), an inline table's or array's opening line, a scalar's line.
/// </summary>
internal abstract class TomlNode(TomlNodeKind kind, int line)
{
    public TomlNodeKind Kind { get; } = kind;

    public int Line { get; internal set; } = line;

    /// <summary>The TOML type name, for messages ("string", "integer", "table"...).</summary>
    public string KindName => Kind switch
    {
        TomlNodeKind.Table => "table",
        TomlNodeKind.Array => "array",
        TomlNodeKind.String => "string",
        TomlNodeKind.Integer => "integer",
        TomlNodeKind.Float => "float",
        TomlNodeKind.Boolean => "boolean",
        _ => "date-time",
    };
}

/// <summary>A string, number, boolean or date-time; <see cref="Text"/> is the decoded string or the value's invariant text.</summary>
internal sealed class TomlScalar(TomlNodeKind kind, int line, string text, bool boolean = false) : TomlNode(kind, line)
{
    public string Text { get; } = text;

    public bool Boolean { get; } = boolean;
}

/// <summary>A TOML array (inline or of tables), in document order.</summary>
internal sealed class TomlArray(int line) : TomlNode(TomlNodeKind.Array, line)
{
    public List<TomlNode> Items { get; } = [];

    /// <summary>An array of tables (<c>[[name]]</c> headers) rather than an inline array.</summary>
    public bool OfTables { get; init; }
}

/// <summary>
/// A TOML table; keys keep document order. Lock entries have a handful of keys each, so lookups scan
/// a list and a dictionary is built only for wide tables (a 3,000-package lock has ~30,000 tables).
/// </summary>
internal sealed class TomlTable(int line) : TomlNode(TomlNodeKind.Table, line)
{
    private const int IndexThreshold = 12;
    private readonly List<KeyValuePair<string, TomlNode>> _entries = [];
    private Dictionary<string, TomlNode>? _index;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IReadOnlyList<KeyValuePair<string, TomlNode>> Entries => _entries;

    public int Count => _entries.Count;

    public TomlNode? this[string key] => TryGetValue(key, out var value) ? value : null;

    public bool TryGetValue(string key, out TomlNode? value)
    {
        if (_index is not null)
            return _index.TryGetValue(key, out value);
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                value = entry.Value;
                return true;
            }
        }
        value = null;
        return false;
    }

    internal void Add(string key, TomlNode value)
    {
        _entries.Add(new KeyValuePair<string, TomlNode>(key, value));
        if (_index is not null)
        {
            _index.Add(key, value);
        }
        else if (_entries.Count > IndexThreshold)
        {
            _index = new Dictionary<string, TomlNode>(_entries.Count * 2, StringComparer.Ordinal);
            foreach (var entry in _entries)
                _index.Add(entry.Key, entry.Value);
        }
    }
}
