using ModelGate.Formats.Pep508;
using ModelGate.Formats.Pyproject;
using ModelGate.Formats.Toml;

namespace ModelGate.Formats.Pipfile;

/// <summary>
/// Reads a Pipfile (pypa/pipfile, pipenv): <c>[[source]]</c> indexes, <c>[packages]</c> (main set),
/// <c>[dev-packages]</c> (group <c>dev</c>) and pipenv's custom categories (any other table of packages,
/// group = its name). A value is a specifier string (<c>"*"</c>, <c>"==1.0"</c>, <c>"&gt;=1.0"</c>; a bare
/// version means <c>==</c>) or a table with <c>version</c>, <c>extras</c>, <c>markers</c>, <c>index</c>,
/// <c>git</c>/<c>ref</c>/<c>subdirectory</c>, <c>path</c>, <c>file</c>, <c>editable</c>, and marker
/// variables as keys (<c>sys_platform = "== 'win32'"</c>), which pipenv joins into the marker.
/// </summary>
public static class PipfileReader
{
    private const string Format = "Pipfile";

    /// <summary>Top-level tables that are not package categories.</summary>
    private static readonly HashSet<string> NotCategories = new(StringComparer.Ordinal) { "source", "requires", "pipenv", "scripts" };

    /// <summary>PEP 508 marker variables pipenv accepts as keys of a package table.</summary>
    private static readonly string[] MarkerKeys =
    [
        "os_name", "sys_platform", "platform_machine", "platform_python_implementation", "platform_release",
        "platform_system", "platform_version", "python_version", "python_full_version", "implementation_name",
        "implementation_version",
    ];

    public static PipfileManifest Read(string text)
    {
        var root = TomlParser.Parse(text, Format);
        var errors = new List<ManifestError>();
        var sources = ReadSources(root, errors);
        var dependencies = new List<DeclaredDependency>();
        foreach (var (category, table) in root.Entries)
        {
            if (NotCategories.Contains(category))
                continue;
            if (!table.IsTable)
            {
                errors.Add(new(table.Line, $"[{category}] must be a table of packages, not {PyprojectReader.Describe(table)}"));
                continue;
            }
            var group = category switch
            {
                "packages" => null,
                "dev-packages" => "dev",
                _ => category,
            };
            foreach (var (name, value) in table.Entries)
            {
                if (!PackageName.IsValid(name))
                {
                    errors.Add(new(value.Line, $"[{category}] '{name}' is not a valid package name"));
                    continue;
                }
                if (TryRead(name, value, group, out var dependency, out var error))
                    dependencies.Add(dependency);
                else
                    errors.Add(new(value.Line, $"[{category}] {name}: {error}"));
            }
        }
        return new PipfileManifest(sources, dependencies, errors);
    }

    private static List<PackageSource> ReadSources(TomlNode root, List<ManifestError> errors)
    {
        var sources = new List<PackageSource>();
        if (!root.TryGet("source", out var list))
            return sources;
        if (!list.IsArray)
        {
            errors.Add(new(list.Line, "'source' must be an array of tables ([[source]])"));
            return sources;
        }
        foreach (var source in list.Items)
        {
            if (!source.IsTable || source.GetString("url") is not { } url)
            {
                errors.Add(new(source.Line, "[[source]] needs a 'url' string"));
                continue;
            }
            sources.Add(new PackageSource(source.GetString("name") ?? url, url, SourcePriority.Primary, source.Line));
        }
        return sources;
    }

