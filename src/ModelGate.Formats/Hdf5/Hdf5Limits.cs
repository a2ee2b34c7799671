namespace ModelGate.Formats.Hdf5;

/// <summary>Bounds <see cref="Hdf5AttributeReader"/> checks before it allocates or follows addresses.</summary>
public sealed class Hdf5Limits
{
    /// <summary>The limits used when the caller has no reason to change them.</summary>
    public static Hdf5Limits Default { get; } = new();

    /// <summary>Most attributes read from the root group; Keras writes four or five.</summary>
    public int MaxAttributes { get; init; } = 4096;

    /// <summary>Most header messages followed in one object header, continuation blocks included.</summary>
    public int MaxHeaderMessages { get; init; } = 65_536;

    /// <summary>Most continuation blocks followed for one object header (a cycle of continuations ends here).</summary>
    public int MaxContinuationBlocks { get; init; } = 1024;

    /// <summary>Largest object header chunk or continuation block read (bytes). v1 headers hold up to 64 KiB messages.</summary>
    public int MaxHeaderBlockBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most elements in one attribute's dataspace.</summary>
    public long MaxAttributeElements { get; init; } = 1_000_000;

    /// <summary>Largest global heap collection read (bytes): variable-length strings (a Keras model_config) live there.</summary>
    public int MaxGlobalHeapCollectionBytes { get; init; } = 128 * 1024 * 1024;

    /// <summary>Longest single string value (bytes); a large Keras model_config is a few MiB.</summary>
    public int MaxStringBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Total string bytes read over all attributes.</summary>
    public long MaxTotalStringBytes { get; init; } = 256L * 1024 * 1024;
}
