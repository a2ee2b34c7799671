using ModelGate.Formats.Pep508;
using ModelGate.Formats.Toml;

namespace ModelGate.Formats.Pyproject;

/// <summary>
/// <c>[tool.poetry]</c> dependency tables (Poetry "Dependency specification"): a value is a constraint
/// string, a table (<c>version</c>, <c>extras</c>, <c>markers</c>, <c>python</c>, <c>platform</c>,
/// <c>optional</c>, <c>source</c>, <c>allow-prereleases</c>; <c>git</c> with <c>branch</c>/<c>tag</c>/<c>rev</c>/<c>subdirectory</c>;
/// <c>path</c>; <c>url</c>; <c>develop</c>) or an array of such tables ("multiple constraints", one
/// per Python/platform condition), each array element its own entry.
/// </summary>
internal sealed class PoetrySection(TomlNode poetry, List<DeclaredDependency> dependencies, List<ManifestError> errors, List<PackageSource> sources)
{
    private readonly Dictionary<string, string> _extraOf = new(StringComparer.Ordinal);

    public void Read()
    {
        ReadSources();
        ReadExtras();
        ReadTable(poetry.Get("dependencies"), group: null, "[tool.poetry.dependencies]");
        ReadTable(poetry.Get("dev-dependencies"), "dev", "[tool.poetry.dev-dependencies]");
        if (poetry.Get("group") is not { } groups)
            return;
        if (!groups.IsTable)
        {
            errors.Add(new(groups.Line, $"[tool.poetry.group] must be a table, not {PyprojectReader.Describe(groups)}"));
            return;
        }
        foreach (var (name, group) in groups.Entries)
        {
            // Poetry 1.2+: the "main" group is [tool.poetry.dependencies] itself.
            var label = name == "main" ? null : name;
            if (!group.IsTable)
            {
                errors.Add(new(group.Line, $"[tool.poetry.group.{name}] must be a table, not {PyprojectReader.Describe(group)}"));
                continue;
            }
            ReadTable(group.Get("dependencies"), label, $"[tool.poetry.group.{name}.dependencies]");
        }
    }

    private void ReadSources()
    {
        if (poetry.Get("source") is not { } list)
            return;
        if (!list.IsArray)
        {
            errors.Add(new(list.Line, $"[tool.poetry] source must be an array of tables, not {PyprojectReader.Describe(list)}"));
            return;
        }
        foreach (var source in list.Items)
        {
            var name = source.GetString("name");
            var url = source.GetString("url");
            if (name is not null && url is null && name.Equals("pypi", StringComparison.OrdinalIgnoreCase))
                url = "https://pypi.org/simple/";
            if (!source.IsTable || name is null || url is null)
            {
                errors.Add(new(source.Line, "[[tool.poetry.source]] needs 'name' and 'url' strings"));
                continue;
            }
            // Poetry 1.5+ "priority"; before it, "default = true" and "secondary = true".
            var priority = source.GetString("priority") switch
            {
                "supplemental" or "secondary" => SourcePriority.Supplemental,
                "explicit" => SourcePriority.Explicit,
                "primary" or "default" => SourcePriority.Primary,
                null when source.Get("secondary")?.AsBoolean == true => SourcePriority.Supplemental,
                null => SourcePriority.Primary,
                var other => Unknown(source.Line, other),
            };
            sources.Add(new PackageSource(name, url, priority, source.Line));
        }
    }

    private SourcePriority Unknown(int line, string priority)
    {
        errors.Add(new(line, $"[[tool.poetry.source]] priority '{priority}' is not one of primary, supplemental, explicit, default, secondary; treated as primary"));
        return SourcePriority.Primary;
    }

    private void ReadExtras()
    {
        if (poetry.Get("extras") is not { IsTable: true } extras)
            return;
        foreach (var (extra, list) in extras.Entries)
        {
            foreach (var item in list.Items)
            {
                if (item.IsString)
                    _extraOf.TryAdd(PackageName.Normalize(item.Text!), PackageName.Normalize(extra));
            }
        }
    }

    private void ReadTable(TomlNode? table, string? group, string where)
    {
        if (table is null)
            return;
        if (!table.IsTable)
        {
            errors.Add(new(table.Line, $"{where} must be a table, not {PyprojectReader.Describe(table)}"));
            return;
        }
        foreach (var (name, value) in table.Entries)
        {
            // The project's own Python requirement, not a package.
            if (name.Equals("python", StringComparison.OrdinalIgnoreCase))
                continue;
            if (!PackageName.IsValid(name))
            {
                errors.Add(new(value.Line, $"{where}: '{name}' is not a valid package name"));
                continue;
            }
            if (value.IsArray && value.Items.Any(item => !item.IsTable))
            {
                errors.Add(new(value.Line, $"{where} {name}: a multiple-constraints array must hold only tables"));
                continue;
            }
            if (value.IsArray)
            {
                foreach (var item in value.Items)
                    Add(name, item, group, where);
            }
            else
            {
                Add(name, value, group, where);
            }
        }
    }

