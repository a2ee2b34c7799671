using ModelGate.Formats.Pep508;
using ModelGate.Formats.Toml;

namespace ModelGate.Formats.Pyproject;

/// <summary>
/// Reads the dependency declarations of a pyproject.toml:
/// PEP 621 <c>[project] dependencies</c> and <c>[project.optional-dependencies]</c> (group <c>optional:&lt;extra&gt;</c>),
/// PEP 735 <c>[dependency-groups]</c> (group <c>group:&lt;name&gt;</c>),
/// Poetry <c>[tool.poetry.dependencies]</c>, legacy <c>[tool.poetry.dev-dependencies]</c> (group <c>dev</c>) and
/// <c>[tool.poetry.group.&lt;name&gt;.dependencies]</c> (group <c>&lt;name&gt;</c>, <c>main</c> being the main set),
/// PDM <c>[tool.pdm.dev-dependencies]</c> (group <c>dev:&lt;name&gt;</c>) and uv <c>[tool.uv] dev-dependencies</c> (group <c>dev</c>).
/// A bad entry becomes a <see cref="ManifestError"/> and the rest is read; invalid TOML throws
/// <see cref="MalformedDataException"/>.
/// </summary>
public static class PyprojectReader
{
    private const string Format = "pyproject.toml";

    public static PyprojectManifest Read(string text)
    {
        var root = TomlParser.Parse(text, Format);
        return new Reader(root).Read();
    }

    private sealed class Reader(TomlNode root)
    {
        private readonly List<DeclaredDependency> _dependencies = [];
        private readonly List<ManifestError> _errors = [];
        private readonly List<PackageSource> _sources = [];
        private readonly Dictionary<string, UvSource> _uvSources = new(StringComparer.Ordinal);

        public PyprojectManifest Read()
        {
            string? name = null;
            int? nameLine = null;
            var project = Table(root, "project", "[project]");
            var poetry = Table(root.GetPath("tool"), "poetry", "[tool.poetry]");
            if (project?.Get("name") is { IsString: true } projectName)
                (name, nameLine) = (projectName.Text, projectName.Line);
            else if (poetry?.Get("name") is { IsString: true } poetryName)
                (name, nameLine) = (poetryName.Text, poetryName.Line);

            ReadUvSettings();
            if (project is not null)
                ReadProject(project);
            ReadDependencyGroups();
            if (poetry is not null)
            {
                var projectCount = _dependencies.Count;
                new PoetrySection(poetry, _dependencies, _errors, _sources).Read();
                MergePoetryEnrichments(projectCount);
            }
            ReadPdm();
            ReadUvDevDependencies();
            return new PyprojectManifest(name, nameLine, _dependencies, _sources, _errors);
        }

        // Poetry 2: with [project] dependencies present, a [tool.poetry.dependencies] entry without its own
        // version or reference only adds information (source, develop) to the [project] entry of that name.
        private void MergePoetryEnrichments(int projectCount)
        {
            for (var i = _dependencies.Count - 1; i >= projectCount; i--)
            {
                var poetryEntry = _dependencies[i];
                if (poetryEntry.Specifier.Length != 0 || poetryEntry.Url is not null || poetryEntry.Group is not null)
                    continue;
                var name = PackageName.Normalize(poetryEntry.Name);
                var target = _dependencies.FindIndex(0, projectCount, d => d.Group is null && PackageName.Normalize(d.Name) == name);
                if (target < 0)
                    continue;
                _dependencies[target] = _dependencies[target] with
                {
                    IndexName = _dependencies[target].IndexName ?? poetryEntry.IndexName,
                    Editable = _dependencies[target].Editable || poetryEntry.Editable,
                };
                _dependencies.RemoveAt(i);
            }
        }

        private void ReadProject(TomlNode project)
        {
            if (project.TryGet("dependencies", out var dependencies))
                ReadRequirementArray(dependencies, group: null, "[project] dependencies");
            var optional = Table(project, "optional-dependencies", "[project.optional-dependencies]");
            if (optional is null)
                return;
            foreach (var (extra, list) in optional.Entries)
                ReadRequirementArray(list, "optional:" + PackageName.Normalize(extra), $"[project.optional-dependencies] {extra}");
        }

