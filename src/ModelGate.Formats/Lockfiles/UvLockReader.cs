using ModelGate.Formats.Toml;
namespace ModelGate.Formats.Lockfiles;

/// <summary>
/// Reads <c>uv.lock</c> (top-level <c>version = 1</c>, <c>revision</c>). Each <c>[[package]]</c> has
/// <c>name</c>, <c>version</c> (absent for dynamic or virtual projects), <c>source</c> (one of
/// <c>registry</c>, <c>git</c>, <c>url</c>, <c>path</c>, <c>directory</c>, <c>editable</c>,
/// <c>virtual</c>), <c>sdist</c>/<c>wheels</c> with <c>hash</c>, <c>dependencies</c>, and for
/// projects <c>[package.optional-dependencies]</c> and <c>[package.dev-dependencies]</c>.
/// </summary>
public static class UvLockReader
{
    private const string Format = "uv.lock";

    public static Lockfile Read(string text)
    {
        var root = TomlParser.Parse(text, Format);
        var errors = new List<LockfileError>();
        var r = new LockEntryReader(errors);
        var version = root["version"] is TomlScalar { Kind: TomlNodeKind.Integer } v ? v.Text : null;
        var packages = r.Packages(root, "package", entry => ReadPackage(entry, r));
        return new Lockfile(Format, version, packages, errors);
    }

    private static LockedPackage? ReadPackage(TomlTable entry, LockEntryReader r)
    {
        if (!r.NameAndVersion(entry, "[[package]]", out var name, out var version, out var where))
            return null;

        // uv writes the sdist before the wheels; both carry "hash".
        var hashes = new LockfileHashes();
        foreach (var key in entry.Keys)
        {
            if (key == "sdist" && r.Table(entry, key, where) is { } sdist)
                r.Hash(hashes, sdist["hash"], where);
            else if (key == "wheels" && r.Array(entry, key, where) is { } wheels)
            {
                foreach (var wheel in wheels.Items)
                {
                    if (wheel is TomlTable w)
                        r.Hash(hashes, w["hash"], where);
                    else
                        r.Error(wheel.Line, $"{where}: a 'wheels' item is {wheel.KindNameWithArticle}, expected a table");
                }
            }
        }

        var dependencies = new List<LockedDependency>();
        ReadEdges(entry, "dependencies", null, null, dependencies, r, where);
        if (r.Table(entry, "optional-dependencies", where) is { } optional)
        {
            foreach (var extra in optional.Keys)
                ReadEdges(optional, extra, extra, null, dependencies, r, where);
        }
        if (r.Table(entry, "dev-dependencies", where) is { } dev)
        {
            foreach (var group in dev.Keys)
                ReadEdges(dev, group, null, group, dependencies, r, where);
        }

        return new LockedPackage
        {
            Name = name,
            Version = version,
            Line = entry.Line,
            Hashes = hashes.ToList(),
            Source = ReadSource(entry, r, where),
            Dependencies = dependencies,
        };
    }

    private static void ReadEdges(TomlTable table, string key, string? extra, string? group, List<LockedDependency> into, LockEntryReader r, string where)
    {
        if (r.Array(table, key, where) is not { } edges)
            return;
        foreach (var edge in edges.Items)
        {
            if (edge is not TomlTable e)
            {
                r.Error(edge.Line, $"{where}: an item of '{key}' is {edge.KindNameWithArticle}, expected a table");
                continue;
            }
            if (r.String(e, "name", where + " dependency") is not { } depName)
            {
                if (e["name"] is null)
                    r.Error(e.Line, $"{where}: a dependency in '{key}' has no 'name'");
                continue;
            }
            into.Add(new LockedDependency(depName, r.String(e, "marker", where), extra, group)
            {
                RequestedExtras = r.Strings(e, "extra", where),
            });
        }
    }

    private static LockedSource? ReadSource(TomlTable entry, LockEntryReader r, string where)
    {
        if (r.Table(entry, "source", where) is not { } source)
            return null;
        foreach (var kind in source.Keys)
        {
            if (r.String(source, kind, where + " source") is not { } location)
                return null;
            switch (kind)
            {
                case "registry":
                    return new LockedSource(LockedSourceKind.Registry, location);
                case "git":
                    return ParseGit(location);
                case "url":
                    return new LockedSource(LockedSourceKind.Url, location) { Subdirectory = r.String(source, "subdirectory", where) };
                case "path":
                    return new LockedSource(LockedSourceKind.Path, location);
                case "directory":
                    return new LockedSource(LockedSourceKind.Directory, location);
                case "editable":
                    return new LockedSource(LockedSourceKind.Directory, location) { Editable = true };
                case "virtual":
                    return new LockedSource(LockedSourceKind.Virtual, location);
                default:
                    break;
            }
        }
        r.Error(source.Line, $"{where}: 'source' names none of registry, git, url, path, directory, editable, virtual");
        return null;
    }

    /// <summary>uv writes <c>https://host/repo?rev=v1&amp;subdirectory=pkg#&lt;commit&gt;</c> (also <c>tag=</c>, <c>branch=</c>).</summary>
    private static LockedSource ParseGit(string location)
    {
        var hash = location.IndexOf('#', StringComparison.Ordinal);
        var commit = hash >= 0 ? location[(hash + 1)..] : null;
        var withoutFragment = hash >= 0 ? location[..hash] : location;
        var question = withoutFragment.IndexOf('?', StringComparison.Ordinal);
        var repository = question >= 0 ? withoutFragment[..question] : withoutFragment;
        string? requested = null;
        string? subdirectory = null;
        if (question >= 0)
        {
            foreach (var pair in withoutFragment[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                    continue;
                var key = pair[..eq];
                var value = Uri.UnescapeDataString(pair[(eq + 1)..]);
                if (key is "rev" or "tag" or "branch")
                    requested = value;
                else if (key == "subdirectory")
                    subdirectory = value;
            }
        }
        return new LockedSource(LockedSourceKind.Vcs, repository)
        {
            VcsType = "git",
            Commit = string.IsNullOrEmpty(commit) ? null : commit,
            RequestedRevision = requested,
            Subdirectory = subdirectory,
        };
    }
}
