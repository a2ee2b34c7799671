using System.Globalization;
using System.Text;

namespace ModelGate.Formats.Pickle;

/// <summary>
/// A symbolic value on the analysis stack: what the unpickler would hold there, as far as it can be known
/// without running anything. Containers keep a bounded number of elements; descriptions are bounded in depth
/// and length, so self-referencing containers (built through the memo) cannot loop.
/// </summary>
internal abstract class PickleValue
{
    /// <summary>Depth at which descriptions stop (a description is for people, not for analysis).</summary>
    private const int DescribeDepth = 6;

    /// <summary>
    /// The dotted path of the object this value is, when statically known: a global (<c>os.system</c>), or the
    /// result of a resolver called with literal arguments (<c>getattr(os, 'system')</c>).
    /// </summary>
    public virtual string? Path => null;

    /// <summary>A short Python-like repr, at most <paramref name="maxChars"/> characters.</summary>
    public string Describe(int maxChars)
    {
        var sb = new StringBuilder();
        Describe(sb, 0, maxChars);
        return sb.Length > maxChars ? string.Concat(sb.ToString(0, maxChars - 3), "...") : sb.ToString();
    }

    /// <summary>Appends the repr; stops at <paramref name="maxChars"/> or at <see cref="DescribeDepth"/>.</summary>
    public void Describe(StringBuilder sb, int depth, int maxChars)
    {
        if (sb.Length > maxChars)
            return;
        if (depth > DescribeDepth)
        {
            sb.Append("...");
            return;
        }
        DescribeCore(sb, depth, maxChars);
    }

    protected abstract void DescribeCore(StringBuilder sb, int depth, int maxChars);
}

/// <summary>None, a bool, an int or a float: kept as its repr (and the integer, when it fits 64 bits).</summary>
internal sealed class PickleScalar : PickleValue
{
    public static readonly PickleScalar None = new("None");
    public static readonly PickleScalar True = new("True", 1);
    public static readonly PickleScalar False = new("False", 0);

    // Pickles of real models hold millions of small ints (shapes, indices, epochs): share them.
    private static readonly PickleScalar[] SmallInts = [.. Enumerable.Range(-16, 1041).Select(i => new PickleScalar(null, i))];

    // One 64-bit payload (an int, or a float's bits) and its kind: scalars are the most numerous values a
    // pickle holds, so they are kept small.
    private readonly string? _repr;
    private readonly long _bits;
    private readonly ScalarKind _kind;

    public PickleScalar(string? repr, long? integer = null)
    {
        _repr = repr;
        if (integer is long value)
        {
            _bits = value;
            _kind = ScalarKind.Integer;
        }
    }

    private PickleScalar(double value)
    {
        _bits = BitConverter.DoubleToInt64Bits(value);
        _kind = ScalarKind.Float;
    }

    private enum ScalarKind : byte
    {
        Other,
        Integer,
        Float,
    }

    /// <summary>The value's Python repr, made when asked (most scalars are never shown).</summary>
    public string Repr => _repr ?? _kind switch
    {
        ScalarKind.Float => BitConverter.Int64BitsToDouble(_bits).ToString("R", CultureInfo.InvariantCulture),
        ScalarKind.Integer => _bits.ToString(CultureInfo.InvariantCulture),
        _ => "None",
    };

    /// <summary>The integer value, when this is an int that fits 64 bits.</summary>
    public long? Integer => _kind == ScalarKind.Integer ? _bits : null;

    public static PickleScalar Int(long value) => value is >= -16 and <= 1024 ? SmallInts[value + 16] : new(null, value);

    public static PickleScalar Float(double value) => new(value);

    protected override void DescribeCore(StringBuilder sb, int depth, int maxChars) => sb.Append(Repr);
}

/// <summary>A str (or a protocol 0-1 string) with a bounded preview.</summary>
internal sealed class PickleString(string text, bool truncated) : PickleValue
{
    public string Text { get; } = text;

    /// <summary>True when <see cref="Text"/> is only the start of the value; such a string is never trusted as a name.</summary>
    public bool Truncated { get; } = truncated;

    protected override void DescribeCore(StringBuilder sb, int depth, int maxChars) =>
        PickleRepr.AppendQuoted(sb, Text, Truncated, maxChars);
}

/// <summary>bytes or bytearray with a bounded preview.</summary>
internal sealed class PickleBytes(byte[] preview, long length, bool isByteArray) : PickleValue
{
    public byte[] Preview { get; } = preview;
    public long Length { get; } = length;
    public bool IsByteArray { get; } = isByteArray;

    protected override void DescribeCore(StringBuilder sb, int depth, int maxChars)
    {
        if (IsByteArray)
            sb.Append("bytearray(");
        PickleRepr.AppendBytes(sb, Preview, Length, maxChars);
        if (IsByteArray)
            sb.Append(')');
    }
}

/// <summary>The container kinds a pickle builds.</summary>
internal enum PickleContainerKind
{
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
}

/// <summary>
/// A tuple, list, dict, set or frozenset. At most <c>limit</c> elements are kept (for a dict, key and value
/// alternate in <see cref="Items"/>); <see cref="Count"/> counts all of them (pairs, for a dict).
/// </summary>
internal sealed class PickleContainer(PickleContainerKind kind, int limit) : PickleValue
{
    private readonly int _limit = limit;