        // PEP 735: each group is a list of PEP 508 strings and {include-group = "name"} tables. Group names
        // compare PEP 503-normalized; a name defined twice, an include of an unknown group and an include
        // cycle are errors. Each requirement is reported once, where it is written: an include repeats
        // requirements already in the inventory under their own group.
        private void ReadDependencyGroups()
        {
            var groups = Table(root, "dependency-groups", "[dependency-groups]");
            if (groups is null)
                return;
            var byName = new Dictionary<string, TomlNode>(StringComparer.Ordinal);
            foreach (var (groupName, list) in groups.Entries)
            {
                var normalized = PackageName.Normalize(groupName);
                if (!byName.TryAdd(normalized, list))
                {
                    _errors.Add(new(list.Line, $"[dependency-groups] '{groupName}' duplicates group '{normalized}' (names are compared normalized)"));
                    continue;
                }
                if (!list.IsArray)
                {
                    _errors.Add(new(list.Line, $"[dependency-groups] '{groupName}' must be an array, not {Describe(list)}"));
                    continue;
                }
                foreach (var item in list.Items)
                {
                    if (item.IsString)
                    {
                        AddPep508(item.Text!, item.Line, "group:" + normalized, $"[dependency-groups] {groupName}");
                    }
                    else if (item.IsTable && item.Entries.Count == 1 && item.Get("include-group") is { IsString: true })
                    {
                        continue;
                    }
                    else
                    {
                        _errors.Add(new(item.Line, $"[dependency-groups] '{groupName}': entries must be requirement strings or {{include-group = \"name\"}} tables, not {Describe(item)}"));
                    }
                }
            }
            CheckIncludes(byName);
        }

        private void CheckIncludes(Dictionary<string, TomlNode> groups)
        {
            // Iterative depth-first search over include edges; 0 = unvisited, 1 = on the stack, 2 = done.
            var state = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var start in groups.Keys)
            {
                if (state.GetValueOrDefault(start) != 0)
                    continue;
                var stack = new Stack<(string Group, int Next)>();
                stack.Push((start, 0));
                state[start] = 1;
                while (stack.Count > 0)
                {
                    var (group, next) = stack.Pop();
                    var items = groups[group].IsArray ? groups[group].Items : [];
                    var advanced = false;
                    for (var i = next; i < items.Count; i++)
                    {
                        if (items[i].Get("include-group") is not { IsString: true } include || !items[i].IsTable)
                            continue;
                        var target = PackageName.Normalize(include.Text!);
                        if (!groups.ContainsKey(target))
                        {
                            _errors.Add(new(include.Line, $"[dependency-groups] '{group}' includes group '{include.Text}', which is not defined"));
                            continue;
                        }
                        var targetState = state.GetValueOrDefault(target);
                        if (targetState == 1)
                        {
                            _errors.Add(new(include.Line, $"[dependency-groups] '{group}' includes '{include.Text}', which includes '{group}' again (include cycle)"));
                            continue;
                        }
                        if (targetState == 2)
                            continue;
                        stack.Push((group, i + 1));
                        stack.Push((target, 0));
                        state[target] = 1;
                        advanced = true;
                        break;
                    }
                    if (!advanced)
                        state[group] = 2;
                }
            }
        }

