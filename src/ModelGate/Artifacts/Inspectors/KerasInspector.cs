using System.Text;
using ModelGate.Artifacts.Pickle;
using ModelGate.Findings;
using ModelGate.Formats;
using ModelGate.Formats.Hdf5;
using ModelGate.Formats.Keras;

namespace ModelGate.Artifacts.Inspectors;

/// <summary>
/// Keras models: the v3 <c>.keras</c> zip's <c>config.json</c> and the legacy HDF5 file's <c>model_config</c>
/// attribute. Lambda layers carry marshalled Python bytecode (CVE-2024-3660, CVE-2025-9905), and any object
/// can name a module and function outside Keras (CVE-2025-1550); both run when the model is loaded.
/// </summary>
internal static class KerasInspector
{
    /// <summary>Largest config.json read (bytes). Real configs of very large models stay in the low megabytes.</summary>
    private const int MaxConfigBytes = ReaderLimits.MaxKerasConfigBytes;

    public static void InspectHdf5(ArtifactNode node, Stream stream)
    {
        node.Recognised = true;
        node.Format = "hdf5";
        IReadOnlyDictionary<string, Hdf5AttributeValue> attributes;
        try
        {
            attributes = Hdf5AttributeReader.ReadRootAttributes(stream);
        }
        catch (MalformedDataException ex) when (ex.Reason.Contains("dense storage", StringComparison.Ordinal))
        {
            ScanForConfigs(node, stream, ex);
            return;
        }
        if (!attributes.TryGetValue("model_config", out var config))
            return;
        node.Format = "keras-h5";
        if (config.Text is not { } json)
        {
            node.NotAnalysed($"the model_config attribute is not a single string ({config.Kind}{(config.Note is null ? string.Empty : $": {config.Note}")})");
            return;
        }
        Report(node, KerasConfigInspector.Inspect(json), "model_config");
    }

    /// <summary>
    /// Root attributes kept in dense storage (fractal heap, files written with libver='latest' and many
    /// attributes) are not decoded. Attribute data is never compressed in HDF5, so a model config is in the
    /// file as plain JSON: every <c>{"class_name"</c> that parses as a JSON object is inspected. Finding
    /// none leaves the file not analysed (fail closed).
    /// </summary>
    private static void ScanForConfigs(ArtifactNode node, Stream stream, MalformedDataException why)
    {
        ReadOnlySpan<byte> marker = "{\"class_name\""u8;
        const int MaxConfigs = 16;
        var found = 0;
        var window = new byte[(int)Math.Min(MaxConfigBytes, Math.Max(1, stream.Length))];
        long position = 0;
        while (found < MaxConfigs && position < stream.Length)
        {
            stream.Position = position;
            var filled = stream.ReadAtLeast(window, window.Length, throwOnEndOfStream: false);
            var span = window.AsSpan(0, filled);
            var at = span.IndexOf(marker);
            if (at < 0)
            {
                if (filled < window.Length)
                    break;
                position += filled - marker.Length;
                continue;
            }
            var json = span[at..];
            var reader = new System.Text.Json.Utf8JsonReader(json, new System.Text.Json.JsonReaderOptions { MaxDepth = ReaderLimits.MaxKerasConfigDepth });
            var consumed = 0;
            try
            {
                if (reader.Read() && reader.TrySkip())
                    consumed = (int)reader.BytesConsumed;
            }
            catch (System.Text.Json.JsonException)
            {
                consumed = 0;
            }
            if (consumed > 0)
            {
                found++;
                Report(node, KerasConfigInspector.Inspect(json[..consumed]), $"a model config found at offset {position + at}");
                position += at + consumed;
            }
            else if (filled == window.Length && at > 0)
            {
                // The object may run past this window: read again from the marker.
                position += at;
            }
            else
            {
                position += at + 1;
            }
        }
        if (found == 0)
            node.NotAnalysed($"{why.Format}: {why.Reason}, and no model config was found in the file's bytes", why.Offset);
        else
            node.Report(Rules.ArtifactNotAnalysed, $"{node.Path}: the root attributes are in HDF5 dense storage, which ModelGate does not decode; {found} model config(s) were found in the file's bytes and inspected",
                severity: Severity.Info, discriminator: "hdf5-dense-attributes");
    }

