using ModelGate.Formats.ModelCards;

namespace ModelGate.Cards;

/// <summary>A model folder's card (<c>README.md</c>) and its Transformers <c>config.json</c>, when there is one.</summary>
public sealed record ModelCardEntry
{
    /// <summary>The card's path relative to the scan root, '/'-separated.</summary>
    public required string Path { get; init; }

    /// <summary>The model folder relative to the scan root; empty at the root.</summary>
    public required string Folder { get; init; }

    public required ModelCard Card { get; init; }

    /// <summary>The <c>config.json</c> beside the card; null when absent or unreadable (then a diagnostic says why).</summary>
    public ModelConfig? Config { get; init; }
}
