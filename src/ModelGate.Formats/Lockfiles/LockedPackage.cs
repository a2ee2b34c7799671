namespace ModelGate.Formats.Lockfiles;

/// <summary>One locked distribution as the lockfile records it.</summary>
public sealed record LockedPackage
{
    /// <summary>The name as the file spells it.</summary>
    public required string Name { get; init; }

    /// <summary>The locked version as written; null when the format allows none (uv virtual/dynamic, pylock VCS/directory, Pipfile.lock VCS).</summary>
    public string? Version { get; init; }

    /// <summary>1-based line where the entry starts: its <c>[[package]]</c> header, or its key in Pipfile.lock.</summary>
    public required int Line { get; init; }

    /// <summary>Hashes of all its files as <c>algorithm:hex</c>, algorithm lowercase, deduplicated, in file order.</summary>
    public IReadOnlyList<string> Hashes { get; init; } = [];

    /// <summary>The PEP 508 environment marker under which it is installed, as written; null when unconditional.</summary>
    public string? Marker { get; init; }

    /// <summary>Where it comes from; null means the tool's default index (PyPI).</summary>
    public LockedSource? Source { get; init; }

    /// <summary>Groups or categories the file assigns (Poetry <c>groups</c>/<c>category</c>, PDM <c>groups</c>, Pipfile.lock section).</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Poetry's <c>optional = true</c>: installed only when an extra asks for it.</summary>
    public bool Optional { get; init; }

    /// <summary>Project extras that pull it in (Poetry's <c>[extras]</c> table).</summary>
    public IReadOnlyList<string> Extras { get; init; } = [];

    /// <summary>What it depends on, as the lock records it.</summary>
    public IReadOnlyList<LockedDependency> Dependencies { get; init; } = [];
}
