using System.Text;
using System.Text.Json;

namespace ModelGate.Formats.Keras;

/// <summary>
/// Walks a Keras model config without deserializing it: Keras 3 <c>config.json</c> (objects of the form
/// <c>{"module", "class_name", "config", "registered_name"}</c>, keras/src/saving/serialization_lib.py) and the
/// Keras 2 / tf.keras <c>model_config</c> of legacy H5 files (<c>{"class_name", "config": {"layers": [...]}}</c>,
/// keras/src/legacy/saving/legacy_h5_format.py). It reports what would run code or import modules on load.
/// </summary>
public static class KerasConfigInspector
{
    /// <summary>Format name used in <see cref="MalformedDataException.Format"/>.</summary>
    public const string FormatName = "keras-config";

    private static readonly string[] KerasPackages = ["keras", "keras_hub", "keras_nlp", "keras_cv", "tf_keras", "tensorflow.keras", "tensorflow.python.keras"];

    /// <summary>Inspects config JSON given as UTF-8 bytes.</summary>
    public static KerasConfigReport Inspect(ReadOnlySpan<byte> configJsonUtf8)
    {
        if (configJsonUtf8.Length > ReaderLimits.MaxKerasConfigBytes)
            throw new MalformedDataException(FormatName, $"config of {configJsonUtf8.Length} bytes exceeds the limit of {ReaderLimits.MaxKerasConfigBytes}");
        // JSON text is UTF-8 (RFC 8259 section 8.1). JsonDocument checks string bytes only when a string is read,
        // and then throws InvalidOperationException, so the whole text is checked here first.
        if (Utf8Validation.FirstInvalidByte(configJsonUtf8) is var invalid and >= 0)
            throw new MalformedDataException(FormatName, "config is not valid UTF-8", invalid);
        JsonDocument document;
        try
        {
            var replaced = PythonJsonLiterals.Replace(configJsonUtf8);
            var reader = new Utf8JsonReader(replaced ?? configJsonUtf8, new JsonReaderOptions { MaxDepth = ReaderLimits.MaxKerasConfigDepth });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new MalformedDataException(FormatName, "invalid JSON: " + e.Message, e.BytePositionInLine, e.LineNumber is long line ? (int)Math.Min(line + 1, int.MaxValue) : null, e);
        }
        using (document)
        {
            var walker = new Walker();
            try
            {
                walker.Visit(document.RootElement, "$", null, 0);
            }
            catch (InvalidOperationException e)
            {
                // The walker reads strings only after checking the element kind, so this is System.Text.Json
                // refusing to decode a string: an escaped unpaired surrogate ("\ud800") is valid JSON syntax
                // but no UTF-16 string.
                throw new MalformedDataException(FormatName, "a string cannot be decoded: " + e.Message, inner: e);
            }
            return new KerasConfigReport(walker.Lambdas, walker.References, walker.TfOpCalls, walker.LayerCount);
        }
    }


    /// <summary>Inspects config JSON given as text (the <c>model_config</c> attribute of an H5 file).</summary>
    public static KerasConfigReport Inspect(string configJson)
    {
        ArgumentNullException.ThrowIfNull(configJson);
        if (configJson.Length > ReaderLimits.MaxKerasConfigBytes)
            throw new MalformedDataException(FormatName, $"config of {configJson.Length} characters exceeds the limit of {ReaderLimits.MaxKerasConfigBytes}");
        return Inspect(Encoding.UTF8.GetBytes(configJson));
    }

    /// <summary>True when <paramref name="module"/> is one of Keras' own packages or a submodule of one.</summary>
    public static bool IsKerasModule(string module) =>
        KerasPackages.Any(p => module == p || module.StartsWith(p + ".", StringComparison.Ordinal));

    private sealed class Walker
    {
        public List<KerasLambda> Lambdas { get; } = [];

        public List<KerasObjectReference> References { get; } = [];

        public List<KerasTfOpCall> TfOpCalls { get; } = [];

        public int LayerCount { get; private set; }

        public void Visit(JsonElement element, string path, string? layerName, int depth)
        {
            if (depth > ReaderLimits.MaxKerasConfigDepth)
                throw new MalformedDataException(FormatName, "config nested too deeply");
            switch (element.ValueKind)
            {
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        if (path.EndsWith(".layers", StringComparison.Ordinal) && item.ValueKind == JsonValueKind.Object)
                            LayerCount++;
                        Visit(item, $"{path}[{index++}]", layerName, depth + 1);
                    }
                    break;
                case JsonValueKind.Object:
                    VisitObject(element, path, layerName, depth);
                    break;
            }
        }

