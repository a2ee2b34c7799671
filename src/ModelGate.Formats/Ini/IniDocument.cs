namespace ModelGate.Formats.Ini;

/// <summary>An INI file as Python's <c>configparser</c> reads it, with the line of every section, key and value line.</summary>
public sealed class IniDocument
{
    internal IniDocument(IReadOnlyList<IniSection> sections, IReadOnlyList<IniError> errors)
    {
        Sections = sections;
        Errors = errors;
    }

    public IReadOnlyList<IniSection> Sections { get; }

    /// <summary>Lines <c>configparser</c> would reject; the rest of the file is still read.</summary>
    public IReadOnlyList<IniError> Errors { get; }

    /// <summary>The first section with this name (names are case-sensitive, as in configparser), or null.</summary>
    public IniSection? Section(string name) => Sections.FirstOrDefault(s => s.Name == name);
}

/// <summary><c>[name]</c> and its options.</summary>
public sealed record IniSection(string Name, int Line, IReadOnlyList<IniOption> Options)
{
    /// <summary>The option with this key, or null. setuptools keeps keys case-sensitive.</summary>
    public IniOption? Option(string key) => Options.FirstOrDefault(o => o.Key == key);
}

/// <summary>
/// <c>key = value</c> (or <c>key: value</c>) with its continuation lines. <see cref="Values"/> holds the
/// non-empty value lines, each stripped, with its own physical line: the text after the delimiter first
/// (when not empty), then every more-indented line that follows. Comment lines inside the value are dropped.
/// </summary>
public sealed record IniOption(string Key, int Line, IReadOnlyList<IniValueLine> Values)
{
    /// <summary>True when the value was written on the key's line only (setuptools then splits lists on ';' or ',').</summary>
    public bool IsSingleLine { get; init; }

    /// <summary>The value as configparser returns it: the lines joined with newlines.</summary>
    public string Value => string.Join('\n', Values.Select(v => v.Text));
}

public readonly record struct IniValueLine(int Line, string Text);

public readonly record struct IniError(int Line, string Message);
