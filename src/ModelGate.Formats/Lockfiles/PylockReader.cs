using ModelGate.Formats.Toml;
namespace ModelGate.Formats.Lockfiles;

/// <summary>
/// Reads <c>pylock.toml</c> and <c>pylock.&lt;name&gt;.toml</c> (PEP 751, "pylock.toml Specification" on
/// packaging.python.org). Each <c>[[packages]]</c> has <c>name</c>, optional <c>version</c>,
/// <c>marker</c>, <c>index</c>, <c>dependencies</c>, and exactly one source: <c>vcs</c>, <c>directory</c>,
/// <c>archive</c>, or <c>sdist</c>/<c>wheels</c>. File hashes are tables, <c>hashes = { sha256 = "..." }</c>.
/// </summary>
public static class PylockReader
{
    private const string Format = "pylock.toml";

    public static Lockfile Read(string text)
    {
        var root = TomlParser.Parse(text, Format);
        var errors = new List<LockfileError>();
        var r = new LockEntryReader(errors);
        var lockVersion = r.String(root, "lock-version", "document");
        if (root["lock-version"] is null)
            r.Error(null, "document has no 'lock-version' (PEP 751 requires it)");
        var packages = r.Packages(root, "packages", entry => ReadPackage(entry, r));
        return new Lockfile(Format, lockVersion, packages, errors);
    }

    private static LockedPackage? ReadPackage(TomlTable entry, LockEntryReader r)
    {
        if (!r.NameAndVersion(entry, "[[packages]]", out var name, out var version, out var where))
            return null;

        var hashes = new LockfileHashes();
        foreach (var key in entry.Keys)
        {
            switch (key)
            {
                case "archive" or "sdist":
                    if (r.Table(entry, key, where) is { } file)
                        ReadHashes(file, hashes, r, $"{where} {key}");
                    break;
                case "wheels":
                    if (r.Array(entry, key, where) is { } wheels)
                    {
                        foreach (var wheel in wheels.Items)
                        {
                            if (wheel is TomlTable w)
                                ReadHashes(w, hashes, r, $"{where} wheel");
                            else
                                r.Error(wheel.Line, $"{where}: a 'wheels' item is {wheel.KindNameWithArticle}, expected a table");
                        }
                    }
                    break;
                default:
                    break;
            }
        }

        var dependencies = new List<LockedDependency>();
        if (r.Array(entry, "dependencies", where) is { } deps)
        {
            foreach (var dep in deps.Items)
            {
                if (dep is TomlTable d && r.String(d, "name", where + " dependency") is { } depName)
                    dependencies.Add(new LockedDependency(depName));
            }
        }

        return new LockedPackage
        {
            Name = name,
            Version = version,
            Line = entry.Line,
            Hashes = hashes.ToList(),
            Marker = r.String(entry, "marker", where),
            Source = ReadSource(entry, r, where),
            Dependencies = dependencies,
        };
    }

    private static void ReadHashes(TomlTable file, LockfileHashes hashes, LockEntryReader r, string where)
    {
        if (r.Table(file, "hashes", where) is not { } table)
            return;
        foreach (var algorithm in table.Keys)
        {
            var value = table[algorithm]!;
            if (value is not TomlScalar { Kind: TomlNodeKind.String } s || !hashes.TryAdd(algorithm, s.Text))
                r.Error(value.Line, $"{where}: hash '{LockEntryReader.Shorten(algorithm)}' is not an algorithm name with a hex string value");
        }
    }

    private static LockedSource? ReadSource(TomlTable entry, LockEntryReader r, string where)
    {
        if (r.Table(entry, "vcs", where) is { } vcs)
        {
            var location = r.String(vcs, "url", where + " vcs") ?? r.String(vcs, "path", where + " vcs");
            if (location is null)
            {
                r.Error(vcs.Line, $"{where}: 'vcs' needs a 'url' or a 'path'");
                return null;
            }
            return new LockedSource(LockedSourceKind.Vcs, location)
            {
                VcsType = r.String(vcs, "type", where + " vcs") ?? "git",
                RequestedRevision = r.String(vcs, "requested-revision", where + " vcs"),
                Commit = r.String(vcs, "commit-id", where + " vcs"),
                Subdirectory = r.String(vcs, "subdirectory", where + " vcs"),
            };
        }
        if (r.Table(entry, "directory", where) is { } directory)
        {
            if (r.String(directory, "path", where + " directory") is not { } path)
            {
                r.Error(directory.Line, $"{where}: 'directory' needs a 'path'");
                return null;
            }
            return new LockedSource(LockedSourceKind.Directory, path)
            {
                Editable = r.Boolean(directory, "editable", where + " directory"),
                Subdirectory = r.String(directory, "subdirectory", where + " directory"),
            };
        }
        if (r.Table(entry, "archive", where) is { } archive)
        {
            if (r.String(archive, "url", where + " archive") is { } url)
                return new LockedSource(LockedSourceKind.Url, url) { Subdirectory = r.String(archive, "subdirectory", where + " archive") };
            if (r.String(archive, "path", where + " archive") is { } path)
                return new LockedSource(LockedSourceKind.Path, path) { Subdirectory = r.String(archive, "subdirectory", where + " archive") };
            r.Error(archive.Line, $"{where}: 'archive' needs a 'url' or a 'path'");
            return null;
        }
        if (r.String(entry, "index", where) is { } index)
            return new LockedSource(LockedSourceKind.Registry, index);
        return null;
    }
}
