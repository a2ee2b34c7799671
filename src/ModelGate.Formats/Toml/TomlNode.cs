using System.Diagnostics.CodeAnalysis;

namespace ModelGate.Formats.Toml;

/// <summary>The TOML 1.0 value types ("Table", "Array", "String", "Integer", "Float", "Boolean" and the four date/time types).</summary>
internal enum TomlNodeKind
{
    Table,
    Array,
    String,
    Integer,
    Float,
    Boolean,
    OffsetDateTime,
    LocalDateTime,
    LocalDate,
    LocalTime,
}

/// <summary>
/// A TOML value with the 1-based line where it starts: the header's line for a <c>[table]</c> or a
/// <c>[[array.of.tables]]</c> element, the key's line for a key/value (and for the tables its dotted key
/// creates), the value's own line for an element of an inline array.
/// </summary>
/// <remarks>
/// The convenience members (<see cref="Get"/>, <see cref="Items"/>, <see cref="Text"/>...) answer "absent"
/// on a node of another kind, so readers can probe a document without casting at every step.
/// </remarks>
internal abstract class TomlNode
{
    private protected TomlNode(TomlNodeKind kind, int line)
    {
        Kind = kind;
        Line = line;
    }

    public TomlNodeKind Kind { get; }

    /// <summary>1-based line where the value (or its header or key) is written.</summary>
    public int Line { get; internal set; }

    public bool IsTable => Kind == TomlNodeKind.Table;

    public bool IsArray => Kind == TomlNodeKind.Array;

    public bool IsString => Kind == TomlNodeKind.String;

    /// <summary>The decoded string, or the source text of a number, boolean or date/time; null for tables and arrays.</summary>
    public virtual string? Text => null;

    /// <summary>The boolean value, or null when this is not a boolean.</summary>
    public bool? AsBoolean => this is TomlScalar { Kind: TomlNodeKind.Boolean } b ? b.Boolean : null;

    /// <summary>Array elements in order; empty for other kinds.</summary>
    public virtual IReadOnlyList<TomlNode> Items => [];

    /// <summary>Table entries in document order; empty for other kinds.</summary>
    public virtual IReadOnlyList<KeyValuePair<string, TomlNode>> Entries => [];

    /// <summary>The TOML type name, for messages ("string", "integer", "table", "local date"...).</summary>
    public string KindName => Kind switch
    {
        TomlNodeKind.Table => "table",
        TomlNodeKind.Array => "array",
        TomlNodeKind.String => "string",
        TomlNodeKind.Integer => "integer",
        TomlNodeKind.Float => "float",
        TomlNodeKind.Boolean => "boolean",
        TomlNodeKind.OffsetDateTime => "offset date-time",
        TomlNodeKind.LocalDateTime => "local date-time",
        TomlNodeKind.LocalDate => "local date",
        _ => "local time",
    };

    /// <summary>The type name with its article ("a string", "an integer", "an offset date-time").</summary>
    public string KindNameWithArticle => Kind is TomlNodeKind.Array or TomlNodeKind.Integer or TomlNodeKind.OffsetDateTime
        ? "an " + KindName
        : "a " + KindName;

    /// <summary>The value under <paramref name="key"/> when this is a table that has it.</summary>
    public virtual bool TryGet(string key, [NotNullWhen(true)] out TomlNode? value)
    {
        value = null;
        return false;
    }

    /// <summary>The value under <paramref name="key"/>, or null when absent or when this is not a table.</summary>
    public TomlNode? Get(string key) => TryGet(key, out var value) ? value : null;

    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public TomlNode? this[string key] => Get(key);

    /// <summary>The node at a path of keys, or null when a step is missing or not a table.</summary>
    public TomlNode? GetPath(params ReadOnlySpan<string> keys)
    {
        var node = this;
        foreach (var key in keys)
        {
            if (!node.TryGet(key, out var next))
                return null;
            node = next;
        }
        return node;
    }

    /// <summary>A string value under <paramref name="key"/>, or null when absent or not a string.</summary>
    public string? GetString(string key) => TryGet(key, out var value) && value.IsString ? value.Text : null;

    public override string ToString() => Kind switch
    {
        TomlNodeKind.Table => $"table ({Entries.Count} keys) at line {Line}",
        TomlNodeKind.Array => $"array ({Items.Count} items) at line {Line}",
        _ => $"{KindName} '{Text}' at line {Line}",
    };
}