    // Kept elements in an array of their own (no List wrapper): containers are the second most numerous values.
    private PickleValue[] _items = [];
    private int _kept;

    public PickleContainerKind Kind { get; } = kind;

    /// <summary>The kept elements (for a dict, key and value alternate).</summary>
    public ArraySegment<PickleValue> Items => new(_items, 0, _kept);

    public long Count { get; private set; }

    public void Add(PickleValue item)
    {
        Count++;
        if (_kept < _limit)
            Keep(item);
    }

    public void AddPair(PickleValue key, PickleValue value)
    {
        Count++;
        if (_kept + 1 < _limit * 2)
        {
            Keep(key);
            Keep(value);
        }
    }

    private void Keep(PickleValue item)
    {
        if (_kept == _items.Length)
            Array.Resize(ref _items, _items.Length == 0 ? 2 : _items.Length * 2);
        _items[_kept++] = item;
    }

    /// <summary>The dict value under a str key, when kept.</summary>
    public PickleValue? Lookup(string key)
    {
        for (var i = 0; i + 1 < Items.Count; i += 2)
        {
            if (Items[i] is PickleString { Truncated: false } s && s.Text == key)
                return Items[i + 1];
        }
        return null;
    }

    /// <summary>True when a dict holds a str key (kept elements only).</summary>
    public bool HasKey(string key) => Lookup(key) is not null;

    protected override void DescribeCore(StringBuilder sb, int depth, int maxChars)
    {
        var (open, close) = Kind switch
        {
            PickleContainerKind.Tuple => ("(", ")"),
            PickleContainerKind.List => ("[", "]"),
            PickleContainerKind.Dict => ("{", "}"),
            PickleContainerKind.Set => ("{", "}"),
            _ => ("frozenset({", "})"),
        };
        sb.Append(open);
        var step = Kind == PickleContainerKind.Dict ? 2 : 1;
        for (var i = 0; i + step - 1 < Items.Count && sb.Length <= maxChars; i += step)
        {
            if (i > 0)
                sb.Append(", ");
            Items[i].Describe(sb, depth + 1, maxChars);
            if (step == 2)
            {
                sb.Append(": ");
                Items[i + 1].Describe(sb, depth + 1, maxChars);
            }
        }
        if (Items.Count / step < Count)
            sb.Append(", ...");
        else if (Kind == PickleContainerKind.Tuple && Count == 1)
            sb.Append(',');
        sb.Append(close);
    }
}

/// <summary>A global imported by GLOBAL, INST or STACK_GLOBAL.</summary>
internal sealed class PickleGlobal(string module, string name) : PickleValue
{
    public string Module { get; } = module;
    public string Name { get; } = name;

    public override string? Path { get; } = $"{module}.{name}";

    protected override void DescribeCore(StringBuilder sb, int depth, int maxChars) => sb.Append(Path);
}

/// <summary>The result of a call (REDUCE, NEWOBJ, OBJ, INST), possibly updated by BUILD.</summary>
internal sealed class PickleCallResult(PickleValue callable, PickleValue arguments, string? callablePath, string? resultPath) : PickleValue
{
    public PickleValue Callable { get; } = callable;
    public PickleValue Arguments { get; } = arguments;

    /// <summary>Dotted name of what was called, when known.</summary>
    public string? CallablePath { get; } = callablePath;

    /// <summary>The state a BUILD gave the object (the last one).</summary>
    public PickleValue? State { get; set; }

    public override string? Path { get; } = resultPath;

    protected override void DescribeCore(StringBuilder sb, int depth, int maxChars)
    {
        if (CallablePath is not null)
            sb.Append(CallablePath);
        else
            Callable.Describe(sb, depth + 1, maxChars);
        if (Arguments is PickleContainer { Kind: PickleContainerKind.Tuple } tuple)
        {
            sb.Append('(');
            for (var i = 0; i < tuple.Items.Count && sb.Length <= maxChars; i++)
            {
                if (i > 0)
                    sb.Append(", ");
                tuple.Items[i].Describe(sb, depth + 1, maxChars);
            }
            if (tuple.Items.Count < tuple.Count)
                sb.Append(", ...");
            sb.Append(')');
        }
        else
        {
            sb.Append("(*");
            Arguments.Describe(sb, depth + 1, maxChars);
            sb.Append(')');
        }
    }
}

/// <summary>What the loader's <c>persistent_load</c> returns for a persistent id.</summary>
internal sealed class PicklePersistent(PickleValue id) : PickleValue
{
    public PickleValue Id { get; } = id;

    protected override void DescribeCore(StringBuilder sb, int depth, int maxChars)
    {
        sb.Append("persistent_load(");
        Id.Describe(sb, depth + 1, maxChars);
        sb.Append(')');
    }
}

/// <summary>A value that cannot be known statically (extension code, out-of-band buffer...).</summary>
internal sealed class PickleUnknown(string what) : PickleValue
{
    public string What { get; } = what;

    protected override void DescribeCore(StringBuilder sb, int depth, int maxChars) => sb.Append('<').Append(What).Append('>');
}
