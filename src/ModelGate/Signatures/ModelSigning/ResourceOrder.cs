namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// The order the reference lists resources in: <c>sorted()</c> over its manifest keys. A file key compares as a
/// <c>PurePosixPath</c>, component by component (so <c>a/b</c> sorts before <c>a-c</c>), each component by code
/// point; a shard key compares (path, start, end).
/// </summary>
internal sealed class ResourceOrder(bool shards) : IComparer<ManifestResource>
{
    public int Compare(ManifestResource? x, ManifestResource? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null)
            return -1;
        if (y is null)
            return 1;
        if (shards && ShardName.TryParse(x.Name, out var a) && ShardName.TryParse(y.Name, out var b))
        {
            var byPath = ComparePaths(a.Path, b.Path);
            return byPath != 0 ? byPath : a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End);
        }
        return ComparePaths(x.Name, y.Name);
    }

    internal static int ComparePaths(string x, string y)
    {
        var xs = x.Split('/');
        var ys = y.Split('/');
        for (var i = 0; i < Math.Min(xs.Length, ys.Length); i++)
        {
            var c = CompareCodePoints(xs[i], ys[i]);
            if (c != 0)
                return c;
        }
        return xs.Length.CompareTo(ys.Length);
    }

    /// <summary>Python's str ordering: by code point, which differs from UTF-16 ordinal order above U+FFFF.</summary>
    private static int CompareCodePoints(string x, string y)
    {
        var ex = x.EnumerateRunes();
        var ey = y.EnumerateRunes();
        while (true)
        {
            var hasX = ex.MoveNext();
            var hasY = ey.MoveNext();
            if (!hasX || !hasY)
                return hasX.CompareTo(hasY);
            var c = ex.Current.Value.CompareTo(ey.Current.Value);
            if (c != 0)
                return c;
        }
    }
}
