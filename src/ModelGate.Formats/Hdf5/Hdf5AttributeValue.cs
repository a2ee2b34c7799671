namespace ModelGate.Formats.Hdf5;

/// <summary>One attribute's value, read from its datatype, dataspace and data.</summary>
/// <param name="Dimensions">The dataspace's dimensions; empty for a scalar.</param>
/// <param name="Strings">The elements, when <see cref="Kind"/> is <see cref="Hdf5AttributeKind.String"/> (fixed-length strings lose their padding).</param>
/// <param name="Integers">The elements, when <see cref="Kind"/> is <see cref="Hdf5AttributeKind.Integer"/> (unsigned 64-bit values above long.MaxValue wrap).</param>
/// <param name="Floats">The elements, when <see cref="Kind"/> is <see cref="Hdf5AttributeKind.Float"/>.</param>
/// <param name="Note">Why the value was not read, when <see cref="Kind"/> is <see cref="Hdf5AttributeKind.Unsupported"/>.</param>
public sealed record Hdf5AttributeValue(
    Hdf5AttributeKind Kind,
    IReadOnlyList<long> Dimensions,
    IReadOnlyList<string> Strings,
    IReadOnlyList<long> Integers,
    IReadOnlyList<double> Floats,
    string? Note)
{
    /// <summary>The text of a single-string attribute (scalar or one element), otherwise null.</summary>
    public string? Text => Kind == Hdf5AttributeKind.String && Strings.Count == 1 ? Strings[0] : null;
}