    private static bool TryRead(string name, TomlNode value, string? group, out DeclaredDependency dependency, out string error)
    {
        dependency = null!;
        if (value.IsString)
        {
            if (!TryVersion(value.Text!, out var plain, out var pinned, out error))
                return false;
            dependency = new DeclaredDependency { Name = name, Line = value.Line, Specifier = plain, Version = pinned, Group = group };
            return true;
        }
        if (!value.IsTable)
        {
            error = $"must be a version string or a table, not {PyprojectReader.Describe(value)}";
            return false;
        }

        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in (string[])["version", "markers", "index", "git", "ref", "subdirectory", "path", "file", .. MarkerKeys])
        {
            if (!value.TryGet(key, out var node))
                continue;
            if (!node.IsString)
            {
                error = $"'{key}' must be a string, not {PyprojectReader.Describe(node)}";
                return false;
            }
            strings[key] = node.Text!;
        }
        var editable = false;
        if (value.TryGet("editable", out var editableNode))
        {
            if (editableNode.AsBoolean is not bool e)
            {
                error = $"'editable' must be true or false, not {PyprojectReader.Describe(editableNode)}";
                return false;
            }
            editable = e;
        }
        var extras = new List<string>();
        if (value.TryGet("extras", out var extrasNode))
        {
            if (!extrasNode.IsArray || extrasNode.Items.Any(x => !x.IsString))
            {
                error = "'extras' must be an array of strings";
                return false;
            }
            foreach (var extra in extrasNode.Items.Select(x => PackageName.Normalize(x.Text!)))
            {
                if (!extras.Contains(extra, StringComparer.Ordinal))
                    extras.Add(extra);
            }
        }

        var specifier = string.Empty;
        string? pinnedVersion = null;
        if (strings.TryGetValue("version", out var version) && !TryVersion(version, out specifier, out pinnedVersion, out error))
            return false;

        var markers = new List<string>();
        if (strings.TryGetValue("markers", out var markerText))
            markers.Add(markerText.Trim());
        foreach (var key in MarkerKeys)
        {
            if (strings.TryGetValue(key, out var condition))
                markers.Add($"{key} {condition.Trim()}");
        }
        string? marker = markers.Count switch
        {
            0 => null,
            1 => markers[0],
            _ => string.Join(" and ", markers.Select(m => $"({m})")),
        };
        if (marker is not null)
        {
            try
            {
                Marker.Parse(marker);
            }
            catch (MalformedDataException ex)
            {
                error = $"the marker '{marker}' is not a PEP 508 marker: {ex.Reason}";
                return false;
            }
        }

        string? url = null;
        if (strings.TryGetValue("git", out var git))
            url = PyprojectReader.VcsUrl(git, strings.GetValueOrDefault("ref"), strings.GetValueOrDefault("subdirectory"));
        else if (strings.TryGetValue("path", out var path))
            url = path;
        else if (strings.TryGetValue("file", out var file))
            url = file;

        dependency = new DeclaredDependency
        {
            Name = name,
            Line = value.Line,
            Specifier = specifier,
            Version = pinnedVersion,
            Group = group,
            Extras = extras,
            Marker = marker,
            Url = url,
            Editable = editable,
            IndexName = strings.GetValueOrDefault("index"),
        };
        error = string.Empty;
        return true;
    }

    // "*" allows anything; a bare version ("1.0") is pinned, as pipenv reads it; otherwise PEP 440 clauses.
    private static bool TryVersion(string text, out string specifier, out string? pinned, out string error)
    {
        specifier = string.Empty;
        pinned = null;
        error = string.Empty;
        var trimmed = text.Trim();
        if (trimmed is "" or "*")
            return true;
        if (char.IsAsciiDigit(trimmed[0]))
            trimmed = "==" + trimmed;
        if (trimmed.Length > ReaderLimits.MaxRequirementLength || !Requirement.TryParse("x" + trimmed, out var requirement, out _))
        {
            error = $"'{text}' is not a PEP 440 version specifier";
            return false;
        }
        if (requirement.Url is not null || requirement.Marker is not null || requirement.Extras.Count > 0)
        {
            error = $"'{text}' is not a PEP 440 version specifier";
            return false;
        }
        specifier = requirement.Specifier;
        pinned = Pep508Entry.PinnedVersion(requirement.Specifiers);
        return true;
    }
}
