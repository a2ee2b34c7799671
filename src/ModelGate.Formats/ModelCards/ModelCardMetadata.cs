namespace ModelGate.Formats.ModelCards;

/// <summary>
/// The model-card metadata fields ModelGate reads (Hugging Face Hub docs, "Model Cards" and the
/// <c>modelcard.md</c> template's front matter). Lists keep the card's order; a scalar where a list is
/// expected becomes a one-item list.
/// </summary>
public sealed record ModelCardMetadata
{
    public static ModelCardMetadata Empty { get; } = new();

    /// <summary>The first <c>license</c> value (cards in the wild sometimes give a list).</summary>
    public string? License { get; init; }

    /// <summary>Every <c>license</c> value.</summary>
    public IReadOnlyList<string> Licenses { get; init; } = [];

    /// <summary><c>license_name</c>: the licence's short name when <c>license</c> is <c>other</c>.</summary>
    public string? LicenseName { get; init; }

    /// <summary><c>license_link</c>: where the licence text is (a URL or a file in the repository).</summary>
    public string? LicenseLink { get; init; }

    public IReadOnlyList<string> Datasets { get; init; } = [];

    /// <summary><c>language</c>.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary><c>base_model</c>: the models this one derives from.</summary>
    public IReadOnlyList<string> BaseModels { get; init; } = [];

    /// <summary><c>base_model_relation</c>: adapter, merge, quantized or finetune.</summary>
    public string? BaseModelRelation { get; init; }

    public string? PipelineTag { get; init; }

    public string? LibraryName { get; init; }

    /// <summary><c>model-index</c> flattened: one entry per metric (or per result without metrics).</summary>
    public IReadOnlyList<ModelIndexResult> Results { get; init; } = [];

    /// <summary>True when the card asks for access terms to be accepted (any <c>extra_gated_*</c> field).</summary>
    public bool Gated { get; init; }

    /// <summary><c>extra_gated_prompt</c>: the text shown before access is granted.</summary>
    public string? GatedPrompt { get; init; }

    /// <summary>The keys of <c>extra_gated_fields</c>: what a user must tell the publisher.</summary>
    public IReadOnlyList<string> GatedFields { get; init; } = [];
}
