using ModelGate.Formats.Pep508;
using ModelGate.Formats.Toml;

namespace ModelGate.Formats.Lockfiles;

/// <summary>
/// Reads <c>pdm.lock</c> (<c>[metadata] lock_version</c>, <c>groups</c>). Each <c>[[package]]</c> has
/// <c>name</c>, <c>version</c>, <c>groups</c>, <c>marker</c> (lock_version 4.5+), <c>dependencies</c>
/// as PEP 508 strings, <c>files = [{file|url, hash}]</c>, and for direct references <c>git</c>/<c>hg</c>
/// with <c>ref</c>/<c>revision</c>, <c>url</c>, or <c>path</c> with <c>editable</c>.
/// </summary>
public static class PdmLockReader
{
    private const string Format = "pdm.lock";
    private static readonly string[] VcsKeys = ["git", "hg", "svn", "bzr"];

    public static Lockfile Read(string text)
    {
        var root = TomlParser.Parse(text, Format);
        var errors = new List<LockfileError>();
        var r = new LockEntryReader(errors);
        var metadata = r.Table(root, "metadata", "[metadata]");
        var lockVersion = metadata is null ? null : r.String(metadata, "lock_version", "[metadata]");
        var packages = r.Packages(root, "package", entry => ReadPackage(entry, r));
        return new Lockfile(Format, lockVersion, packages, errors);
    }

    private static LockedPackage? ReadPackage(TomlTable entry, LockEntryReader r)
    {
        if (!r.NameAndVersion(entry, "[[package]]", out var name, out var version, out var where))
            return null;

        var hashes = new LockfileHashes();
        if (r.Array(entry, "files", where) is { } files)
        {
            foreach (var file in files.Items)
            {
                if (file is TomlTable f)
                    r.Hash(hashes, f["hash"], where);
                else
                    r.Error(file.Line, $"{where}: a 'files' item is {file.KindNameWithArticle}, expected a table");
            }
        }

        var dependencies = new List<LockedDependency>();
        if (r.Array(entry, "dependencies", where) is { } deps)
        {
            foreach (var dep in deps.Items)
            {
                if (dep is not TomlScalar { Kind: TomlNodeKind.String } s)
                {
                    r.Error(dep.Line, $"{where}: a dependency is {dep.KindNameWithArticle}, expected a PEP 508 string");
                    continue;
                }
                if (Requirement.TryParse(s.Text, out var requirement, out var problem))
                    dependencies.Add(new LockedDependency(requirement.Name, requirement.MarkerText) { RequestedExtras = requirement.Extras });
                else
                    r.Error(dep.Line, $"{where}: dependency '{LockEntryReader.Shorten(s.Text)}' is not a PEP 508 requirement: {problem}");
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
            Groups = r.Strings(entry, "groups", where),
            Dependencies = dependencies,
        };
    }

    private static LockedSource? ReadSource(TomlTable entry, LockEntryReader r, string where)
    {
        var editable = r.Boolean(entry, "editable", where);
        var subdirectory = r.String(entry, "subdirectory", where);
        foreach (var vcs in VcsKeys)
        {
            if (r.String(entry, vcs, where) is { } repository)
            {
                return new LockedSource(LockedSourceKind.Vcs, repository)
                {
                    VcsType = vcs,
                    RequestedRevision = r.String(entry, "ref", where),
                    Commit = r.String(entry, "revision", where),
                    Subdirectory = subdirectory,
                    Editable = editable,
                };
            }
        }
        if (r.String(entry, "url", where) is { } url)
            return new LockedSource(LockedSourceKind.Url, url) { Subdirectory = subdirectory };
        if (r.String(entry, "path", where) is { } path)
        {
            // PDM records local archives and source trees alike under "path".
            var isArchive = path.EndsWith(".whl", StringComparison.OrdinalIgnoreCase)
                || path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
                || path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
            return new LockedSource(isArchive ? LockedSourceKind.Path : LockedSourceKind.Directory, path) { Editable = editable, Subdirectory = subdirectory };
        }
        return null;
    }
}
