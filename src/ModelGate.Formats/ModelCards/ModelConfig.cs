namespace ModelGate.Formats.ModelCards;

/// <summary>The fields of a Transformers <c>config.json</c> that say what code loads the model.</summary>
public sealed record ModelConfig
{
    /// <summary><c>architectures</c>: the model classes, e.g. <c>BertForMaskedLM</c>.</summary>
    public IReadOnlyList<string> Architectures { get; init; } = [];

    public string? ModelType { get; init; }

    /// <summary>The Transformers version that wrote the file.</summary>
    public string? TransformersVersion { get; init; }

    /// <summary>
    /// <c>auto_map</c>: Auto class to <c>module.Class</c> in the repository (or <c>repo--module.Class</c>);
    /// present means loading runs the repository's own Python code (<c>trust_remote_code=True</c>).
    /// A list value (tokenizer pairs) is joined with ", ".
    /// </summary>
    public IReadOnlyDictionary<string, string> AutoMap { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>torch_dtype</c> (or <c>dtype</c> in newer files).</summary>
    public string? TorchDtype { get; init; }
}
