namespace ModelGate.Formats.Onnx;

/// <summary>TensorProto.DataType values (onnx/onnx.proto) and how many bytes an element takes in raw_data.</summary>
internal static class OnnxDataTypes
{
    public const int String = 8;
    public const int Complex64 = 14;
    public const int Complex128 = 15;

    /// <summary>
    /// Bits per element in raw_data, or 0 when unknown or variable (UNDEFINED 0, STRING 8, future types).
    /// UINT4 21, INT4 22 and FLOAT4E2M1 23 pack two elements per byte.
    /// </summary>
    public static int BitsPerElement(int dataType) => dataType switch
    {
        1 => 32,        // FLOAT
        2 or 3 => 8,    // UINT8, INT8
        4 or 5 => 16,   // UINT16, INT16
        6 => 32,        // INT32
        7 => 64,        // INT64
        9 => 8,         // BOOL
        10 => 16,       // FLOAT16
        11 => 64,       // DOUBLE
        12 => 32,       // UINT32
        13 => 64,       // UINT64
        14 => 64,       // COMPLEX64
        15 => 128,      // COMPLEX128
        16 => 16,       // BFLOAT16
        17 or 18 or 19 or 20 => 8, // FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ
        21 or 22 or 23 => 4,       // UINT4, INT4, FLOAT4E2M1
        24 => 8,        // FLOAT8E8M0
        _ => 0,
    };

    /// <summary>Bytes that <paramref name="elements"/> elements take in raw_data (packed 4-bit types round up), or null on overflow.</summary>
    public static long? RawByteLength(int dataType, long elements)
    {
        var bits = BitsPerElement(dataType);
        if (bits == 0)
            return null;
        if (bits == 4)
            return elements / 2 + elements % 2;
        var bytes = bits / 8;
        return elements > long.MaxValue / bytes ? null : elements * bytes;
    }

    /// <summary>Values one element takes in the typed *_data fields: COMPLEX64/128 store real and imaginary parts.</summary>
    public static int ValuesPerElement(int dataType) => dataType is Complex64 or Complex128 ? 2 : 1;

    public static bool IsPacked4Bit(int dataType) => dataType is 21 or 22 or 23;
}
