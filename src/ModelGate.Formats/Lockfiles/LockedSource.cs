namespace ModelGate.Formats.Lockfiles;

/// <summary>The kinds of place a locked package can come from.</summary>
public enum LockedSourceKind
{
    /// <summary>A package index (simple API); <see cref="LockedSource.Location"/> is its URL.</summary>
    Registry,

    /// <summary>A version-control repository; <see cref="LockedSource.VcsType"/> says which system.</summary>
    Vcs,

    /// <summary>An archive (wheel or sdist) at a URL.</summary>
    Url,

    /// <summary>A local archive file.</summary>
    Path,

    /// <summary>A local source tree.</summary>
    Directory,

    /// <summary>A uv workspace member that is not itself built (<c>{ virtual = "." }</c>).</summary>
    Virtual,
}

/// <summary>Where a locked package comes from, as the lock records it.</summary>
public sealed record LockedSource(LockedSourceKind Kind, string Location)
{
    /// <summary>For <see cref="LockedSourceKind.Vcs"/>: <c>git</c>, <c>hg</c>, <c>svn</c> or <c>bzr</c>.</summary>
    public string? VcsType { get; init; }

    /// <summary>The branch, tag or revision the user asked for.</summary>
    public string? RequestedRevision { get; init; }

    /// <summary>The commit the lock resolved to.</summary>
    public string? Commit { get; init; }

    /// <summary>Subdirectory of the repository or archive holding the project.</summary>
    public string? Subdirectory { get; init; }

    /// <summary>Installed in editable (development) mode.</summary>
    public bool Editable { get; init; }
}
