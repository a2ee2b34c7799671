using System.Globalization;
using System.Text.Json;

namespace ModelGate.Formats.Osv;

/// <summary>
/// Reads one OSV advisory from UTF-8 JSON (ossf.github.io/osv-schema). Only the fields the audit uses are
/// kept; unknown fields (credits, ecosystem_specific, schema_version ...) are skipped. A field of the wrong
/// JSON type, a missing required field (<c>id</c>, <c>package.ecosystem</c>, <c>ranges[].type</c> ...) or an
/// event with no or several kinds ends in a <see cref="MalformedDataException"/> that names the field by its
/// path, for example <c>affected[0].ranges[1].events[2]</c>. JSON <c>null</c> counts as absent.
/// </summary>
public static class OsvJsonReader
{
    internal const string Format = "osv";

    /// <summary>Reads one advisory; the document's nesting is bounded by <see cref="ReaderLimits.MaxDocumentDepth"/>.</summary>
    /// <exception cref="MalformedDataException">The bytes are not JSON, not an OSV advisory, or too large.</exception>
    public static OsvAdvisory Read(ReadOnlySpan<byte> utf8)
    {
        if ((ulong)utf8.Length > ReaderLimits.MaxAdvisoryBytes)
            throw new MalformedDataException(Format, $"the advisory is {utf8.Length} bytes, more than the {ReaderLimits.MaxAdvisoryBytes}-byte limit");
        JsonDocument document;
        try
        {
            // JsonDocument.Parse has no span overload; the copy is bounded by the size check above.
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions
            {
                MaxDepth = ReaderLimits.MaxDocumentDepth,
                CommentHandling = JsonCommentHandling.Disallow,
                AllowTrailingCommas = false,
            });
        }
        catch (JsonException ex)
        {
            throw new MalformedDataException(Format, $"invalid JSON: {ex.Message}", offset: ex.BytePositionInLine, line: ex.LineNumber is long l ? (int)l + 1 : null, inner: ex);
        }
        using (document)
            return ReadAdvisory(document.RootElement);
    }

    private static OsvAdvisory ReadAdvisory(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw WrongType("the document", "an object", root);
        return new OsvAdvisory
        {
            Id = RequiredString(root, "id", "id") is { Length: > 0 } id ? id : throw new MalformedDataException(Format, "id is empty"),
            Modified = Timestamp(root, "modified"),
            Published = Timestamp(root, "published"),
            Withdrawn = Timestamp(root, "withdrawn"),
            Aliases = Strings(root, "aliases", "aliases"),
            Related = Strings(root, "related", "related"),
            Summary = OptionalString(root, "summary", "summary"),
            Details = OptionalString(root, "details", "details"),
            Severity = Severities(root, "severity"),
            Affected = Array(root, "affected", "affected", ReadAffected),
            References = Array(root, "references", "references", ReadReference),
            DatabaseSeverity = DatabaseSeverity(root),
        };
    }

    private static OsvAffected ReadAffected(JsonElement e, string path)
    {
        Expect(e, JsonValueKind.Object, path, "an object");
        OsvPackage? package = null;
        if (Get(e, "package") is { } p)
        {
            var packagePath = path + ".package";
            Expect(p, JsonValueKind.Object, packagePath, "an object");
            package = new OsvPackage(
                RequiredString(p, "ecosystem", packagePath + ".ecosystem"),
                RequiredString(p, "name", packagePath + ".name"),
                OptionalString(p, "purl", packagePath + ".purl"));
        }
        return new OsvAffected
        {
            Package = package,
            Ranges = Array(e, "ranges", path + ".ranges", ReadRange),
            Versions = Strings(e, "versions", path + ".versions"),
            Severity = Severities(e, path + ".severity"),
            DatabaseSeverity = DatabaseSeverity(e),
        };
    }

    private static OsvRange ReadRange(JsonElement e, string path)
    {
        Expect(e, JsonValueKind.Object, path, "an object");
        var type = RequiredString(e, "type", path + ".type");
        var repo = OptionalString(e, "repo", path + ".repo");
        if (Get(e, "events") is null)
            throw new MalformedDataException(Format, $"{path}.events is missing");
        var events = Array(e, "events", path + ".events", ReadEvent);
        return new OsvRange(type, repo, events);
    }

    private static OsvEvent ReadEvent(JsonElement e, string path)
    {
        Expect(e, JsonValueKind.Object, path, "an object");
        OsvEvent? found = null;
        foreach (var property in e.EnumerateObject())
        {
            OsvEventKind? kind = property.Name switch
            {
                "introduced" => OsvEventKind.Introduced,
                "fixed" => OsvEventKind.Fixed,
                "last_affected" => OsvEventKind.LastAffected,
                "limit" => OsvEventKind.Limit,
                _ => null,
            };
            if (kind is null || property.Value.ValueKind == JsonValueKind.Null)
                continue;
            var fieldPath = path + "." + property.Name;
            Expect(property.Value, JsonValueKind.String, fieldPath, "a string");
            // osv-schema, affected[].ranges[].events: "Only a single type ... is allowed in each event object."
            if (found is not null)
                throw new MalformedDataException(Format, $"{path} has more than one of introduced, fixed, last_affected, limit");
            found = new OsvEvent(kind.Value, property.Value.GetString()!);
        }
        return found ?? throw new MalformedDataException(Format, $"{path} has none of introduced, fixed, last_affected, limit");
    }

    private static OsvReference ReadReference(JsonElement e, string path)
    {
        Expect(e, JsonValueKind.Object, path, "an object");
        return new OsvReference(RequiredString(e, "type", path + ".type"), RequiredString(e, "url", path + ".url"));
    }

    private static OsvSeverity[] Severities(JsonElement parent, string path) =>
        Array(parent, "severity", path, (e, itemPath) =>
        {
            Expect(e, JsonValueKind.Object, itemPath, "an object");
            return new OsvSeverity(RequiredString(e, "type", itemPath + ".type"), RequiredString(e, "score", itemPath + ".score"));
        });

    // database_specific is free-form (its meaning is the database's); only a string "severity" in it is used,
    // anything else there is ignored rather than refused.
    private static string? DatabaseSeverity(JsonElement parent) =>
        Get(parent, "database_specific") is { ValueKind: JsonValueKind.Object } specific
            && specific.TryGetProperty("severity", out var severity)
            && severity.ValueKind == JsonValueKind.String
            ? severity.GetString()
            : null;

    private static T[] Array<T>(JsonElement parent, string name, string path, Func<JsonElement, string, T> read)
    {
        if (Get(parent, name) is not { } array)
            return [];
        Expect(array, JsonValueKind.Array, path, "an array");
        var items = new T[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            items[i] = read(item, $"{path}[{i}]");
            i++;
        }
        return items;
    }

    private static string[] Strings(JsonElement parent, string name, string path) =>
        Array(parent, name, path, (e, itemPath) =>
        {
            Expect(e, JsonValueKind.String, itemPath, "a string");
            return e.GetString()!;
        });

    private static DateTimeOffset? Timestamp(JsonElement parent, string name)
    {
        if (OptionalString(parent, name, name) is not { } text)
            return null;
        // osv-schema: timestamps are RFC 3339, "always in UTC"; an offset, if given anyway, is honoured.
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : throw new MalformedDataException(Format, $"{name} '{Shorten(text)}' is not an RFC 3339 timestamp");
    }

    private static string RequiredString(JsonElement parent, string name, string path) =>
        OptionalString(parent, name, path) ?? throw new MalformedDataException(Format, $"{path} is missing");

    private static string? OptionalString(JsonElement parent, string name, string path)
    {
        if (Get(parent, name) is not { } value)
            return null;
        Expect(value, JsonValueKind.String, path, "a string");
        return value.GetString();
    }

    private static JsonElement? Get(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static void Expect(JsonElement e, JsonValueKind kind, string path, string what)
    {
        if (e.ValueKind != kind)
            throw WrongType(path, what, e);
    }

    private static MalformedDataException WrongType(string path, string what, JsonElement found) =>
        new(Format, $"{path} must be {what}, not {Describe(found.ValueKind)}");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
