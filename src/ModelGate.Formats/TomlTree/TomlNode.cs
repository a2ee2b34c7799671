using System.Diagnostics.CodeAnalysis;

namespace ModelGate.Formats.TomlTree;

/// <summary>
/// One TOML value with the 1-based line where it is written: a key/value's line for scalars and inline
/// tables, the header's line for <c>[table]</c> and <c>[[array.of.tables]]</c>, the element's own line
/// inside an array. Manifests need that line for every dependency, which Tomlyn's model does not keep.
/// </summary>
public sealed class TomlNode
{
    private readonly List<TomlNode> _items = [];
    private readonly List<KeyValuePair<string, TomlNode>> _entries = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    internal TomlNode(TomlNodeKind kind, int line, string? text = null)
    {
        Kind = kind;
        Line = line;
        Text = text;
    }

    public TomlNodeKind Kind { get; }

    /// <summary>1-based line of the value (or of the key that introduces it).</summary>
    public int Line { get; internal set; }

    /// <summary>Decoded string, or the source text of a number, boolean or date-time.</summary>
    public string? Text { get; }

    /// <summary>True when this table was only implied by a dotted key or a deeper header so far.</summary>
    internal bool Implicit { get; set; }

    /// <summary>True for the array built by <c>[[header]]</c> tables.</summary>
    internal bool IsTableArray { get; init; }

    /// <summary>True when the value is an inline table or a static array, which TOML closes for later extension.</summary>
    internal bool IsInline { get; init; }

    /// <summary>Array elements in order (empty for other kinds).</summary>
    public IReadOnlyList<TomlNode> Items => _items;

    /// <summary>Table entries in document order (empty for other kinds).</summary>
    public IReadOnlyList<KeyValuePair<string, TomlNode>> Entries => _entries;

    public bool IsString => Kind == TomlNodeKind.String;

    public bool IsTable => Kind == TomlNodeKind.Table;

    public bool IsArray => Kind == TomlNodeKind.Array;

    /// <summary>The boolean value, or null when this is not a boolean.</summary>
    public bool? AsBoolean => Kind == TomlNodeKind.Boolean ? Text == "true" : null;

    /// <summary>The value under <paramref name="key"/> when this is a table that has it.</summary>
    public bool TryGet(string key, [NotNullWhen(true)] out TomlNode? value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            value = _entries[i].Value;
            return true;
        }
        value = null;
        return false;
    }

    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public TomlNode? Get(string key) => TryGet(key, out var v) ? v : null;

    /// <summary>The node at a dotted path of keys, or null when any step is missing or not a table.</summary>
    public TomlNode? GetPath(params ReadOnlySpan<string> keys)
    {
        var node = this;
        foreach (var key in keys)
        {
            if (!node.IsTable || !node.TryGet(key, out var next))
                return null;
            node = next;
        }
        return node;
    }

    /// <summary>A string value under <paramref name="key"/>, or null when missing or not a string.</summary>
    public string? GetString(string key) => TryGet(key, out var v) && v.IsString ? v.Text : null;

    /// <summary>True for an array whose elements are all tables.</summary>
    public bool IsTableArrayOrInlineArrayOfTables() => IsArray && _items.TrueForAll(i => i.IsTable);

    internal void AddItem(TomlNode item) => _items.Add(item);

    internal void Add(string key, TomlNode value)
    {
        _index.Add(key, _entries.Count);
        _entries.Add(new(key, value));
    }

    public override string ToString() => Kind switch
    {
        TomlNodeKind.Table => $"table ({_entries.Count} keys) at line {Line}",
        TomlNodeKind.Array => $"array ({_items.Count} items) at line {Line}",
        _ => $"{Kind} '{Text}' at line {Line}",
    };
}