        private void VisitObject(JsonElement element, string path, string? layerName, int depth)
        {
            var className = String(element, "class_name");
            var config = element.TryGetProperty("config", out var c) ? c : default;
            if (className is not null && config.ValueKind == JsonValueKind.Object && String(config, "name") is { } name)
                layerName = name;
            if (className is not null)
                Classify(element, className, config, path, layerName);
            foreach (var property in element.EnumerateObject())
                Visit(property.Value, $"{path}.{property.Name}", layerName, depth + 1);
        }

        private void Classify(JsonElement element, string className, JsonElement config, string path, string? layerName)
        {
            var module = String(element, "module");
            var registeredName = String(element, "registered_name");
            var isKeras = module is null || IsKerasModule(module);
            switch (className)
            {
                case "Lambda" when config.ValueKind == JsonValueKind.Object:
                    AddKeras2Lambda(config, "function", "function_type", $"{path}.config.function", layerName);
                    AddKeras2Lambda(config, "output_shape", "output_shape_type", $"{path}.config.output_shape", layerName);
                    break;
                case "__lambda__":
                    AddKeras3Lambda(config, path, layerName);
                    break;
                case "function" or "__function__":
                    References.Add(new KerasObjectReference(KerasReferenceKind.FunctionReference, path, module, className, registeredName,
                        config.ValueKind == JsonValueKind.String ? config.GetString() : null, module is not null && IsKerasModule(module)));
                    return;
                case "TFOpLambda" or "SlicingOpLambda" when config.ValueKind == JsonValueKind.Object:
                    TfOpCalls.Add(new KerasTfOpCall(path, layerName, className, String(config, "function") ?? ""));
                    break;
            }
            if (!isKeras)
                References.Add(new KerasObjectReference(KerasReferenceKind.ForeignModule, path, module, className, registeredName, null, false));
            else if (registeredName is not null && IsCustomRegisteredName(registeredName))
                References.Add(new KerasObjectReference(KerasReferenceKind.CustomRegisteredName, path, module, className, registeredName, null, true));
        }

        // register_keras_serializable names objects "<package>>Name"; Keras' own packages register that way too.
        private static bool IsCustomRegisteredName(string registeredName)
        {
            var separator = registeredName.IndexOf('>', StringComparison.Ordinal);
            return separator >= 0 && !IsKerasModule(registeredName[..separator]);
        }

        // Keras 2 Lambda: config.function is [base64 marshal, defaults, closure] when function_type is
        // "lambda", or a function name (with config.module) when it is "function"; output_shape likewise.
        private void AddKeras2Lambda(JsonElement config, string field, string typeField, string path, string? layerName)
        {
            if (!config.TryGetProperty(field, out var function))
                return;
            var type = String(config, typeField);
            if (function.ValueKind == JsonValueKind.Array && type is "lambda" or null)
            {
                var code = function.GetArrayLength() > 0 && function[0].ValueKind == JsonValueKind.String ? function[0].GetString() : null;
                if (code is not null)
                    Lambdas.Add(new KerasLambda(path, layerName, true, CodeStrings(code), null, null));
            }
            else if (function.ValueKind == JsonValueKind.String && type == "function")
            {
                var module = String(config, field == "function" ? "module" : "output_shape_module");
                Lambdas.Add(new KerasLambda(path, layerName, false, [], module, function.GetString()));
            }
        }

        // Keras 3: {"class_name": "__lambda__", "config": {"code": base64 marshal, "defaults": ..., "closure": ...}}
        // (python_utils.func_dump); older Keras 3 releases wrote the dump under "value".
        private void AddKeras3Lambda(JsonElement config, string path, string? layerName)
        {
            string? code = null;
            if (config.ValueKind == JsonValueKind.Object)
            {
                code = String(config, "code");
                if (code is null && config.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
                    && value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.String)
                    code = value[0].GetString();
            }
            Lambdas.Add(new KerasLambda(path, layerName, code is not null, code is null ? [] : CodeStrings(code), null, null));
        }

        private static IReadOnlyList<string> CodeStrings(string base64)
        {
            if (base64.Length > ReaderLimits.MaxMarshalledCodeBytes / 3 * 4 + 1024)
                return [];
            var buffer = new byte[base64.Length * 3 / 4 + 3];
            return Convert.TryFromBase64String(base64, buffer, out var written)
                ? MarshalStrings.Extract(buffer.AsSpan(0, written), ReaderLimits.MaxMarshalledCodeStrings)
                : [];
        }

        private static string? String(JsonElement element, string property) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
    }
}
