using System.Globalization;
using System.Numerics;

namespace ModelGate.Formats.NumPy;

/// <summary>
/// Interprets an <c>.npy</c> <c>descr</c> as numpy's <c>descr_to_dtype</c> (numpy/lib/format.py) does: a dtype
/// string (<c>'&lt;f8'</c>, <c>'|O'</c>, <c>'&lt;U10'</c>, <c>'&lt;M8[ns]'</c>), a tuple <c>(descr, shape)</c>, or a
/// structured list of <c>(name, descr[, shape])</c> fields, where name may be a <c>(title, name)</c> pair.
/// </summary>
internal static class NpyDescr
{
    private const int MaxItemDepth = 32;

    internal readonly record struct Result(bool HasObject, BigInteger? ItemSize, string? Unknown);

    public static Result Analyze(PyValue descr) => Analyze(descr, 0);

    private static Result Analyze(PyValue descr, int depth)
    {
        if (depth > MaxItemDepth)
            throw new MalformedDataException("npy", "descr nested too deeply");
        switch (descr)
        {
            case PyString s:
                return AnalyzeString(s.Value);
            case PyTuple { Items.Count: 2 } t:
            {
                var inner = Analyze(t.Items[0], depth + 1);
                var count = ShapeProduct(t.Items[1]);
                return inner with { ItemSize = inner.ItemSize * count };
            }
            case PyList list:
            {
                var hasObject = false;
                BigInteger? size = BigInteger.Zero;
                string? unknown = null;
                foreach (var field in list.Items)
                {
                    if (field is not PyTuple { Items.Count: 2 or 3 } tuple || !IsFieldName(tuple.Items[0]))
                        throw new MalformedDataException("npy", "structured descr field is not (name, descr[, shape])");
                    var inner = Analyze(tuple.Items[1], depth + 1);
                    hasObject |= inner.HasObject;
                    unknown ??= inner.Unknown;
                    var count = tuple.Items.Count == 3 ? ShapeProduct(tuple.Items[2]) : BigInteger.One;
                    size = size is { } s && inner.ItemSize is { } i ? s + i * count : null;
                }
                return new Result(hasObject, size, unknown);
            }
            default:
                throw new MalformedDataException("npy", "descr is neither a dtype string, a (descr, shape) tuple nor a list of fields");
        }
    }

    private static bool IsFieldName(PyValue value) =>
        value is PyString || value is PyTuple { Items: [PyString or PyNone, PyString] };

    private static BigInteger ShapeProduct(PyValue shape) => shape switch
    {
        PyInt { Value.Sign: >= 0 } i => i.Value,
        PyTuple t when t.Items.All(x => x is PyInt { Value.Sign: >= 0 }) => t.Items.Aggregate(BigInteger.One, (p, x) => p * ((PyInt)x).Value),
        _ => throw new MalformedDataException("npy", "sub-array shape is not a non-negative integer or a tuple of them"),
    };

    // numpy array-protocol type strings: optional byte order (< > | =), a kind character, an optional size,
    // and for datetimes a unit in brackets. Bare single-character type codes are accepted too.
    private static Result AnalyzeString(string text)
    {
        // Any 'O' means object: numpy then pickles the array. Checked on the raw text so no spelling escapes it.
        var hasObject = text.Contains('O', StringComparison.Ordinal) || text.Contains("object", StringComparison.OrdinalIgnoreCase);
        var span = text.AsSpan();
        if (span.Length > 0 && span[0] is '<' or '>' or '|' or '=')
            span = span[1..];
        var bracket = span.IndexOf('[');
        if (bracket >= 0)
            span = span[..bracket];
        if (span.Length == 0)
            return new Result(hasObject, null, text);
        var kind = span[0];
        var digits = span[1..];
        if (digits.Length == 0)
            return new Result(hasObject, CodeSize(kind), CodeSize(kind) is null ? text : null);
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            return new Result(hasObject, null, text);
        BigInteger? itemSize = kind switch
        {
            'b' or 'i' or 'u' or 'f' or 'c' or 'S' or 'a' or 'V' or 'M' or 'm' or 'O' => size,
            'U' => (BigInteger)size * 4,
            _ => null,
        };
        return new Result(hasObject, itemSize, itemSize is null ? text : null);
    }

    // Sizes of numpy's one-character type codes on a 64-bit platform (numpy/core/_type_aliases, sctypeDict).
    private static BigInteger? CodeSize(char code) => code switch
    {
        '?' or 'b' or 'B' => 1,
        'h' or 'H' or 'e' => 2,
        'i' or 'I' or 'f' => 4,
        'l' or 'L' or 'q' or 'Q' or 'd' or 'F' or 'O' or 'p' or 'P' or 'M' or 'm' => 8,
        'g' or 'D' => 16,
        'G' => 32,
        _ => null,
    };
}
