namespace ModelGate.Formats.Pickle;

/// <summary>
/// The unpickler's memo. Pickles from protocol 4 on MEMOIZE every object, so keys are nearly always 0, 1,
/// 2 ... in order: those live in a growable array (no hashing, no rehash copies of a multi-million-entry
/// table); PUT with an arbitrary key falls back to a dictionary.
/// </summary>
internal sealed class PickleMemo
{
    private PickleValue?[] _dense = new PickleValue?[256];
    private Dictionary<long, PickleValue>? _sparse;
    private int _denseCount;

    /// <summary>How many keys hold a value.</summary>
    public int Count { get; private set; }

    public bool TryGetValue(long key, out PickleValue value)
    {
        if ((ulong)key < (ulong)_dense.Length && _dense[key] is { } dense)
        {
            value = dense;
            return true;
        }
        if (_sparse is not null && _sparse.TryGetValue(key, out var sparse))
        {
            value = sparse;
            return true;
        }
        value = null!;
        return false;
    }

    public bool ContainsKey(long key) => TryGetValue(key, out _);

    public void Set(long key, PickleValue value)
    {
        // Dense while keys stay near the end of what is filled; a key far ahead goes to the dictionary
        // rather than growing the array to its size (a hostile PUT 4000000000).
        if (key >= 0 && key <= _denseCount + 1024)
        {
            if (key >= _dense.Length)
                Array.Resize(ref _dense, (int)Math.Min(Math.Max(_dense.Length * 2L, key + 1), Array.MaxLength));
            if (_dense[key] is null)
                Count++;
            _dense[key] = value;
            _denseCount = Math.Max(_denseCount, (int)key + 1);
            return;
        }
        _sparse ??= [];
        if (_sparse.TryAdd(key, value))
            Count++;
        else
            _sparse[key] = value;
    }
}