    private void Add(string name, TomlNode value, string? group, string where)
    {
        where = $"{where} {name}";
        if (value.IsString)
        {
            if (!PoetryConstraint.TryConvert(value.Text!, out var constraint, out var error))
            {
                errors.Add(new(value.Line, $"{where}: {error}"));
                return;
            }
            dependencies.Add(new DeclaredDependency
            {
                Name = name,
                Line = value.Line,
                Specifier = constraint.Specifier,
                Version = constraint.Version,
                SpecifierIsPep440 = constraint.IsPep440,
                Group = group,
            });
            return;
        }
        if (!value.IsTable)
        {
            errors.Add(new(value.Line, $"{where} must be a constraint string, a table or an array of tables, not {PyprojectReader.Describe(value)}"));
            return;
        }
        if (TryReadTable(name, value, group, where, out var dependency, out var problem))
            dependencies.Add(dependency);
        else
            errors.Add(new(value.Line, $"{where}: {problem}"));
    }

    private bool TryReadTable(string name, TomlNode table, string? group, string where, out DeclaredDependency dependency, out string problem)
    {
        dependency = null!;
        problem = string.Empty;
        if (!TryString(table, "version", out var version, ref problem) || !TryString(table, "markers", out var markers, ref problem)
            || !TryString(table, "python", out var python, ref problem) || !TryString(table, "platform", out var platform, ref problem)
            || !TryString(table, "source", out var source, ref problem) || !TryString(table, "git", out var git, ref problem)
            || !TryString(table, "branch", out var branch, ref problem) || !TryString(table, "tag", out var tag, ref problem)
            || !TryString(table, "rev", out var rev, ref problem) || !TryString(table, "subdirectory", out var subdirectory, ref problem)
            || !TryString(table, "path", out var path, ref problem) || !TryString(table, "url", out var url, ref problem)
            || !TryBool(table, "optional", out var optional, ref problem) || !TryBool(table, "develop", out var develop, ref problem))
        {
            return false;
        }

        var extras = new List<string>();
        if (table.Get("extras") is { } extrasNode)
        {
            if (!extrasNode.IsArray || extrasNode.Items.Any(e => !e.IsString))
            {
                problem = "'extras' must be an array of strings";
                return false;
            }
            foreach (var extra in extrasNode.Items)
            {
                var normalized = PackageName.Normalize(extra.Text!);
                if (!extras.Contains(normalized, StringComparer.Ordinal))
                    extras.Add(normalized);
            }
        }

        var constraint = new PoetryVersionConstraint(string.Empty, null, true);
        if (version is not null && !PoetryConstraint.TryConvert(version, out constraint, out var versionError))
        {
            problem = versionError;
            return false;
        }

        var markerParts = new List<string>();
        if (markers is not null)
        {
            try
            {
                Marker.Parse(markers);
            }
            catch (MalformedDataException ex)
            {
                problem = $"'markers' is not a PEP 508 marker: {ex.Reason}";
                return false;
            }
            markerParts.Add(markers.Trim());
        }
        if (python is not null)
        {
            if (!PoetryConstraint.TryConvertPythonToMarker(python, out var pythonMarker, out var pythonError))
            {
                problem = $"'python' {pythonError}";
                return false;
            }
            if (pythonMarker is not null)
                markerParts.Add(pythonMarker);
        }
        if (platform is not null)
            markerParts.Add($"sys_platform == \"{platform}\"");

        var referenceCount = (git is null ? 0 : 1) + (path is null ? 0 : 1) + (url is null ? 0 : 1);
        if (referenceCount > 1)
        {
            problem = "only one of 'git', 'path' and 'url' may be given";
            return false;
        }

        var reference = git is not null ? PyprojectReader.VcsUrl(git, rev ?? tag ?? branch, subdirectory) : path ?? url;
        if (group is null && optional == true)
            group = _extraOf.TryGetValue(PackageName.Normalize(name), out var extraName) ? "optional:" + extraName : "optional";

        dependency = new DeclaredDependency
        {
            Name = name,
            Line = table.Line,
            Specifier = constraint.Specifier,
            Version = constraint.Version,
            SpecifierIsPep440 = constraint.IsPep440,
            Group = group,
            Extras = extras,
            Marker = markerParts.Count switch
            {
                0 => null,
                1 => markerParts[0],
                _ => string.Join(" and ", markerParts.Select(m => $"({m})")),
            },
            Url = reference,
            Editable = develop == true,
            IndexName = source,
        };
        return true;
    }

    private static bool TryString(TomlNode table, string key, out string? value, ref string problem)
    {
        value = null;
        if (!table.TryGet(key, out var node))
            return true;
        if (!node.IsString)
        {
            problem = $"'{key}' must be a string, not {PyprojectReader.Describe(node)}";
            return false;
        }
        value = node.Text;
        return true;
    }

    private static bool TryBool(TomlNode table, string key, out bool? value, ref string problem)
    {
        value = null;
        if (!table.TryGet(key, out var node))
            return true;
        value = node.AsBoolean;
        if (value is null)
        {
            problem = $"'{key}' must be true or false, not {PyprojectReader.Describe(node)}";
            return false;
        }
        return true;
    }
}
