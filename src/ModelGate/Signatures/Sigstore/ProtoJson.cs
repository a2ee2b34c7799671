using System.Globalization;
using System.Text.Json;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// Reads values of the protobuf JSON mapping (protobuf.dev "ProtoJSON Format") from a parsed document: fields by
/// their lowerCamelCase or original snake_case name, bytes as standard or URL-safe base64 with or without
/// padding, int64 as a string or a number, Timestamp as RFC 3339. Every failure names the source, the JSON
/// path and the check it belongs to.
/// </summary>
internal readonly struct ProtoJson(string source, string check)
{
    public static JsonDocumentOptions DocumentOptions => new()
    {
        MaxDepth = SigstoreLimits.MaxJsonDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    public SigstoreVerificationException Error(string path, string reason) =>
        new(check, $"{source}: {path}: {reason}");

    public JsonDocument Parse(ReadOnlySpan<byte> json, int maxBytes, string what)
    {
        if (json.Length > maxBytes)
        {
            throw new SigstoreVerificationException(
                check, $"{source}: the {what} is {json.Length} bytes, more than the {maxBytes}-byte limit; refused before parsing");
        }

        if (Formats.Utf8Validation.FirstInvalidByte(json) is var invalid and >= 0)
            throw new SigstoreVerificationException(check, $"{source}: byte {invalid}: the {what} is not valid UTF-8");

        try
        {
            // JsonDocument.Parse wants memory it can keep; the caller's span is copied once.
            return JsonDocument.Parse(json.ToArray(), DocumentOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}, byte {ex.BytePositionInLine + 1}" : "$";
            throw new SigstoreVerificationException(check, $"{source}: {where}: not valid JSON ({FirstSentence(ex.Message)})", ex);
        }
    }

    public void RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Error(path, $"expected an object, found {Describe(element.ValueKind)}");
    }

    /// <summary>The field under either name; null when absent or JSON null (protobuf JSON treats null as the default).</summary>
    public JsonElement? Field(JsonElement parent, string path, string camelName, string? snakeName = null)
    {
        RequireObject(parent, path);
        JsonElement? found = null;
        if (parent.TryGetProperty(camelName, out var camel) && camel.ValueKind != JsonValueKind.Null)
            found = camel;
        if (snakeName is not null && snakeName != camelName
            && parent.TryGetProperty(snakeName, out var snake) && snake.ValueKind != JsonValueKind.Null)
        {
            if (found is not null)
                throw Error(path, $"both '{camelName}' and '{snakeName}' are present");
            found = snake;
        }

        return found;
    }

    public JsonElement RequireField(JsonElement parent, string path, string camelName, string? snakeName = null) =>
        Field(parent, path, camelName, snakeName) ?? throw Error(path, $"'{camelName}' is missing");

    public string String(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
            throw Error(path, $"expected a string, found {Describe(element.ValueKind)}");
        return element.GetString() ?? string.Empty;
    }

    public string? OptionalString(JsonElement parent, string path, string camelName, string? snakeName = null) =>
        Field(parent, path, camelName, snakeName) is { } value ? String(value, $"{path}.{camelName}") : null;

    public string RequireString(JsonElement parent, string path, string camelName, string? snakeName = null) =>
        String(RequireField(parent, path, camelName, snakeName), $"{path}.{camelName}");

    public byte[] RequireBytes(JsonElement parent, string path, string camelName, string? snakeName = null)
    {
        var fieldPath = $"{path}.{camelName}";
        var bytes = Bytes(String(RequireField(parent, path, camelName, snakeName), fieldPath), fieldPath);
        if (bytes.Length == 0)
            throw Error(fieldPath, "is empty");
        return bytes;
    }

    public byte[]? OptionalBytes(JsonElement parent, string path, string camelName, string? snakeName = null)
    {
        var fieldPath = $"{path}.{camelName}";
        return Field(parent, path, camelName, snakeName) is { } value ? Bytes(String(value, fieldPath), fieldPath) : null;
    }

    /// <summary>
    /// Base64 as protobuf JSON accepts it: the standard or URL-safe alphabet, padding optional. Line breaks are
    /// skipped as Go's encoding/base64 (under protojson) skips them: real bundles carry wrapped
    /// <c>base64 response.tsr</c> output (conformance case rekor2-timestamp-with-incorrect-time_fail).
    /// </summary>
    public byte[] Bytes(string text, string path)
    {
        if (text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal))
            text = text.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
        var trimmed = text.AsSpan().TrimEnd('=');
        if (text.Length - trimmed.Length > 2)
            throw Error(path, "is not valid base64 (too much padding)");
        if (trimmed.Length % 4 == 1)
            throw Error(path, "is not valid base64 (impossible length)");

        var normalized = new char[(trimmed.Length + 3) / 4 * 4];
        for (var i = 0; i < trimmed.Length; i++)
        {
            normalized[i] = trimmed[i] switch
            {
                >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/' => trimmed[i],
                '-' => '+',
                '_' => '/',
                _ => throw Error(path, $"is not valid base64 (character {Printable(trimmed[i])} at offset {i})"),
            };
        }

        normalized.AsSpan(trimmed.Length).Fill('=');
        var decoded = new byte[normalized.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(normalized, decoded, out var written))
            throw Error(path, "is not valid base64");
        return decoded.AsSpan(0, written).ToArray();
    }

    /// <summary>An int64 as protobuf JSON writes it (a decimal string) or reads it (also a JSON number).</summary>
    public long Int64(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when element.TryGetInt64(out var number):
                return number;
            case JsonValueKind.String when long.TryParse(
                element.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case JsonValueKind.Number or JsonValueKind.String:
                throw Error(path, $"is not an int64 ({Truncate(element.GetRawText())})");
            default:
                throw Error(path, $"expected an int64 (string or number), found {Describe(element.ValueKind)}");
        }
    }

    public long? OptionalInt64(JsonElement parent, string path, string camelName, string? snakeName = null) =>
        Field(parent, path, camelName, snakeName) is { } value ? Int64(value, $"{path}.{camelName}") : null;

    /// <summary>A google.protobuf.Timestamp: RFC 3339 with an explicit offset ("Z" or ±hh:mm).</summary>
    public DateTimeOffset Timestamp(JsonElement element, string path)
    {
        var text = String(element, path);
        if (text.Length is < 20 or > 40
            || !(text.EndsWith('Z') || text[^6] is '+' or '-')
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time))
        {
            throw Error(path, $"is not an RFC 3339 timestamp ({Truncate(text)})");
        }

        return time;
    }

    public IReadOnlyList<JsonElement> Array(JsonElement? element, string path, int maxItems)
    {
        if (element is not { } array)
            return [];
        if (array.ValueKind != JsonValueKind.Array)
            throw Error(path, $"expected an array, found {Describe(array.ValueKind)}");
        var count = array.GetArrayLength();
        if (count > maxItems)
            throw Error(path, $"has {count} items, more than the limit of {maxItems}");
        return [.. array.EnumerateArray()];
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";

    private static string Truncate(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
