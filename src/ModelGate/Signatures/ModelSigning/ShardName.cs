using System.Globalization;

namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// A shard resource name, <c>path:start:end</c> (model_signing <c>manifest.Shard</c>): bytes [start, end) of the
/// file at path. The path is everything before the last two colons, so a file name with colons still parses.
/// </summary>
internal readonly record struct ShardName(string Path, long Start, long End)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Path}:{Start}:{End}");

    public static bool TryParse(string name, out ShardName shard)
    {
        shard = default;
        var second = name.LastIndexOf(':');
        if (second <= 0)
            return false;
        var first = name.LastIndexOf(':', second - 1);
        if (first <= 0)
            return false;
        if (!long.TryParse(name.AsSpan(first + 1, second - first - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(name.AsSpan(second + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || end < start)
            return false;
        shard = new ShardName(name[..first], start, end);
        return true;
    }
}
