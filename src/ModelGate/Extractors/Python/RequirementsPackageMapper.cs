using ModelGate.Formats.Pep508;
using ModelGate.Formats.Requirements;
using ModelGate.Inventory;

namespace ModelGate.Extractors.Python;

/// <summary>
/// Turns the requirements of one file into inventory entries, and works out which of them a pip-compile
/// (or <c>uv pip compile</c>) output lists only because another package needs them.
/// </summary>
internal sealed class RequirementsPackageMapper
{
    private readonly string _relativePath;
    private readonly string _extractorName;
    private readonly string? _fullPath;
    private readonly bool _mayBeCompiled;
    private readonly Dictionary<int, List<RequirementsComment>> _commentsByEntryLine = [];

    public RequirementsPackageMapper(RequirementsFile file, string relativePath, string fileName, string extractorName, string? fullPath = null)
    {
        _fullPath = fullPath;
        _relativePath = relativePath;
        _extractorName = extractorName;
        // pip-compile reads *.in and writes *.txt; an input file is always what the user asked for.
        _mayBeCompiled = fileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);
        if (_mayBeCompiled)
            GroupComments(file);
    }

    public InventoryPackage? Map(RequirementsRequirement requirement, out string? problem)
    {
        problem = null;
        var name = requirement.Name ?? FolderName(requirement);
        if (name is null)
        {
            problem = $"cannot tell which package '{Shorten(requirement.Text)}' installs: no #egg= name and no wheel, sdist or folder name to read it from";
            return null;
        }
        var version = requirement.Form == RequirementForm.Named || requirement.Url is null
            ? PinnedVersion(requirement.Specifiers)
            : requirement.VersionFromFileName ?? PinnedVersion(requirement.Specifiers);
        return new InventoryPackage
        {
            Ecosystem = Ecosystems.PyPI,
            Name = PackageName.Normalize(name),
            DeclaredName = name,
            Version = version,
            Specifier = requirement.Specifier,
            Source = new SourceLocation(_relativePath, requirement.Line),
            Hashes = requirement.Hashes,
            Direct = !IsTransitive(requirement.Line),
            Origin = PackageOrigin.Manifest,
            Extras = requirement.Extras,
            Marker = requirement.MarkerText,
            Url = requirement.Url,
            Editable = requirement.Editable,
            Extractor = _extractorName,
        };
    }

    /// <summary>
    /// <c>-e .</c> or <c>..</c> names a folder by a relative path with no name in it: the project is the folder
    /// itself, so its name is the folder's, resolved against the requirements file's folder (where pip is
    /// normally run; pip itself resolves such paths against the working directory).
    /// </summary>
    private string? FolderName(RequirementsRequirement requirement)
    {
        if (requirement.Form != RequirementForm.Path || requirement.Url is not { } url || _fullPath is null
            || url.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || Path.IsPathRooted(url))
            return null;
        try
        {
            var folder = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(_fullPath) ?? "/", url)).TrimEnd('/', '\\');
            var name = Path.GetFileName(folder);
            return string.IsNullOrEmpty(name) ? null : name;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>The version of a single <c>==X</c> (not a <c>.*</c> wildcard) or <c>===X</c> clause; otherwise null.</summary>
    internal static string? PinnedVersion(IReadOnlyList<string> specifiers)
    {
        if (specifiers.Count != 1)
            return null;
        var clause = specifiers[0];
        if (clause.StartsWith("===", StringComparison.Ordinal))
            return clause[3..];
        if (clause.StartsWith("==", StringComparison.Ordinal) && !clause.EndsWith(".*", StringComparison.Ordinal))
            return clause[2..];
        return null;
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");

    // Comments between an entry's first line and the next entry belong to that entry: pip-compile writes
    // "# via" either at the end of the requirement's line or on the lines after it.
    private void GroupComments(RequirementsFile file)
    {
        var starts = file.Entries.Select(e => e.Line).Distinct().ToList();
        var c = 0;
        for (var i = 0; i < starts.Count; i++)
        {
            var start = starts[i];
            var end = i + 1 < starts.Count ? starts[i + 1] : int.MaxValue;
            while (c < file.Comments.Count && file.Comments[c].Line < start)
                c++;
            List<RequirementsComment>? block = null;
            while (c < file.Comments.Count && file.Comments[c].Line < end)
            {
                (block ??= []).Add(file.Comments[c]);
                c++;
            }
            if (block is not null)
                _commentsByEntryLine[start] = block;
        }
    }

    /// <summary>
    /// pip-compile annotates each pin with why it is there: <c># via requests</c>, <c># via -r requirements.in</c>,
    /// or a block <c># via</c> followed by <c>#   item</c> lines (older versions: <c># via a, b</c> inline).
    /// A pin whose reasons are all other packages is transitive; <c>-r file</c>, <c>name (pyproject.toml)</c>
    /// and anything else that is not a package name makes it direct. <c>-c file</c> is no reason by itself.
    /// </summary>
    private bool IsTransitive(int line)
    {
        if (!_mayBeCompiled || !_commentsByEntryLine.TryGetValue(line, out var block))
            return false;
        var items = ViaItems(block);
        if (items is null)
            return false;
        var packages = 0;
        foreach (var item in items)
        {
            if (item.StartsWith("-c ", StringComparison.Ordinal) || item.StartsWith("--constraint", StringComparison.Ordinal))
                continue;
            var bracket = item.IndexOf('[', StringComparison.Ordinal);
            var name = bracket > 0 && item.EndsWith(']') ? item[..bracket] : item;
            if (!PackageName.IsValid(name))
                return false;
            packages++;
        }
        return packages > 0;
    }

    private static List<string>? ViaItems(List<RequirementsComment> block)
    {
        for (var i = 0; i < block.Count; i++)
        {
            var text = block[i].Text.Trim();
            if (!text.StartsWith("via", StringComparison.Ordinal) || (text.Length > 3 && !char.IsWhiteSpace(text[3])))
                continue;
            var rest = text[3..].Trim();
            if (rest.Length > 0)
                return [.. rest.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            var items = new List<string>();
            for (var j = i + 1; j < block.Count; j++)
            {
                // pip-compile indents the items ("#   anyio"); an ordinary comment ("# The following
                // packages are considered to be unsafe...") ends the block.
                var raw = block[j].Text;
                if (!raw.StartsWith("  ", StringComparison.Ordinal) || raw.Trim().Length == 0)
                    break;
                items.Add(raw.Trim());
            }
            return items;
        }
        return null;
    }
}
