using System.Globalization;

namespace ModelGate.Formats.Pickle;

/// <summary>
/// Item sizes of the NumPy dtype strings joblib pickles as <c>numpy.dtype(str, False, True)</c>
/// (numpy <c>dtype.__reduce__</c>: kind character and size; byte order is in the BUILD state, not needed here).
/// </summary>
internal static class JoblibDtype
{
    private static readonly Dictionary<string, long> FixedSizes = new(StringComparer.Ordinal)
    {
        ["b1"] = 1, ["?"] = 1, ["i1"] = 1, ["u1"] = 1, ["i2"] = 2, ["u2"] = 2, ["i4"] = 4, ["u4"] = 4, ["i8"] = 8, ["u8"] = 8,
        ["f2"] = 2, ["f4"] = 4, ["f8"] = 8, ["f16"] = 16, ["c8"] = 8, ["c16"] = 16, ["c32"] = 32,
    };

    /// <summary>True for object dtypes (<c>O</c>, <c>O8</c>, <c>O4</c>): the array is written as a nested pickle.</summary>
    public static bool HasObjects(string dtype) => StripByteOrder(dtype) is ['O', ..] rest && (rest.Length == 1 || IsDigits(rest.AsSpan(1)));

    /// <summary>Bytes per element, or null when the string is not a dtype this reader can size.</summary>
    public static long? ItemSize(string dtype)
    {
        var text = StripByteOrder(dtype);
        if (FixedSizes.TryGetValue(text, out var size))
            return size;
        if (text.Length >= 2 && text[0] is 'M' or 'm' && text[1] == '8' && (text.Length == 2 || text[2] == '['))
            return 8;
        if (text.Length >= 2 && text[0] is 'S' or 'U' or 'V' or 'a' && IsDigits(text.AsSpan(1))
            && long.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= int.MaxValue)
            return text[0] == 'U' ? n * 4 : n;
        return null;
    }

    private static string StripByteOrder(string dtype) => dtype.Length > 1 && dtype[0] is '<' or '>' or '|' or '=' ? dtype[1..] : dtype;

    private static bool IsDigits(ReadOnlySpan<char> text) => text.Length > 0 && !text.ContainsAnyExceptInRange('0', '9');
}
