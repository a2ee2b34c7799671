namespace ModelGate.Formats.Hdf5;

/// <summary>
/// Reads the root group's attributes of an HDF5 file (HDF5 File Format Specification 3.0) without a native
/// library: superblock v0-v3, object headers v1 and v2 with continuation blocks, attribute messages v1-v3 with
/// string, integer and float values, variable-length strings from the global heap. Legacy Keras .h5 files keep
/// model_config, training_config, keras_version and backend there.
/// </summary>
public static class Hdf5AttributeReader
{
    /// <summary>Format name used in <see cref="MalformedDataException.Format"/>.</summary>
    public const string FormatName = "hdf5";

    /// <summary>
    /// Reads the root group's attributes, in header order (dictionary keys are attribute names). Attributes in
    /// dense storage (fractal heap, written by libver="latest" for more than 8 attributes) are not supported and
    /// raise <see cref="MalformedDataException"/>, so callers fail closed rather than miss a config.
    /// </summary>
    public static IReadOnlyDictionary<string, Hdf5AttributeValue> ReadRootAttributes(Stream stream, Hdf5Limits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        if (!stream.CanSeek || !stream.CanRead)
            throw new ArgumentException("The stream must be readable and seekable.", nameof(stream));
        return new Hdf5RootAttributes(stream, limits).Read();
    }

    /// <summary>Reads the root group's attributes with <see cref="Hdf5Limits.Default"/>.</summary>
    public static IReadOnlyDictionary<string, Hdf5AttributeValue> ReadRootAttributes(Stream stream) => ReadRootAttributes(stream, Hdf5Limits.Default);
}
