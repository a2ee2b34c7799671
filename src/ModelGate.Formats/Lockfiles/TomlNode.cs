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

/// <summary>A TOML table; keys keep document order.</summary>
internal sealed class TomlTable(int line) : TomlNode(TomlNodeKind.Table, line)
{
    private readonly Dictionary<string, TomlNode> _values = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];

    public IReadOnlyList<string> Keys => _keys;

    public int Count => _keys.Count;

    public TomlNode? this[string key] => _values.GetValueOrDefault(key);

    public bool TryGetValue(string key, out TomlNode? value) => _values.TryGetValue(key, out value);

    internal void Add(string key, TomlNode value)
    {
        _values.Add(key, value);
        _keys.Add(key);
    }
}
