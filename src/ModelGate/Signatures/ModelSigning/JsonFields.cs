using System.Text.Json;

namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// Typed access to the JSON of a signature, each failure naming the file and the JSON path. A key that appears
/// twice in one object is refused: Python's <c>json</c> keeps the last, other readers the first, and a signed
/// document must not mean two things.
/// </summary>
internal readonly struct JsonFields(string file)
{
    public ModelSignatureException Error(string path, string problem) => new("format", $"{file}: {path}: {problem}");

    public JsonElement? Optional(JsonElement obj, string path, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object)
            throw Error(path, $"expected an object, found {Describe(obj.ValueKind)}");
        JsonElement? found = null;
        foreach (var property in obj.EnumerateObject())
        {
            if (property.NameEquals(name))
            {
                if (found is not null)
                    throw Error($"{path}.{name}", "key appears more than once");
                found = property.Value;
            }
        }
        return found is { ValueKind: JsonValueKind.Null } ? null : found;
    }

    public JsonElement Required(JsonElement obj, string path, string name, JsonValueKind kind) =>
        Optional(obj, path, name) is { } value ? Expect(value, $"{path}.{name}", kind) : throw Error($"{path}.{name}", "missing");

    public JsonElement Expect(JsonElement value, string path, JsonValueKind kind)
    {
        var ok = kind switch
        {
            JsonValueKind.True => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            _ => value.ValueKind == kind,
        };
        return ok ? value : throw Error(path, $"expected {Describe(kind)}, found {Describe(value.ValueKind)}");
    }

    public string String(JsonElement obj, string path, string name) => Required(obj, path, name, JsonValueKind.String).GetString()!;

    public string? OptionalString(JsonElement obj, string path, string name) =>
        Optional(obj, path, name) is { } value ? Expect(value, $"{path}.{name}", JsonValueKind.String).GetString() : null;

    public byte[] Base64(JsonElement obj, string path, string name)
    {
        var text = String(obj, path, name);
        var buffer = new byte[(text.Length / 4 * 3) + 3];
        // Protobuf JSON (what the reference writes and reads) is standard base64; URL-safe input is also legal there.
        var normalized = text.Replace('-', '+').Replace('_', '/');
        if (normalized.Length % 4 != 0)
            normalized = normalized.PadRight(normalized.Length + (4 - (normalized.Length % 4)), '=');
        return Convert.TryFromBase64String(normalized, buffer, out var written)
            ? buffer.AsSpan(0, written).ToArray()
            : throw Error($"{path}.{name}", "not valid base64");
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