    public static void InspectKerasConfig(ArtifactNode node, Stream stream)
    {
        node.Recognised = true;
        node.Format = "keras-config";
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxConfigBytes)
                throw new MalformedDataException("keras", $"config.json is larger than {MaxConfigBytes / (1024 * 1024)} MiB");
            buffer.Write(chunk, 0, read);
        }
        Report(node, KerasConfigInspector.Inspect(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), "config.json");
    }

    /// <summary>
    /// <c>keras_metadata.pb</c> of a Keras SavedModel: each saved object's JSON metadata is a layer config,
    /// where Lambda layers keep their bytecode.
    /// </summary>
    public static void InspectKerasMetadata(ArtifactNode node, Stream stream)
    {
        node.Recognised = true;
        node.Format = "keras-metadata";
        foreach (var saved in Formats.TensorFlow.SavedModelReader.ReadKerasMetadata(stream))
        {
            if (saved.Metadata.Length > 0)
                Report(node, KerasConfigInspector.Inspect(saved.Metadata), $"keras_metadata.pb object {saved.NodePath}");
        }
    }

    private static void Report(ArtifactNode node, KerasConfigReport report, string where)
    {
        var catalog = node.Walk.Settings.Catalog;
        foreach (var lambda in report.Lambdas)
        {
            var layer = lambda.LayerName ?? lambda.Path;
            if (lambda.HasMarshalledCode)
            {
                var dangerous = DangerousNames(catalog, lambda.CodeStrings).ToList();
                var evidence = new List<string> { $"layer '{layer}' at {lambda.Path} in {where}" };
                if (lambda.CodeStrings.Count > 0)
                    evidence.Add("names and strings in the bytecode: " + string.Join(", ", lambda.CodeStrings.Take(20)));
                if (dangerous.Count > 0)
                {
                    node.Report(Rules.EmbeddedCode,
                        $"{node.Path}: Lambda layer '{layer}' carries marshalled Python bytecode that references {string.Join(", ", dangerous)}; it runs when the model is loaded or called",
                        severity: Severity.Critical, evidence: evidence, discriminator: $"lambda:{lambda.Path}");
                }
                else
                {
                    node.Report(Rules.EmbeddedCode,
                        $"{node.Path}: Lambda layer '{layer}' carries marshalled Python bytecode; it runs when the model is loaded or called",
                        evidence: evidence, discriminator: $"lambda:{lambda.Path}");
                }
            }
            else if (lambda.FunctionName is not null)
            {
                ReportReference(node, catalog, lambda.FunctionModule, lambda.FunctionName, $"Lambda layer '{layer}' calls", lambda.Path, isKeras: lambda.FunctionModule is { } m && KerasConfigInspector.IsKerasModule(m));
            }
        }

        foreach (var reference in report.References)
        {
            var name = reference.FunctionName ?? reference.ClassName;
            switch (reference.Kind)
            {
                case KerasReferenceKind.CustomRegisteredName when reference.Module is null || reference.IsKerasModule:
                    node.Report(Rules.EmbeddedCode,
                        $"{node.Path}: {where} uses the custom object '{reference.RegisteredName ?? reference.ClassName}', whose code the loading program must supply",
                        severity: Severity.Medium, evidence: [$"at {reference.Path}"], discriminator: $"custom:{reference.RegisteredName ?? reference.ClassName}");
                    break;
                default:
                    ReportReference(node, catalog, reference.Module, name, $"{where} references", reference.Path, reference.IsKerasModule);
                    break;
            }
        }

        foreach (var call in report.TfOpCalls)
        {
            if (IsDangerousTfFunction(call.Function))
            {
                node.Report(Rules.DangerousGraphOperation,
                    $"{node.Path}: layer '{call.LayerName ?? call.Path}' ({call.ClassName}) calls {call.Function}, which reaches files or Python",
                    evidence: [$"at {call.Path}"], discriminator: $"tfop:{call.Function}");
            }
        }
    }

    private static void ReportReference(ArtifactNode node, PickleCallableCatalog catalog, string? module, string name, string what, string path, bool isKeras)
    {
        var full = module is null ? name : $"{module}.{name}";
        if (isKeras)
        {
            // Keras' own objects are what a config is made of; the one Keras function a config must never name
            // is the switch that turns safe mode off for what follows (CVE-2025-9906).
            if (name.Contains("enable_unsafe_deserialization", StringComparison.Ordinal))
            {
                node.Report(Rules.EmbeddedCode, $"{node.Path}: {what} {full}, which turns Keras safe mode off so that Lambda bytecode loads",
                    evidence: [$"at {path}"], discriminator: $"ref:{full}");
            }
            return;
        }
        // The catalogue lists keras.** as dangerous for pickles; here Keras modules were handled above.
        var verdict = module is null ? CallableClass.Unknown.Instance : catalog.Classify(module, name);
        if (verdict is CallableClass.Dangerous dangerous)
        {
            node.Report(Rules.DangerousCallable, $"{node.Path}: {what} {full} ({dangerous.Category}); Keras imports and calls it when the model is loaded",
                evidence: [$"at {path}", $"why it matters: {dangerous.Reason}"], discriminator: $"ref:{full}");
        }
        else
        {
            node.Report(Rules.EmbeddedCode, $"{node.Path}: {what} {full}, outside Keras; Keras imports it by name when the model is loaded",
                evidence: [$"at {path}"], discriminator: $"ref:{full}");
        }
    }

    /// <summary>Names in Lambda bytecode that are dangerous modules or builtins (os, subprocess, eval, __import__ ...).</summary>
    private static IEnumerable<string> DangerousNames(PickleCallableCatalog catalog, IReadOnlyList<string> names) =>
        names.Where(n => n.Length is > 0 and < 64 && IsIdentifier(n)
            && (catalog.Classify("builtins", n) is CallableClass.Dangerous || (IsModuleName(n) && catalog.Classify(n, "system") is CallableClass.Dangerous)))
            .Distinct(StringComparer.Ordinal);

    // A module the catalogue marks dangerous as a whole (os.*, subprocess.*) flags any of its names; a probe
    // name keeps specific-function entries of harmless modules from matching.
    private static bool IsModuleName(string name) => !name.Contains('.', StringComparison.Ordinal);

    private static bool IsIdentifier(string text) => text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    // tf.io.write_file / read_file and the py_function family, called by name from TFOpLambda layers.
    private static bool IsDangerousTfFunction(string function)
    {
        var name = function.ToLowerInvariant();
        return name.Contains("write_file", StringComparison.Ordinal) || name.Contains("read_file", StringComparison.Ordinal)
            || name.Contains("py_function", StringComparison.Ordinal) || name.Contains("numpy_function", StringComparison.Ordinal)
            || name.Contains("py_func", StringComparison.Ordinal) || name.Contains("matching_files", StringComparison.Ordinal)
            || name.Contains("gfile", StringComparison.Ordinal);
    }
}
