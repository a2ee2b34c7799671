namespace ModelGate.Formats.Pickle;

/// <summary>
/// An array joblib's NumpyPickler wrote inline after a <c>NumpyArrayWrapper</c> BUILD (joblib/numpy_pickle.py,
/// <c>NumpyArrayWrapper.write_array</c>).
/// </summary>
/// <param name="Offset">Offset of the array bytes (after any alignment padding), or of the nested pickle for object arrays.</param>
/// <param name="Shape">The array shape.</param>
/// <param name="DType">The dtype string as pickled (<c>f8</c>, <c>U5</c>, <c>O8</c>...).</param>
/// <param name="ByteLength">Bytes of raw data skipped; for object arrays, the nested pickle's length.</param>
/// <param name="HasObjects">True for object arrays, stored as a nested pickle that is analysed too.</param>
public sealed record JoblibArray(long Offset, IReadOnlyList<long> Shape, string DType, long ByteLength, bool HasObjects);
