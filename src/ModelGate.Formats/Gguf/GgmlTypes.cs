namespace ModelGate.Formats.Gguf;

/// <summary>
/// ggml tensor types (<c>enum ggml_type</c> in ggml/include/ggml.h) with block size (elements per block) and
/// type size (bytes per block) from <c>type_traits</c> in ggml/src/ggml.c and the block structs in
/// ggml-common.h. Numbers 4, 5 (Q4_2, Q4_3) and 31-33, 36-38 (repacked Q4_0/IQ4_NL layouts) were removed
/// from GGUF files and are unknown here, as they are to ggml.
/// </summary>
internal static class GgmlTypes
{
    internal readonly record struct Traits(string Name, uint BlockSize, uint TypeSize);

    private static readonly Dictionary<uint, Traits> Known = new()
    {
        [0] = new("F32", 1, 4),
        [1] = new("F16", 1, 2),
        [2] = new("Q4_0", 32, 18),
        [3] = new("Q4_1", 32, 20),
        [6] = new("Q5_0", 32, 22),
        [7] = new("Q5_1", 32, 24),
        [8] = new("Q8_0", 32, 34),
        [9] = new("Q8_1", 32, 36),
        [10] = new("Q2_K", 256, 84),
        [11] = new("Q3_K", 256, 110),
        [12] = new("Q4_K", 256, 144),
        [13] = new("Q5_K", 256, 176),
        [14] = new("Q6_K", 256, 210),
        [15] = new("Q8_K", 256, 292),
        [16] = new("IQ2_XXS", 256, 66),
        [17] = new("IQ2_XS", 256, 74),
        [18] = new("IQ3_XXS", 256, 98),
        [19] = new("IQ1_S", 256, 50),
        [20] = new("IQ4_NL", 32, 18),
        [21] = new("IQ3_S", 256, 110),
        [22] = new("IQ2_S", 256, 82),
        [23] = new("IQ4_XS", 256, 136),
        [24] = new("I8", 1, 1),
        [25] = new("I16", 1, 2),
        [26] = new("I32", 1, 4),
        [27] = new("I64", 1, 8),
        [28] = new("F64", 1, 8),
        [29] = new("IQ1_M", 256, 56),
        [30] = new("BF16", 1, 2),
        [34] = new("TQ1_0", 256, 54),
        [35] = new("TQ2_0", 256, 66),
        [39] = new("MXFP4", 32, 17),
    };

    public static bool TryGet(uint type, out Traits traits) => Known.TryGetValue(type, out traits);

    public static string Name(uint type) => Known.TryGetValue(type, out var traits) ? traits.Name : $"type-{type}";
}
