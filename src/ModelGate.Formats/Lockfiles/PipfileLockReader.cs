using System.Text;
using System.Text.Json;

namespace ModelGate.Formats.Lockfiles;

/// <summary>
/// Reads Pipenv's <c>Pipfile.lock</c> (JSON, pipfile-spec 6): <c>_meta.sources[]</c> (<c>name</c>,
/// <c>url</c>), and the <c>default</c> and <c>develop</c> sections mapping each name to
/// <c>{ "hashes": [...], "index": "pypi", "markers": "...", "version": "==1.0" }</c> or to a direct
/// reference (<c>git</c> + <c>ref</c>, <c>path</c>, <c>file</c>, with <c>editable</c>).
/// </summary>
/// <remarks>
/// <see cref="JsonDocument"/> gives values but no positions, so a first <see cref="Utf8JsonReader"/>
/// pass records the line of every package key; both passes share the same depth limit.
/// </remarks>
public static class PipfileLockReader
{
    private const string Format = "Pipfile.lock";
    private static readonly string[] Sections = ["default", "develop"];
    private static readonly string[] VcsKeys = ["git", "hg", "svn", "bzr"];

    public static Lockfile Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var keyLines = ReadKeyLines(bytes);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = ReaderLimits.MaxDocumentDepth });
        }
        catch (JsonException ex)
        {
            throw Invalid(ex);
        }
        using (document)
        {
            var errors = new List<LockfileError>();
            var packages = new List<LockedPackage>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new MalformedDataException(Format, $"the document is a JSON {Kind(root)}, expected an object", line: 1);

            var sources = ReadSources(root, errors);
            var topIndex = 0;
            string? specVersion = null;
            foreach (var section in root.EnumerateObject())
            {
                var lines = keyLines.GetValueOrDefault(topIndex++) ?? [];
                if (section.NameEquals("_meta") && section.Value.ValueKind == JsonValueKind.Object
                    && section.Value.TryGetProperty("pipfile-spec", out var spec))
                {
                    specVersion = spec.ToString();
                }
                if (!Sections.Contains(section.Name, StringComparer.Ordinal))
                    continue;
                if (section.Value.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new LockfileError(null, $"'{section.Name}' is a JSON {Kind(section.Value)}, expected an object"));
                    continue;
                }
                var index = 0;
                foreach (var entry in section.Value.EnumerateObject())
                {
                    var line = index < lines.Count ? lines[index] : 1;
                    index++;
                    if (ReadPackage(entry, line, section.Name, sources, errors) is { } package)
                        packages.Add(package);
                }
            }
            return new Lockfile(Format, specVersion, packages, errors);
        }
    }

    private static LockedPackage? ReadPackage(JsonProperty entry, int line, string section, Dictionary<string, string> sources, List<LockfileError> errors)
    {
        var name = entry.Name;
        if (!Pep508.PackageName.IsValid(name))
        {
            errors.Add(new LockfileError(line, $"'{LockEntryReader.Shorten(name)}' in '{section}' is not a valid package name"));
            return null;
        }
        var where = $"package '{name}'";
        var value = entry.Value;
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new LockfileError(line, $"{where}: the entry is a JSON {Kind(value)}, expected an object"));
            return null;
        }

        // A version that is not a string cannot be matched to advisories: the entry is left out.
        if (value.TryGetProperty("version", out var versionElement) && versionElement.ValueKind != JsonValueKind.String)
        {
            errors.Add(new LockfileError(line, $"{where}: 'version' is a JSON {Kind(versionElement)}, expected a string"));
            return null;
        }
        string? version = null;
        if (String(value, "version", where, line, errors) is { } written)
        {
            // Pipenv pins with "==" (or "===" for arbitrary equality).
            if (written.StartsWith("===", StringComparison.Ordinal))
                version = written[3..].Trim();
            else if (written.StartsWith("==", StringComparison.Ordinal))
                version = written[2..].Trim();
            else
                errors.Add(new LockfileError(line, $"{where}: version '{LockEntryReader.Shorten(written)}' is not pinned with =="));
        }

        var hashes = new LockfileHashes();
        if (value.TryGetProperty("hashes", out var hashArray))
        {
            if (hashArray.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new LockfileError(line, $"{where}: 'hashes' is a JSON {Kind(hashArray)}, expected an array"));
            }
            else
            {
                foreach (var hash in hashArray.EnumerateArray())
                {
                    if (hash.ValueKind != JsonValueKind.String || !hashes.TryAdd(hash.GetString()!))
                        errors.Add(new LockfileError(line, $"{where}: '{LockEntryReader.Shorten(hash.ToString())}' is not a hash of the form algorithm:hex"));
                }
            }
        }

        var editable = value.TryGetProperty("editable", out var e) && e.ValueKind == JsonValueKind.True;
        LockedSource? source = null;
        foreach (var vcs in VcsKeys)
        {
            if (String(value, vcs, where, line, errors) is { } repository)
            {
                source = new LockedSource(LockedSourceKind.Vcs, repository)
                {
                    VcsType = vcs,
                    Commit = String(value, "ref", where, line, errors),
                    Subdirectory = String(value, "subdirectory", where, line, errors),
                    Editable = editable,
                };
                break;
            }
        }
        if (source is null && String(value, "file", where, line, errors) is { } file)
            source = new LockedSource(LockedSourceKind.Url, file) { Editable = editable };
        if (source is null && String(value, "path", where, line, errors) is { } path)
        {
            var isArchive = path.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
            source = new LockedSource(isArchive ? LockedSourceKind.Path : LockedSourceKind.Directory, path) { Editable = editable };
        }
        if (source is null && String(value, "index", where, line, errors) is { } indexName)
        {
            if (sources.TryGetValue(indexName, out var url))
                source = new LockedSource(LockedSourceKind.Registry, url);
            else
                errors.Add(new LockfileError(line, $"{where}: index '{LockEntryReader.Shorten(indexName)}' is not one of the _meta.sources"));
        }

        return new LockedPackage
        {
            Name = name,
            Version = version,
            Line = line,
            Hashes = hashes.ToList(),
            Marker = String(value, "markers", where, line, errors),
            Source = source,
            Groups = [section],
        };
    }

    private static Dictionary<string, string> ReadSources(JsonElement root, List<LockfileError> errors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("_meta", out var meta) || meta.ValueKind != JsonValueKind.Object
            || !meta.TryGetProperty("sources", out var sources))
        {
            return result;
        }
        if (sources.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new LockfileError(null, $"'_meta.sources' is a JSON {Kind(sources)}, expected an array"));
            return result;
        }
        foreach (var source in sources.EnumerateArray())
        {
            if (source.ValueKind == JsonValueKind.Object
                && source.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                && source.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String)
            {
                result.TryAdd(n.GetString()!, u.GetString()!);
            }
            else
            {
                errors.Add(new LockfileError(null, "an entry of '_meta.sources' has no string 'name' and 'url'"));
            }
        }
        return result;
    }

    private static string? String(JsonElement value, string key, string where, int line, List<LockfileError> errors)
    {
        if (!value.TryGetProperty(key, out var property))
            return null;
        if (property.ValueKind == JsonValueKind.String)
            return property.GetString();
        errors.Add(new LockfileError(line, $"{where}: '{key}' is a JSON {Kind(property)}, expected a string"));
        return null;
    }

    /// <summary>
    /// Lines of the keys one level inside each top-level member, by the member's position (so a
    /// repeated "default" keeps its own lines).
    /// </summary>
    private static Dictionary<int, List<int>> ReadKeyLines(byte[] bytes)
    {
        var result = new Dictionary<int, List<int>>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = ReaderLimits.MaxDocumentDepth });
        var topIndex = -1;
        var line = 1;
        long counted = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                    continue;
                if (reader.CurrentDepth == 1)
                {
                    topIndex++;
                }
                else if (reader.CurrentDepth == 2 && topIndex >= 0)
                {
                    var offset = reader.TokenStartIndex;
                    line += bytes.AsSpan((int)counted, (int)(offset - counted)).Count((byte)'\n');
                    counted = offset;
                    if (!result.TryGetValue(topIndex, out var lines))
                        result[topIndex] = lines = [];
                    lines.Add(line);
                }
            }
        }
        catch (JsonException ex)
        {
            throw Invalid(ex);
        }
        return result;
    }

    private static MalformedDataException Invalid(JsonException ex)
    {
        var line = ex.LineNumber is long l ? (int)Math.Min(l + 1, int.MaxValue) : (int?)null;
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
            message = message[..cut].TrimEnd('.', ' ') + ".";
        return new MalformedDataException(Format, "invalid JSON: " + message, line: line, inner: ex);
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
