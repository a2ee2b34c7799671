using System.Text.Json;

namespace ModelGate.Formats.ModelCards;

/// <summary>Reads a Transformers <c>config.json</c>; other fields are ignored.</summary>
public static class ModelConfigReader
{
    private const string Format = "config.json";

    /// <summary>Largest config read (bytes); real ones are a few KiB.</summary>
    public const int MaxConfigBytes = 4 * 1024 * 1024;

    /// <exception cref="MalformedDataException">Not JSON, not an object, too large, or a known field of the wrong type (named by its JSON path).</exception>
    public static ModelConfig Read(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxConfigBytes)
            throw new MalformedDataException(Format, $"the file is {json.Length} bytes; configs larger than {MaxConfigBytes} bytes are not read");
        if (json.StartsWith("\xEF\xBB\xBF"u8))
            json = json[3..];
        if (Utf8Validation.FirstInvalidByte(json) is var invalid and >= 0)
            throw new MalformedDataException(Format, "not valid UTF-8", invalid);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new MalformedDataException(Format, $"not valid JSON: {ex.Message}", line: ex.LineNumber is long l ? (int)l + 1 : null, inner: ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new MalformedDataException(Format, $"$: expected an object, found {Kind(root)}");
            var architectures = new List<string>();
            if (root.TryGetProperty("architectures", out var archs) && archs.ValueKind != JsonValueKind.Null)
            {
                if (archs.ValueKind != JsonValueKind.Array)
                    throw new MalformedDataException(Format, $"$.architectures: expected a list, found {Kind(archs)}");
                var i = 0;
                foreach (var item in archs.EnumerateArray())
                {
                    architectures.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new MalformedDataException(Format, $"$.architectures[{i}]: expected a string, found {Kind(item)}"));
                    i++;
                }
            }
            var autoMap = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("auto_map", out var map) && map.ValueKind != JsonValueKind.Null)
            {
                if (map.ValueKind != JsonValueKind.Object)
                    throw new MalformedDataException(Format, $"$.auto_map: expected an object, found {Kind(map)}");
                foreach (var entry in map.EnumerateObject())
                {
                    autoMap[entry.Name] = entry.Value.ValueKind switch
                    {
                        JsonValueKind.String => entry.Value.GetString()!,
                        JsonValueKind.Array => string.Join(", ", entry.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString())),
                        _ => throw new MalformedDataException(Format, $"$.auto_map.{entry.Name}: expected a string or a list, found {Kind(entry.Value)}"),
                    };
                }
            }
            return new ModelConfig
            {
                Architectures = architectures,
                ModelType = String(root, "model_type"),
                TransformersVersion = String(root, "transformers_version"),
                AutoMap = autoMap,
                TorchDtype = String(root, "torch_dtype") ?? String(root, "dtype"),
            };
        }
    }

    private static string? String(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new MalformedDataException(Format, $"$.{name}: expected a string, found {Kind(value)}");
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
