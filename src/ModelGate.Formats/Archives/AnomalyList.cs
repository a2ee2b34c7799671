namespace ModelGate.Formats.Archives;

/// <summary>Collects anomalies up to <see cref="ArchiveLimits.MaxAnomalies"/>; further ones are counted in one closing note.</summary>
internal sealed class AnomalyList(int max)
{
    private readonly List<ArchiveAnomaly> _items = [];
    private int _dropped;

    public void Add(ArchiveAnomalyKind kind, string? entryName, long? offset, string message)
    {
        if (_items.Count < max)
            _items.Add(new ArchiveAnomaly(kind, entryName, offset, message));
        else
            _dropped++;
    }

    public IReadOnlyList<ArchiveAnomaly> ToList()
    {
        if (_dropped == 0)
            return _items.ToArray();
        var last = _items[^1];
        var copy = _items.ToList();
        copy[^1] = last with { Message = $"{last.Message} (and {_dropped} more anomalies not recorded)" };
        return copy;
    }
}