/// <summary>
/// A string, number, boolean or date/time. Numbers and date/times keep their validated source text.
/// Text that needs no decoding stays a slice of the document until it is first read: lock readers use
/// a few fields of each entry, and the strings they never read are never allocated.
/// </summary>
internal sealed class TomlScalar : TomlNode
{
    private readonly string? _source;
    private readonly int _start;
    private readonly int _length;
    private string? _text;

    internal TomlScalar(TomlNodeKind kind, int line, string text, bool boolean = false)
        : base(kind, line)
    {
        _text = text;
        Boolean = boolean;
    }

    internal TomlScalar(TomlNodeKind kind, int line, string source, int start, int length)
        : base(kind, line)
    {
        _source = source;
        _start = start;
        _length = length;
    }

    public override string Text => _text ??= _source!.Substring(_start, _length);

    public bool Boolean { get; }
}

/// <summary>A TOML array: an inline <c>[...]</c> value (static, closed to later additions) or an array of tables.</summary>
internal sealed class TomlArray : TomlNode
{
    private readonly List<TomlNode> _items = [];

    internal TomlArray(int line, bool ofTables)
        : base(TomlNodeKind.Array, line) => OfTables = ofTables;

    /// <summary>True for the array <c>[[name]]</c> headers build; false for an inline array value.</summary>
    public bool OfTables { get; }

    public override IReadOnlyList<TomlNode> Items => _items;

    internal void Add(TomlNode item) => _items.Add(item);
}

/// <summary>How a table came to exist; TOML 1.0 "Table" and "Keys" decide from this what may still add to it.</summary>
internal enum TomlTableOrigin
{
    /// <summary>Named only as a prefix of a header (<c>a</c> in <c>[a.b]</c>); a later <c>[a]</c> may define it.</summary>
    Implicit,

    /// <summary>Defined by a <c>[header]</c>, as an array-of-tables element, or the root.</summary>
    Header,

    /// <summary>Created or extended by dotted keys within one section (<see cref="TomlTable.Section"/>).</summary>
    Dotted,

    /// <summary>An inline table <c>{...}</c>: complete once written.</summary>
    Inline,
}

/// <summary>
/// A TOML table; entries keep document order. Most tables have a handful of keys, so lookups scan the
/// list; a dictionary index is built the first time a wide table is searched.
/// </summary>
internal sealed class TomlTable : TomlNode
{
    private const int IndexThreshold = 8;
    private readonly List<KeyValuePair<string, TomlNode>> _entries = [];
    private Dictionary<string, int>? _index;

    internal TomlTable(int line, TomlTableOrigin origin, int section = 0)
        : base(TomlNodeKind.Table, line)
    {
        Origin = origin;
        Section = section;
    }

    internal TomlTableOrigin Origin { get; set; }

    /// <summary>For <see cref="TomlTableOrigin.Dotted"/>: the section (header or inline table) whose dotted keys made it.</summary>
    internal int Section { get; set; }

    public override IReadOnlyList<KeyValuePair<string, TomlNode>> Entries => _entries;

    public int Count => _entries.Count;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public override bool TryGet(string key, [NotNullWhen(true)] out TomlNode? value) => TryGet(key.AsSpan(), out value);

    /// <summary>Looks a key up without allocating a string for it.</summary>
    internal bool TryGet(ReadOnlySpan<char> key, [NotNullWhen(true)] out TomlNode? value)
    {
        if (_entries.Count > IndexThreshold)
        {
            _index ??= BuildIndex();
            if (_index.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out var i))
            {
                value = _entries[i].Value;
                return true;
            }
            value = null;
            return false;
        }
        foreach (var entry in _entries)
        {
            if (key.SequenceEqual(entry.Key))
            {
                value = entry.Value;
                return true;
            }
        }
        value = null;
        return false;
    }

    public bool TryGetValue(string key, [NotNullWhen(true)] out TomlNode? value) => TryGet(key.AsSpan(), out value);

    internal void Add(string key, TomlNode value)
    {
        _index?.Add(key, _entries.Count);
        _entries.Add(new KeyValuePair<string, TomlNode>(key, value));
    }

    private Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(_entries.Count * 2, StringComparer.Ordinal);
        for (var i = 0; i < _entries.Count; i++)
            index.Add(_entries[i].Key, i);
        return index;
    }
}
