using System.Globalization;
using System.Text.Json;

namespace ModelGate.Signatures.Tuf;

/// <summary>Typed access to members of TUF metadata; every failure names the file and the JSON path.</summary>
internal static class TufJson
{
    public static JsonDocument Parse(ReadOnlyMemory<byte> bytes, string file, int maxDepth)
    {
        if (Formats.Utf8Validation.FirstInvalidByte(bytes.Span) is var invalid and >= 0)
            throw new TufException($"{file}: byte {invalid}: not valid UTF-8");
        try
        {
            // Duplicate members are refused: two parsers could otherwise disagree on what was signed.
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new TufException($"{file}: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}", e);
        }
    }

    public static JsonElement Object(JsonElement parent, string name, string file, string path)
    {
        var value = Member(parent, name, file, path);
        if (value.ValueKind != JsonValueKind.Object)
            throw WrongType(file, $"{path}.{name}", "an object", value);
        return value;
    }

    public static JsonElement? OptionalObject(JsonElement parent, string name, string file, string path)
    {
        if (!parent.TryGetProperty(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Object)
            throw WrongType(file, $"{path}.{name}", "an object", value);
        return value;
    }

    public static JsonElement Array(JsonElement parent, string name, string file, string path)
    {
        var value = Member(parent, name, file, path);
        if (value.ValueKind != JsonValueKind.Array)
            throw WrongType(file, $"{path}.{name}", "an array", value);
        return value;
    }

    public static string String(JsonElement parent, string name, string file, string path)
    {
        var value = Member(parent, name, file, path);
        return StringValue(value, file, $"{path}.{name}");
    }

    public static string StringValue(JsonElement value, string file, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
            throw WrongType(file, path, "a string", value);
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new TufException($"{file}: {path} is not a valid Unicode string", e);
        }
    }

    public static string PropertyName(JsonProperty property, string file, string path)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException e)
        {
            throw new TufException($"{file}: a member name in {path} is not a valid Unicode string", e);
        }
    }

    public static bool Boolean(JsonElement parent, string name, string file, string path)
    {
        var value = Member(parent, name, file, path);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(file, $"{path}.{name}", "true or false", value),
        };
    }

    /// <summary>An integer at least <paramref name="minimum"/> (versions, lengths, thresholds).</summary>
    public static long Integer(JsonElement parent, string name, string file, string path, long minimum)
    {
        var value = Member(parent, name, file, path);
        return IntegerValue(value, file, $"{path}.{name}", minimum);
    }

    public static long? OptionalInteger(JsonElement parent, string name, string file, string path, long minimum) =>
        parent.TryGetProperty(name, out var value) ? IntegerValue(value, file, $"{path}.{name}", minimum) : null;

    public static long IntegerValue(JsonElement value, string file, string path, long minimum)
    {
        if (value.ValueKind != JsonValueKind.Number)
            throw WrongType(file, path, "an integer", value);
        var raw = value.GetRawText();
        if (raw.AsSpan().ContainsAny('.', 'e', 'E') || !value.TryGetInt64(out var number))
            throw new TufException($"{file}: {path} is {Net.ServerText.Quote(raw, 40)}, not an integer within 64 bits");
        if (number < minimum)
            throw new TufException($"{file}: {path} is {number.ToString(CultureInfo.InvariantCulture)}; it must be at least {minimum.ToString(CultureInfo.InvariantCulture)}");
        return number;
    }

    /// <summary>TUF's "expires": ISO 8601 in UTC to the second, "YYYY-MM-DDTHH:MM:SSZ" (specification §4.2, "EXPIRES").</summary>
    public static DateTimeOffset Expires(JsonElement parent, string file, string path)
    {
        var text = String(parent, "expires", file, path);
        if (!DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expires))
            throw new TufException($"{file}: {path}.expires is \"{Net.ServerText.Quote(text, 40)}\", not a time of the form YYYY-MM-DDTHH:MM:SSZ");
        return expires;
    }

    private static JsonElement Member(JsonElement parent, string name, string file, string path)
    {
        if (!parent.TryGetProperty(name, out var value))
            throw new TufException($"{file}: {path}.{name} is missing");
        return value;
    }

    private static TufException WrongType(string file, string path, string expected, JsonElement actual) =>
        new($"{file}: {path} must be {expected}, not {Describe(actual.ValueKind)}");

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

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
