namespace ModelGate.Provenance.Locks;

/// <summary>Bounds on what a lock file may hold, checked before anything is built from it.</summary>
internal static class LockLimits
{
    /// <summary>A lock of a million files is about 200 MB of metadata in memory at most; 64 MiB of JSON is far above real locks.</summary>
    public const long MaxFileBytes = 64L << 20;

    /// <summary>The format nests four levels; unknown fields may add some, never this many.</summary>
    public const int MaxDepth = 32;

    public const int MaxModels = 10_000;

    /// <summary>Files across all models.</summary>
    public const int MaxFiles = 1_000_000;

    public const int MaxIncludePatterns = 1_000;

    public const int MaxPatternLength = 1_024;

    /// <summary>The Hub's own limit on a path is lower; this bounds what a hostile lock can make us allocate per entry.</summary>
    public const int MaxPathLength = 4_096;

    public const int MaxRevisionLength = 256;
}
