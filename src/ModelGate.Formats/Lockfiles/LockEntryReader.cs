using System.Diagnostics.CodeAnalysis;
using ModelGate.Formats.Pep508;
using ModelGate.Formats.Toml;

namespace ModelGate.Formats.Lockfiles;

/// <summary>
/// Typed access to a TOML lock entry (see <see cref="TomlParser"/>). A field of the wrong type is recorded as an error at its line
/// and read as absent, so the rest of the entry (and of the file) is still read.
/// </summary>
internal sealed class LockEntryReader(List<LockfileError> errors)
{
    public List<LockfileError> Errors { get; } = errors;

    public void Error(int? line, string message) => Errors.Add(new LockfileError(line is > 0 ? line : null, message));

    public string? String(TomlTable table, string key, string where)
    {
        var node = table[key];
        if (node is null)
            return null;
        if (node is TomlScalar { Kind: TomlNodeKind.String } s)
            return s.Text;
        Error(node.Line, $"{where}: '{key}' is {node.KindNameWithArticle}, expected a string");
        return null;
    }

    public bool Boolean(TomlTable table, string key, string where)
    {
        var node = table[key];
        if (node is null)
            return false;
        if (node is TomlScalar { Kind: TomlNodeKind.Boolean } b)
            return b.Boolean;
        Error(node.Line, $"{where}: '{key}' is {node.KindNameWithArticle}, expected true or false");
        return false;
    }

    public TomlTable? Table(TomlTable table, string key, string where)
    {
        var node = table[key];
        if (node is null or TomlTable)
            return (TomlTable?)node;
        Error(node.Line, $"{where}: '{key}' is {node.KindNameWithArticle}, expected a table");
        return null;
    }

    public TomlArray? Array(TomlTable table, string key, string where)
    {
        var node = table[key];
        if (node is null or TomlArray)
            return (TomlArray?)node;
        Error(node.Line, $"{where}: '{key}' is {node.KindNameWithArticle}, expected an array");
        return null;
    }

    /// <summary>
    /// Reads every table of the array of tables <paramref name="key"/> (<c>[[package]]</c>) with
    /// <paramref name="read"/>; an item that is not a table is an error and skipped, and so is a table
    /// <paramref name="read"/> rejects (returns null for).
    /// </summary>
    public List<LockedPackage> Packages(TomlTable root, string key, Func<TomlTable, LockedPackage?> read)
    {
        var packages = new List<LockedPackage>();
        if (Array(root, key, "document") is not { } entries)
            return packages;
        foreach (var node in entries.Items)
        {
            if (node is not TomlTable entry)
            {
                Error(node.Line, $"a '{key}' item is {node.KindNameWithArticle}, expected a table");
                continue;
            }
            if (read(entry) is { } package)
                packages.Add(package);
        }
        return packages;
    }

    /// <summary>An array of strings; items of another type are errors and skipped.</summary>
    public List<string> Strings(TomlTable table, string key, string where)
    {
        var result = new List<string>();
        if (Array(table, key, where) is not { } array)
            return result;
        foreach (var item in array.Items)
        {
            if (item is TomlScalar { Kind: TomlNodeKind.String } s)
                result.Add(s.Text);
            else
                Error(item.Line, $"{where}: an item of '{key}' is {item.KindNameWithArticle}, expected a string");
        }
        return result;
    }

    /// <summary>
    /// The entry's distribution name; null (with an error) when missing, not a string or not a valid
    /// PEP 508 name: such an entry cannot be matched to advisories and is left out.
    /// </summary>
    /// <summary>
    /// The entry's name and optional version, with <paramref name="where"/> ("package 'x'") for later
    /// messages. False when the name is missing or invalid, or the version is present but not a string
    /// (both reported): the entry cannot be used.
    /// </summary>
    public bool NameAndVersion(TomlTable entry, string header, [NotNullWhen(true)] out string? name, out string? version, [NotNullWhen(true)] out string? where)
    {
        version = null;
        where = null;
        name = Name(entry, header);
        if (name is null)
            return false;
        where = $"package '{name}'";
        version = String(entry, "version", where);
        return version is not null || entry["version"] is null;
    }

    public string? Name(TomlTable entry, string header)
    {
        // The entry's label ("[[package]] at line 12") is built only for a message.
        string What() => $"{header} at line {entry.Line}";
        var node = entry["name"];
        if (node is null)
        {
            Error(entry.Line, $"{What()} has no 'name'");
            return null;
        }
        if (node is not TomlScalar { Kind: TomlNodeKind.String } s)
        {
            Error(node.Line, $"{What()}: 'name' is {node.KindNameWithArticle}, expected a string");
            return null;
        }
        if (!PackageName.IsValid(s.Text))
        {
            Error(node.Line, $"{What()}: '{Shorten(s.Text)}' is not a valid package name");
            return null;
        }
        return s.Text;
    }

    /// <summary>Adds a hash string to the list or records why it is not one.</summary>
    public void Hash(LockfileHashes hashes, TomlNode? node, string where)
    {
        if (node is null)
            return;
        if (node is TomlScalar { Kind: TomlNodeKind.String } s)
        {
            if (!hashes.TryAdd(s.Text))
                Error(node.Line, $"{where}: '{Shorten(s.Text)}' is not a hash of the form algorithm:hex");
            return;
        }
        Error(node.Line, $"{where}: a hash is {node.KindNameWithArticle}, expected a string");
    }

    /// <summary>A value quoted in a message, cut so a 10 MB string cannot flood the report.</summary>
    public static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
