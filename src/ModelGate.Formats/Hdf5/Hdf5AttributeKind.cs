namespace ModelGate.Formats.Hdf5;

/// <summary>What an attribute's datatype was read as.</summary>
public enum Hdf5AttributeKind
{
    /// <summary>Fixed-length (datatype class 3) or variable-length (class 9) strings; see <see cref="Hdf5AttributeValue.Strings"/>.</summary>
    String,

    /// <summary>Fixed-point integers (class 0) of 1, 2, 4 or 8 bytes; see <see cref="Hdf5AttributeValue.Integers"/>.</summary>
    Integer,

    /// <summary>IEEE floats (class 1) of 4 or 8 bytes; see <see cref="Hdf5AttributeValue.Floats"/>.</summary>
    Float,

    /// <summary>Any other datatype (compound, enum, array, reference, shared ...); the value is not read.</summary>
    Unsupported,
}
