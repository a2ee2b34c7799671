namespace ModelGate.Formats.TensorFlow;

/// <summary>Bounds <see cref="SavedModelReader"/> checks before it allocates.</summary>
public sealed class SavedModelLimits
{
    /// <summary>The limits used when the caller has no reason to change them.</summary>
    public static SavedModelLimits Default { get; } = new();

    /// <summary>Most NodeDefs over all graphs and functions; large real SavedModels have a few hundred thousand.</summary>
    public int MaxNodes { get; init; } = 5_000_000;

    /// <summary>Most MetaGraphDefs; real SavedModels have one or two.</summary>
    public int MaxMetaGraphs { get; init; } = 1024;

    /// <summary>Longest node name, op name, tag or attribute string read (bytes).</summary>
    public int MaxNameBytes { get; init; } = 64 * 1024;

    /// <summary>Most string attribute values kept per node.</summary>
    public int MaxStringAttributesPerNode { get; init; } = 64;

    /// <summary>Longest keras_metadata.pb metadata JSON string (bytes); a layer's config is KiB, a large model's root a few MiB.</summary>
    public int MaxMetadataBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Most SavedObjects read from keras_metadata.pb.</summary>
    public int MaxKerasObjects { get; init; } = 1_000_000;
}
