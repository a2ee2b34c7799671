namespace ModelGate.Formats.Osv;

/// <summary>
/// One advisory in the Open Source Vulnerability format (ossf.github.io/osv-schema). Immutable: matching
/// never modifies an advisory (nor sorts its events in place).
/// </summary>
public sealed record OsvAdvisory
{
    public required string Id { get; init; }

    public DateTimeOffset? Modified { get; init; }

    public DateTimeOffset? Published { get; init; }

    /// <summary>When set, the advisory was retracted and must not be reported.</summary>
    public DateTimeOffset? Withdrawn { get; init; }

    /// <summary>Ids of the same vulnerability in other databases (CVE, GHSA, PYSEC ...).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public IReadOnlyList<string> Related { get; init; } = [];

    public string? Summary { get; init; }

    public string? Details { get; init; }

    /// <summary>Top-level <c>severity[]</c>: CVSS vectors and the like.</summary>
    public IReadOnlyList<OsvSeverity> Severity { get; init; } = [];

    public IReadOnlyList<OsvAffected> Affected { get; init; } = [];

    public IReadOnlyList<OsvReference> References { get; init; } = [];

    /// <summary><c>database_specific.severity</c> (GitHub writes LOW, MODERATE, HIGH, CRITICAL there), or null.</summary>
    public string? DatabaseSeverity { get; init; }
}

/// <summary>A <c>severity[]</c> entry: <c>type</c> (CVSS_V3, CVSS_V4, CVSS_V2, Ubuntu) and <c>score</c> (the vector).</summary>
public sealed record OsvSeverity(string Type, string Score);

/// <summary>A <c>references[]</c> entry.</summary>
public sealed record OsvReference(string Type, string Url);

/// <summary>An <c>affected[]</c> entry: one package and the versions of it that are affected.</summary>
public sealed record OsvAffected
{
    /// <summary>Null when the entry names no package (allowed by the schema for some ecosystems).</summary>
    public OsvPackage? Package { get; init; }

    public IReadOnlyList<OsvRange> Ranges { get; init; } = [];

    /// <summary>Explicitly enumerated affected versions.</summary>
    public IReadOnlyList<string> Versions { get; init; } = [];

    /// <summary>Per-package <c>severity[]</c>, which the schema allows instead of the top-level one.</summary>
    public IReadOnlyList<OsvSeverity> Severity { get; init; } = [];

    /// <summary><c>database_specific.severity</c> of this entry, or null.</summary>
    public string? DatabaseSeverity { get; init; }
}

/// <summary><c>affected[].package</c>.</summary>
public sealed record OsvPackage(string Ecosystem, string Name, string? Purl);

/// <summary>An <c>affected[].ranges[]</c> entry: <c>type</c> is SEMVER, ECOSYSTEM or GIT.</summary>
public sealed record OsvRange(string Type, string? Repo, IReadOnlyList<OsvEvent> Events);

/// <summary>One range event, in the order the advisory lists it.</summary>
public sealed record OsvEvent(OsvEventKind Kind, string Version);

/// <summary>The OSV range event kinds.</summary>
public enum OsvEventKind
{
    Introduced,
    Fixed,
    LastAffected,
    Limit,
}
