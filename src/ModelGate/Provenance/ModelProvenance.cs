namespace ModelGate.Provenance;

/// <summary>
/// Where a scanned model came from and how far its bytes were checked: the repository, the revision asked
/// for, the commit it resolved to, what pins that commit, and each file's hashes and check result.
/// </summary>
public sealed record ModelProvenance
{
    /// <summary>The canonical repository id, <c>owner/name</c>.</summary>
    public required string Repo { get; init; }

    /// <summary>The revision as the user gave it; null when none was given (the default branch).</summary>
    public string? RequestedRevision { get; init; }

    /// <summary>The 40-hex commit the files belong to.</summary>
    public required string Commit { get; init; }

    /// <summary>What fixes the commit: the reference itself, a lock file, or nothing (the revision can move).</summary>
    public ProvenancePin Pin { get; init; }

    /// <summary>Where the files came from: the Hub endpoint (credentials redacted), or a local folder or cache.</summary>
    public string? Source { get; init; }

    /// <summary>The lock file the files were checked against, as the user named it; null without one.</summary>
    public string? LockFile { get; init; }

    /// <summary>The files, in path order.</summary>
    public IReadOnlyList<ProvenanceFile> Files { get; init; } = [];
}

/// <summary>What pins a model to one commit.</summary>
public enum ProvenancePin
{
    /// <summary>Nothing: a branch, a tag or the default branch was named and no lock pins the repository.</summary>
    None,

    /// <summary>The reference names the commit (<c>hf://owner/name@{40 hex}</c>).</summary>
    Reference,

    /// <summary>A lock file pins the repository's commit.</summary>
    Lock,
}

/// <summary>One file of a model: its expected identity and whether the bytes matched.</summary>
/// <param name="Path">Repository path, '/'-separated.</param>
/// <param name="Status">The check result.</param>
public sealed record ProvenanceFile(string Path, ProvenanceFileStatus Status)
{
    /// <summary>Size in bytes as published or locked; null when unknown.</summary>
    public long? Size { get; init; }

    /// <summary>SHA-256 of the content (verified, or as published when the file was not checked).</summary>
    public string? Sha256 { get; init; }

    /// <summary>The git blob id as the Hub reports it (of the LFS pointer when <see cref="Lfs"/>).</summary>
    public string? GitBlobId { get; init; }

    public bool Lfs { get; init; }

    /// <summary>Why the check failed, e.g. "expected sha256:… got sha256:…"; null when verified.</summary>
    public string? Detail { get; init; }
}

/// <summary>The result of checking one file's bytes.</summary>
public enum ProvenanceFileStatus
{
    /// <summary>Size and hash match.</summary>
    Verified,

    /// <summary>Size or hash differ (MG3003).</summary>
    Changed,

    /// <summary>Expected but absent (MG3004).</summary>
    Missing,

    /// <summary>Present but not expected (MG3005).</summary>
    Unexpected,

    /// <summary>No published or locked hash to check against (MG3008).</summary>
    Unverifiable,
}
