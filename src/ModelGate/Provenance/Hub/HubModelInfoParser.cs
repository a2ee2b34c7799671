using System.Globalization;
using System.Text.Json;

namespace ModelGate.Provenance.Hub;

/// <summary>
/// Reads the Hub's model-info answer (<c>GET /api/models/{repo}/revision/{rev}?blobs=true</c>, the JSON behind
/// huggingface_hub's <c>ModelInfo</c>) as hostile input: every field that feeds verification or a file path is
/// checked for type and form; cosmetic fields of the wrong type are ignored.
/// </summary>
internal static class HubModelInfoParser
{
    /// <summary>Nesting allowed in the answer; the Hub's own is about 6 deep (cardData adds a few levels).</summary>
    public const int MaxDepth = 64;

    /// <param name="json">The whole body.</param>
    /// <param name="requested">The repository asked for; used when the answer has no <c>id</c>, and as the owner fallback.</param>
    /// <param name="where">Names the request in messages ("model info for org/name@main from https://...").</param>
    /// <param name="maxEmbeddedJsonBytes">Largest <c>cardData</c>/<c>config</c> kept as raw JSON.</param>
    /// <exception cref="HubException">Kind <see cref="HubErrorKind.Protocol"/> for any malformed answer.</exception>
    public static HubModelInfo Parse(ReadOnlyMemory<byte> json, HubRepoId requested, string where, int maxEmbeddedJsonBytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw Bad(where, $"is not valid JSON ({e.Message})");
        }
        using (document)
        {
            try
            {
                return Read(document.RootElement, requested, where, maxEmbeddedJsonBytes);
            }
            catch (InvalidOperationException e)
            {
                // JsonElement.GetString refuses strings whose \u escapes are lone surrogates (not Unicode text).
                throw Bad(where, $"has a string that is not valid Unicode ({e.Message})");
            }
        }
    }

    private static HubModelInfo Read(JsonElement root, HubRepoId requested, string where, int maxEmbeddedJsonBytes)
    {
        {
            if (root.ValueKind != JsonValueKind.Object)
                throw Bad(where, $"is a JSON {Kind(root)}, not an object");

            var repo = requested;
            if (root.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null)
            {
                if (id.ValueKind != JsonValueKind.String || !HubRepoId.TryParse(id.GetString()!, out var canonical))
                    throw Bad(where, $"has an invalid \"id\" ({Shown(id)})");
                repo = canonical;
            }

            if (!root.TryGetProperty("sha", out var sha) || sha.ValueKind != JsonValueKind.String || !HubPaths.IsSha1Hex(sha.GetString()!))
                throw Bad(where, $"has no valid commit: \"sha\" must be 40 hex digits, got {(root.TryGetProperty("sha", out var s) ? Shown(s) : "nothing")}");
            var commit = sha.GetString()!.ToLowerInvariant();

            if (!root.TryGetProperty("siblings", out var siblings) || siblings.ValueKind != JsonValueKind.Array)
                throw Bad(where, "has no file list (\"siblings\" must be an array)");
            var files = new List<HubFile>(siblings.GetArrayLength());
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var sibling in siblings.EnumerateArray())
            {
                var file = ReadSibling(sibling, where);
                if (!seen.Add(file.Path))
                    throw Bad(where, $"lists the file '{Quote(file.Path)}' twice");
                files.Add(file);
            }
            files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));

            return new HubModelInfo(repo, commit, files)
            {
                Author = String(root, "author") ?? repo.Owner,
                Gated = ReadGated(root),
                Private = root.TryGetProperty("private", out var isPrivate) && isPrivate.ValueKind == JsonValueKind.True,
                Tags = ReadTags(root),
                PipelineTag = String(root, "pipeline_tag"),
                LibraryName = String(root, "library_name"),
                LastModified = String(root, "lastModified") is { } modified
                    && DateTimeOffset.TryParse(modified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null,
                CardDataJson = RawObject(root, "cardData", maxEmbeddedJsonBytes),
                ConfigJson = RawObject(root, "config", maxEmbeddedJsonBytes),
            };
        }
    }

    private static HubFile ReadSibling(JsonElement sibling, string where)
    {
        if (sibling.ValueKind != JsonValueKind.Object)
            throw Bad(where, $"has a file entry that is a JSON {Kind(sibling)}, not an object");
        if (!sibling.TryGetProperty("rfilename", out var name) || name.ValueKind != JsonValueKind.String)
            throw Bad(where, "has a file entry without a \"rfilename\" string");
        var path = name.GetString()!;
        if (!HubPaths.IsSafeRelativePath(path))
            throw Bad(where, $"lists an unsafe file path '{Quote(path)}' (absolute, '..', empty segments, '\\' or control characters)");

        var size = Size(sibling, "size", path, where);
        string? blobId = null;
        if (sibling.TryGetProperty("blobId", out var blob) && blob.ValueKind != JsonValueKind.Null)
        {
            if (blob.ValueKind != JsonValueKind.String || !HubPaths.IsSha1Hex(blob.GetString()!))
                throw Bad(where, $"gives '{Quote(path)}' an invalid \"blobId\" ({Shown(blob)}); expected 40 hex digits");
            blobId = blob.GetString()!.ToLowerInvariant();
        }

        string? sha256 = null;
        if (sibling.TryGetProperty("lfs", out var lfs) && lfs.ValueKind != JsonValueKind.Null)
        {
            if (lfs.ValueKind != JsonValueKind.Object)
                throw Bad(where, $"gives '{Quote(path)}' an \"lfs\" that is a JSON {Kind(lfs)}, not an object");
            if (!lfs.TryGetProperty("sha256", out var oid) || oid.ValueKind != JsonValueKind.String || !HubPaths.IsSha256Hex(oid.GetString()!))
                throw Bad(where, $"gives '{Quote(path)}' an invalid \"lfs.sha256\" ({(lfs.TryGetProperty("sha256", out var o) ? Shown(o) : "missing")}); expected 64 hex digits");
            sha256 = oid.GetString()!.ToLowerInvariant();
            // For LFS files the Hub's "size" is the object's size, and lfs.size repeats it; two different sizes are a lie.
            var lfsSize = Size(lfs, "size", path, where);
            if (lfsSize is not null && size is not null && lfsSize != size)
                throw Bad(where, $"gives '{Quote(path)}' two sizes: {size} and lfs.size {lfsSize}");
            size ??= lfsSize;
        }
        return new HubFile(path, size, blobId, sha256);
    }

    private static long? Size(JsonElement element, string property, string path, string where)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var size) || size < 0)
            throw Bad(where, $"gives '{Quote(path)}' an invalid \"{property}\" ({Shown(value)}); expected a whole number of bytes");
        return size;
    }

    /// <summary><c>gated</c> is false, or the mode users go through: "auto" or "manual" (true on older servers).</summary>
    private static string? ReadGated(JsonElement root)
    {
        if (!root.TryGetProperty("gated", out var gated))
            return null;
        return gated.ValueKind switch
        {
            JsonValueKind.String when gated.GetString() is { Length: > 0 } mode && !mode.Equals("false", StringComparison.OrdinalIgnoreCase) => Quote(mode),
            JsonValueKind.True => "true",
            _ => null,
        };
    }

    private static List<string> ReadTags(JsonElement root)
    {
        if (!root.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Array)
            return [];
        var list = new List<string>();
        foreach (var tag in tags.EnumerateArray())
        {
            if (tag.ValueKind == JsonValueKind.String)
                list.Add(tag.GetString()!);
        }
        return list;
    }

    private static string? String(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static string? RawObject(JsonElement root, string property, int maxBytes)
    {
        if (!root.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Object)
            return null;
        var raw = value.GetRawText();
        return raw.Length > maxBytes ? null : raw;
    }

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    private static string Shown(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? $"\"{Quote(element.GetString()!)}\""
        : Quote(element.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? $"a JSON {Kind(element)}" : element.GetRawText());

    /// <summary>Server text in a message: control characters (terminal escapes included) replaced, length capped.</summary>
    internal static string Quote(string text) => Net.ServerText.Quote(text, 120);

    private static HubException Bad(string where, string what) =>
        new(HubErrorKind.Protocol, $"The Hub's {where} {what}; refusing to trust it.");
}
