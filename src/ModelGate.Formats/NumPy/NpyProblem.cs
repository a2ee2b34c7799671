namespace ModelGate.Formats.NumPy;

/// <summary>What is odd about an <c>.npy</c> file whose header numpy could still read.</summary>
public enum NpyProblemKind
{
    /// <summary>The header is over numpy's default <c>max_header_size</c> (10,000 bytes).</summary>
    HeaderTooLarge,

    /// <summary>The dtype is not one this reader can size; the data length cannot be checked.</summary>
    UnknownDtype,

    /// <summary>The data after the header is shorter than shape × itemsize.</summary>
    DataTooShort,

    /// <summary>The data after the header is longer than shape × itemsize (bytes numpy never reads).</summary>
    DataTooLong,

    /// <summary>shape × itemsize overflows 64 bits.</summary>
    SizeOverflow,
}

/// <summary>A problem in an otherwise readable <c>.npy</c> header.</summary>
public sealed record NpyProblem(NpyProblemKind Kind, string Message);
