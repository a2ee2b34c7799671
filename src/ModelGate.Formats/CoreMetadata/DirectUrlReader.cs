using System.Text.Json;

namespace ModelGate.Formats.CoreMetadata;

/// <summary>Reads direct_url.json with <see cref="JsonDocument"/> (no reflection, bounded depth).</summary>
public static class DirectUrlReader
{
    private const string Format = "direct_url.json";

    public static DirectUrl Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = ReaderLimits.MaxDocumentDepth });
        }
        catch (JsonException ex)
        {
            throw new MalformedDataException(Format, $"invalid JSON: {ex.Message}", line: ex.LineNumber is long l ? (int)l + 1 : null, inner: ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new MalformedDataException(Format, "the document is not a JSON object");
            var url = String(root, "url") ?? throw new MalformedDataException(Format, "'url' is missing or not a string");
            var subdirectory = String(root, "subdirectory");
            var editable = false;
            var isDirectory = false;
            string? vcs = null, commit = null, requested = null;
            var hashes = new List<string>();
            if (Object(root, "dir_info") is { } dirInfo)
            {
                isDirectory = true;
                editable = dirInfo.TryGetProperty("editable", out var e) && e.ValueKind == JsonValueKind.True;
            }
            if (Object(root, "vcs_info") is { } vcsInfo)
            {
                vcs = String(vcsInfo, "vcs") ?? throw new MalformedDataException(Format, "'vcs_info.vcs' is missing or not a string");
                commit = String(vcsInfo, "commit_id");
                requested = String(vcsInfo, "requested_revision");
            }
            if (Object(root, "archive_info") is { } archiveInfo)
            {
                if (Object(archiveInfo, "hashes") is { } map)
                {
                    foreach (var property in map.EnumerateObject())
                    {
                        if (property.Value.ValueKind == JsonValueKind.String)
                            Add(hashes, property.Name.ToLowerInvariant() + ":" + property.Value.GetString()!.ToLowerInvariant());
                    }
                }
                // Deprecated single "hash": "<algorithm>=<hex>".
                if (String(archiveInfo, "hash") is { } legacy && legacy.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq)
                    Add(hashes, legacy[..eq].ToLowerInvariant() + ":" + legacy[(eq + 1)..].ToLowerInvariant());
            }
            return new DirectUrl(url, editable, isDirectory, vcs, commit, requested, subdirectory, hashes);
        }
    }

    private static void Add(List<string> hashes, string hash)
    {
        if (!hashes.Contains(hash, StringComparer.Ordinal))
            hashes.Add(hash);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement? Object(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;
}
