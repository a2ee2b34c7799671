namespace ModelGate.Formats.ModelCards;

/// <summary>
/// A Hugging Face model card (<c>README.md</c>): the YAML front matter between <c>---</c> lines, and the
/// Markdown body split into sections. Read by <see cref="ModelCardReader"/>, which never throws on bad input.
/// </summary>
public sealed record ModelCard
{
    /// <summary>The front matter's fields; empty when there is none or it could not be read.</summary>
    public ModelCardMetadata Metadata { get; init; } = ModelCardMetadata.Empty;

    /// <summary>True when the card starts with a <c>---</c> front-matter block (read or not).</summary>
    public bool HasFrontMatter { get; init; }

    /// <summary>Why the front matter could not be read (or what in it was ignored), as <c>line L, column C: reason</c>; null when it was read.</summary>
    public string? FrontMatterError { get; init; }

    /// <summary>1-based line of the closing <c>---</c>; 0 when there is no front matter.</summary>
    public int FrontMatterEndLine { get; init; }

    /// <summary>The body's sections in document order, each from one heading to the next.</summary>
    public IReadOnlyList<ModelCardSection> Sections { get; init; } = [];

    /// <summary>True when the card was longer than <see cref="ModelCardReader.MaxCardChars"/> and only its start was read.</summary>
    public bool Truncated { get; init; }
}
