using ModelGate.Formats.Pep508;
using ModelGate.Formats.Toml;

namespace ModelGate.Formats.Lockfiles;

/// <summary>
/// Reads <c>poetry.lock</c>. Layouts read: lock-version 1.x (hashes under <c>[metadata.files]</c>,
/// <c>category = "main"|"dev"</c>), 2.0 (Poetry 1.x: <c>files = [{file, hash}]</c> per package) and
/// 2.1 (Poetry 2.x: <c>groups = [...]</c> and <c>markers</c> per package, a string or a table of
/// group to marker). <c>[package.source]</c> has <c>type</c> git/url/file/directory/legacy.
/// </summary>
public static class PoetryLockReader
{
    private const string Format = "poetry.lock";

    public static Lockfile Read(string text)
    {
        var root = TomlParser.Parse(text, Format);
        var errors = new List<LockfileError>();
        var r = new LockEntryReader(errors);
        var metadata = r.Table(root, "metadata", "[metadata]");
        var lockVersion = metadata is null ? null : r.String(metadata, "lock-version", "[metadata]");
        var legacyFiles = metadata is null ? null : r.Table(metadata, "files", "[metadata]");
        var extrasByPackage = ReadExtras(root, r);

        var packages = r.Packages(root, "package", entry => ReadPackage(entry, r, legacyFiles, extrasByPackage));
        return new Lockfile(Format, lockVersion, packages, errors);
    }

    private static LockedPackage? ReadPackage(TomlTable entry, LockEntryReader r, TomlTable? legacyFiles, Dictionary<string, List<string>> extrasByPackage)
    {
        var name = r.Name(entry, "[[package]]");
        if (name is null)
            return null;
        var where = $"package '{name}'";
        if (entry["version"] is null)
        {
            r.Error(entry.Line, $"{where} has no 'version'");
            return null;
        }
        var version = r.String(entry, "version", where);
        if (version is null)
            return null;

        var hashes = new LockfileHashes();
        if (r.Array(entry, "files", where) is { } files)
            ReadFiles(files, hashes, r, where);
        // lock-version 1.x keeps hashes in [metadata.files], keyed by the name as written.
        if (legacyFiles is not null && (legacyFiles[name] ?? legacyFiles[PackageName.Normalize(name)]) is { } legacy)
        {
            if (legacy is TomlArray legacyArray)
                ReadFiles(legacyArray, hashes, r, where);
            else
                r.Error(legacy.Line, $"[metadata.files] entry for '{name}' is {legacy.KindNameWithArticle}, expected an array");
        }

        var groups = r.Strings(entry, "groups", where);
        if (groups.Count == 0 && r.String(entry, "category", where) is { } category)
            groups.Add(category);

        return new LockedPackage
        {
            Name = name,
            Version = version,
            Line = entry.Line,
            Hashes = hashes.ToList(),
            Marker = ReadMarkers(entry, r, where),
            Source = ReadSource(entry, r, where),
            Groups = groups,
            Optional = r.Boolean(entry, "optional", where),
            Extras = extrasByPackage.GetValueOrDefault(PackageName.Normalize(name)) ?? [],
            Dependencies = ReadDependencies(entry, r, where),
        };
    }

    private static void ReadFiles(TomlArray files, LockfileHashes hashes, LockEntryReader r, string where)
    {
        foreach (var file in files.Items)
        {
            if (file is TomlTable f)
                r.Hash(hashes, f["hash"], where);
            else
                r.Error(file.Line, $"{where}: a 'files' item is {file.KindNameWithArticle}, expected a table");
        }
    }

