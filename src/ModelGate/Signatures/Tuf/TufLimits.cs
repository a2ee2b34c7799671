namespace ModelGate.Signatures.Tuf;

/// <summary>
/// Bounds on everything a TUF repository can make the client download or walk. The metadata sizes are the
/// defaults of python-tuf's <c>UpdaterConfig</c> (the reference client); the specification leaves the numbers
/// to the application (§5.3.3 "up to some W number of bytes", §5.4.1 "some Y number of bytes").
/// </summary>
internal sealed record TufLimits
{
    public static TufLimits Default { get; } = new();

    /// <summary>Root updates in one refresh (§5.3.3 loops "N+1" until none is found; a bound stops an endless chain).</summary>
    public int MaxRootRotations { get; init; } = 32;

    public long MaxRootLength { get; init; } = 512_000;

    public long MaxTimestampLength { get; init; } = 16_384;

    /// <summary>For snapshot.json when timestamp.json does not state its length.</summary>
    public long MaxSnapshotLength { get; init; } = 2_000_000;

    /// <summary>For targets.json when snapshot.json does not state its length.</summary>
    public long MaxTargetsLength { get; init; } = 5_000_000;

    /// <summary>A target file's length comes from targets.json; this caps what a signed length may ask for.</summary>
    public long MaxTargetLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>JSON nesting allowed in metadata (TUF metadata nests about six levels).</summary>
    public int MaxJsonDepth { get; init; } = 32;

    /// <summary>Time for one download, connection to last byte.</summary>
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
