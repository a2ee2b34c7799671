namespace ModelGate.Formats.NumPy;

/// <summary>The header of a NumPy <c>.npy</c> file (numpy/lib/format.py, NEP 1).</summary>
public sealed class NpyHeader
{
    internal NpyHeader(int majorVersion, int minorVersion, int headerLength, string descr, bool hasObjectDtype, ulong? itemSize,
        IReadOnlyList<ulong> shape, bool fortranOrder, long dataOffset, ulong? expectedDataLength, IReadOnlyList<NpyProblem> problems)
    {
        MajorVersion = majorVersion;
        MinorVersion = minorVersion;
        HeaderLength = headerLength;
        Descr = descr;
        HasObjectDtype = hasObjectDtype;
        ItemSize = itemSize;
        Shape = shape;
        FortranOrder = fortranOrder;
        DataOffset = dataOffset;
        ExpectedDataLength = expectedDataLength;
        Problems = problems;
    }

    /// <summary>Format major version: 1 (u16 header length), 2 (u32), 3 (u32, UTF-8 header).</summary>
    public int MajorVersion { get; }

    public int MinorVersion { get; }

    /// <summary>Length of the header dictionary text, padding included (the HEADER_LEN field).</summary>
    public int HeaderLength { get; }

    /// <summary>The <c>descr</c> value as written in the header (Python literal source text).</summary>
    public string Descr { get; }

    /// <summary>
    /// True when the dtype is or contains an object ('O'): numpy then stores the data as a pickle right after
    /// the header, and loading it runs the pickle.
    /// </summary>
    public bool HasObjectDtype { get; }

    /// <summary>Bytes per element, when the dtype can be sized (not for objects' pickled data).</summary>
    public ulong? ItemSize { get; }

    public IReadOnlyList<ulong> Shape { get; }

    public bool FortranOrder { get; }

    /// <summary>Byte offset of the array data (or, for object arrays, of the pickle).</summary>
    public long DataOffset { get; }

    /// <summary>product(shape) × itemsize, when computable and the dtype holds no objects.</summary>
    public ulong? ExpectedDataLength { get; }

    /// <summary>Oddities numpy would not refuse but a gate should see. Empty for a file numpy wrote.</summary>
    public IReadOnlyList<NpyProblem> Problems { get; }
}