    /// <summary>Poetry 2 writes one marker string, or a table of group to marker when they differ.</summary>
    private static string? ReadMarkers(TomlTable entry, LockEntryReader r, string where)
    {
        var node = entry["markers"];
        switch (node)
        {
            case null:
                return null;
            case TomlScalar { Kind: TomlNodeKind.String } s:
                return s.Text;
            case TomlTable byGroup:
                var parts = new List<string>();
                foreach (var group in byGroup.Keys)
                {
                    if (byGroup[group] is TomlScalar { Kind: TomlNodeKind.String } m)
                        parts.Add(m.Text);
                    else
                        r.Error(byGroup[group]!.Line, $"{where}: marker for group '{group}' is not a string");
                }
                var distinct = parts.Distinct(StringComparer.Ordinal).ToList();
                return distinct.Count switch
                {
                    0 => null,
                    1 => distinct[0],
                    _ => string.Join(" or ", distinct.Select(p => "(" + p + ")")),
                };
            default:
                r.Error(node.Line, $"{where}: 'markers' is {node.KindNameWithArticle}, expected a string or a table");
                return null;
        }
    }

    private static LockedSource? ReadSource(TomlTable entry, LockEntryReader r, string where)
    {
        if (r.Table(entry, "source", where) is not { } source)
            return null;
        var type = r.String(source, "type", where + " [package.source]");
        var url = r.String(source, "url", where + " [package.source]");
        if (type is null || url is null)
        {
            r.Error(source.Line, $"{where}: [package.source] needs a 'type' and a 'url'");
            return null;
        }
        var develop = r.Boolean(entry, "develop", where);
        return type switch
        {
            "git" => new LockedSource(LockedSourceKind.Vcs, url)
            {
                VcsType = "git",
                RequestedRevision = r.String(source, "reference", where),
                Commit = r.String(source, "resolved_reference", where),
                Subdirectory = r.String(source, "subdirectory", where),
            },
            "url" => new LockedSource(LockedSourceKind.Url, url) { Subdirectory = r.String(source, "subdirectory", where) },
            "file" => new LockedSource(LockedSourceKind.Path, url),
            "directory" => new LockedSource(LockedSourceKind.Directory, url) { Editable = develop },
            // "legacy" (a PEP 503 index), "pypi", or a plugin's type: an index at that URL.
            _ => new LockedSource(LockedSourceKind.Registry, url),
        };
    }

    /// <summary>[package.dependencies]: name = "spec" | { version, markers, ... } | [ several of those ].</summary>
    private static List<LockedDependency> ReadDependencies(TomlTable entry, LockEntryReader r, string where)
    {
        var result = new List<LockedDependency>();
        if (r.Table(entry, "dependencies", where) is not { } dependencies)
            return result;
        foreach (var depName in dependencies.Keys)
        {
            var value = dependencies[depName]!;
            var alternatives = value is TomlArray array ? array.Items : [value];
            foreach (var alternative in alternatives)
            {
                switch (alternative)
                {
                    case TomlScalar { Kind: TomlNodeKind.String }:
                        result.Add(new LockedDependency(depName));
                        break;
                    case TomlTable constraint:
                        result.Add(new LockedDependency(depName, r.String(constraint, "markers", where)));
                        break;
                    default:
                        r.Error(alternative.Line, $"{where}: dependency '{depName}' is {alternative.KindNameWithArticle}, expected a string or a table");
                        break;
                }
            }
        }
        return result;
    }

    /// <summary>[extras]: extra name to the package names (possibly with a version spec) it installs.</summary>
    private static Dictionary<string, List<string>> ReadExtras(TomlTable root, LockEntryReader r)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (r.Table(root, "extras", "document") is not { } extras)
            return result;
        foreach (var extra in extras.Keys)
        {
            if (extras[extra] is not TomlArray members)
            {
                r.Error(extras[extra]!.Line, $"[extras] '{extra}' is not an array");
                continue;
            }
            foreach (var member in members.Items)
            {
                if (member is not TomlScalar { Kind: TomlNodeKind.String } s)
                    continue;
                // Entries are "name" or "name (>=1.0)".
                var text = s.Text.Trim();
                var end = text.IndexOfAny([' ', '(', '[', '<', '>', '=', '!', '~', ';']);
                var memberName = end < 0 ? text : text[..end];
                if (!PackageName.IsValid(memberName))
                    continue;
                var key = PackageName.Normalize(memberName);
                if (!result.TryGetValue(key, out var list))
                    result[key] = list = [];
                if (!list.Contains(extra, StringComparer.Ordinal))
                    list.Add(extra);
            }
        }
        return result;
    }
}
