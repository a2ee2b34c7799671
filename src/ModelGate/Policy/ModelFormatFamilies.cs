namespace ModelGate.Policy;

/// <summary>
/// The names <c>lists.model-formats.required</c> accepts (docs/policy.md, "Model formats"): a family covers
/// the artifact formats the scanner reports; any other entry must equal a reported format exactly.
/// </summary>
internal static class ModelFormatFamilies
{
    /// <summary>Family → the reported formats it covers: exact names, or prefixes ending in '-' or '*'.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Table = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["safetensors"] = ["safetensors"],
        ["gguf"] = ["gguf"],
        ["onnx"] = ["onnx"],
        // Every format whose weights are (or embed) a pickle stream.
        ["pickle"] = ["pickle", "joblib", "joblib-*", "pytorch-*", "torchscript"],
        ["pytorch"] = ["pytorch-*", "torchscript"],
        ["numpy"] = ["numpy", "numpy-npz"],
        ["keras"] = ["keras", "keras-*", "hdf5"],
        ["tensorflow"] = ["tensorflow-savedmodel", "tensorflow-graphdef", "tflite"],
    };

    /// <summary>True when <paramref name="format"/> (as reported) is one of <paramref name="required"/>.</summary>
    public static bool Allows(IEnumerable<string> required, string format)
    {
        foreach (var entry in required)
        {
            var name = entry.ToLowerInvariant();
            if (string.Equals(name, format, StringComparison.OrdinalIgnoreCase))
                return true;
            if (Table.TryGetValue(name, out var covered) && covered.Any(c => Covers(c, format)))
                return true;
        }
        return false;
    }

    private static bool Covers(string pattern, string format) =>
        pattern.EndsWith('*')
            ? format.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, format, StringComparison.OrdinalIgnoreCase);
}