        // PDM 1.x/2.x development groups: lists of PEP 508 strings, where "-e <path or url>" marks an
        // editable local or VCS dependency (pip's syntax, with #egg= naming it when it is not PEP 508).
        private void ReadPdm()
        {
            var dev = Table(root.GetPath("tool", "pdm"), "dev-dependencies", "[tool.pdm.dev-dependencies]");
            if (dev is null)
                return;
            foreach (var (groupName, list) in dev.Entries)
            {
                var group = "dev:" + PackageName.Normalize(groupName);
                var where = $"[tool.pdm.dev-dependencies] {groupName}";
                if (!list.IsArray)
                {
                    _errors.Add(new(list.Line, $"{where} must be an array, not {Describe(list)}"));
                    continue;
                }
                foreach (var item in list.Items)
                {
                    if (!item.IsString)
                    {
                        _errors.Add(new(item.Line, $"{where}: entries must be strings, not {Describe(item)}"));
                        continue;
                    }
                    var entry = item.Text!.Trim();
                    if (entry.StartsWith("-e ", StringComparison.Ordinal) || entry.StartsWith("--editable ", StringComparison.Ordinal))
                        AddEditable(entry[(entry.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim(), item.Line, group, where);
                    else
                        AddPep508(entry, item.Line, group, where);
                }
            }
        }

        private void AddEditable(string target, int line, string group, string where)
        {
            if (Requirement.TryParse(target, out var requirement, out _) && requirement.Url is not null)
            {
                _dependencies.Add(new DeclaredDependency { Name = requirement.Name, Line = line, Group = group, Url = requirement.Url, Editable = true, Extras = requirement.Extras, Marker = requirement.MarkerText });
                return;
            }
            var egg = target.IndexOf("#egg=", StringComparison.Ordinal);
            if (egg >= 0)
            {
                var name = target[(egg + 5)..].Split('&')[0];
                if (PackageName.IsValid(name))
                {
                    _dependencies.Add(new DeclaredDependency { Name = name, Line = line, Group = group, Url = target[..egg], Editable = true });
                    return;
                }
            }
            _errors.Add(new(line, $"{where}: editable '{target}' does not name its package (use 'name @ url' or '#egg=name')"));
        }

        private void ReadUvSettings()
        {
            var uv = root.GetPath("tool", "uv");
            if (uv is null || !uv.IsTable)
                return;
            if (uv.TryGet("index", out var indexes))
            {
                if (!indexes.IsArray)
                {
                    _errors.Add(new(indexes.Line, $"[tool.uv] index must be an array of tables, not {Describe(indexes)}"));
                }
                else
                {
                    foreach (var index in indexes.Items)
                    {
                        if (!index.IsTable || index.GetString("url") is not { } url)
                        {
                            _errors.Add(new(index.Line, "[[tool.uv.index]] needs a 'url' string"));
                            continue;
                        }
                        var priority = index.Get("explicit")?.AsBoolean == true ? SourcePriority.Explicit : SourcePriority.Primary;
                        _sources.Add(new PackageSource(index.GetString("name") ?? url, url, priority, index.Line));
                    }
                }
            }
            var sources = Table(uv, "sources", "[tool.uv.sources]");
            if (sources is null)
                return;
            foreach (var (name, source) in sources.Entries)
            {
                // A list of sources (one per marker) cannot be applied to one entry; the first table stands for it.
                var table = source.IsArray && source.Items.Count > 0 ? source.Items[0] : source;
                if (!table.IsTable)
                {
                    _errors.Add(new(source.Line, $"[tool.uv.sources] '{name}' must be a table, not {Describe(source)}"));
                    continue;
                }
                string? url = null;
                if (table.GetString("git") is { } git)
                    url = VcsUrl(git, table.GetString("rev") ?? table.GetString("tag") ?? table.GetString("branch"), table.GetString("subdirectory"));
                else
                    url = table.GetString("url") ?? table.GetString("path");
                _uvSources[PackageName.Normalize(name)] = new UvSource(url, table.Get("editable")?.AsBoolean == true, table.GetString("index"));
            }
        }

        private void ReadUvDevDependencies()
        {
            var uv = root.GetPath("tool", "uv");
            if (uv is not null && uv.IsTable && uv.TryGet("dev-dependencies", out var list))
                ReadRequirementArray(list, "dev", "[tool.uv] dev-dependencies");
        }

        private void ReadRequirementArray(TomlNode list, string? group, string where)
        {
            if (!list.IsArray)
            {
                _errors.Add(new(list.Line, $"{where} must be an array of requirement strings, not {Describe(list)}"));
                return;
            }
            foreach (var item in list.Items)
            {
                if (!item.IsString)
                {
                    _errors.Add(new(item.Line, $"{where}: entries must be requirement strings, not {Describe(item)}"));
                    continue;
                }
                AddPep508(item.Text!, item.Line, group, where);
            }
        }

        private void AddPep508(string text, int line, string? group, string where)
        {
            if (!Pep508Entry.TryCreate(text, line, group, out var dependency, out var error))
            {
                _errors.Add(new(line, $"{where}: {error}"));
                return;
            }
            if (_uvSources.TryGetValue(PackageName.Normalize(dependency!.Name), out var source) && dependency.Url is null)
                dependency = dependency with { Url = source.Url, Editable = source.Editable, IndexName = source.Index };
            _dependencies.Add(dependency);
        }

        private TomlNode? Table(TomlNode? parent, string key, string where)
        {
            if (parent is null || !parent.IsTable || !parent.TryGet(key, out var node))
                return null;
            if (node.IsTable)
                return node;
            _errors.Add(new(node.Line, $"{where} must be a table, not {Describe(node)}"));
            return null;
        }

        private sealed record UvSource(string? Url, bool Editable, string? Index);
    }

    /// <summary>pip's VCS URL form: <c>git+URL@rev#subdirectory=dir</c>.</summary>
    internal static string VcsUrl(string url, string? revision, string? subdirectory)
    {
        var result = url.StartsWith("git+", StringComparison.Ordinal) ? url : "git+" + url;
        if (!string.IsNullOrEmpty(revision))
            result += "@" + revision;
        if (!string.IsNullOrEmpty(subdirectory))
            result += "#subdirectory=" + subdirectory;
        return result;
    }

    internal static string Describe(TomlNode node) => node.Kind switch
    {
        TomlNodeKind.Table => "a table",
        TomlNodeKind.Array => "an array",
        TomlNodeKind.String => $"the string '{node.Text}'",
        _ => $"{node.KindName} {node.Text}",
    };
}
