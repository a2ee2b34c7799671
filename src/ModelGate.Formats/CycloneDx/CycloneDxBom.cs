namespace ModelGate.Formats.CycloneDx;

/// <summary>
/// What ModelGate takes from a CycloneDX JSON BOM (spec 1.4 to 1.7): every component however deeply nested,
/// the dependency graph, the vulnerabilities, and the problems met on the way (each with its JSON path).
/// </summary>
public sealed record CycloneDxBom
{
    public string? SpecVersion { get; init; }

    public string? SerialNumber { get; init; }

    /// <summary>What the BOM describes (<c>metadata.component</c>); also listed in <see cref="Components"/>.</summary>
    public CycloneDxComponent? Subject { get; init; }

    /// <summary>Every component in document order, depth first: the subject and its children, then <c>components</c>.</summary>
    public IReadOnlyList<CycloneDxComponent> Components { get; init; } = [];

    public IReadOnlyList<CycloneDxDependency> Dependencies { get; init; } = [];

    public IReadOnlyList<CycloneDxVulnerability> Vulnerabilities { get; init; } = [];

    /// <summary>Parts that were wrong or left out: wrong types, duplicate bom-refs, dangling references, limits.</summary>
    public IReadOnlyList<CycloneDxProblem> Problems { get; init; } = [];
}

/// <summary>One component. <see cref="Path"/> is its JSON path, e.g. <c>$.components[2].components[0]</c>.</summary>
public sealed record CycloneDxComponent
{
    public required string Path { get; init; }

    public string? BomRef { get; init; }

    /// <summary><c>library</c>, <c>machine-learning-model</c>, <c>data</c>, <c>file</c>, ...</summary>
    public required string Type { get; init; }

    public required string Name { get; init; }

    public string? Group { get; init; }

    public string? Version { get; init; }

    /// <summary>The purl as written.</summary>
    public string? Purl { get; init; }

    /// <summary>The purl parsed and normalized; null when absent or invalid (a problem says which).</summary>
    public PackageUrl? PackageUrl { get; init; }

    /// <summary><c>required</c>, <c>optional</c> or <c>excluded</c>; null when not stated (the spec's default is required).</summary>
    public string? Scope { get; init; }

    /// <summary>The bom-ref of the component this one is nested in; null at the top.</summary>
    public string? ParentRef { get; init; }

    /// <summary>How deep it is nested: 0 for top-level components and the subject.</summary>
    public int Depth { get; init; }

    public IReadOnlyList<CycloneDxHash> Hashes { get; init; } = [];

    /// <summary>SPDX ids, licence names and SPDX expressions, as written.</summary>
    public IReadOnlyList<string> Licenses { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; init; } = [];

    public CycloneDxModelCard? ModelCard { get; init; }
}

/// <param name="Algorithm">As written, e.g. <c>SHA-256</c>.</param>
/// <param name="Content">Lowercase hex.</param>
public sealed record CycloneDxHash(string Algorithm, string Content);

/// <summary>The parts of a <c>modelCard</c> ModelGate uses.</summary>
public sealed record CycloneDxModelCard
{
    public string? Task { get; init; }

    public string? ArchitectureFamily { get; init; }

    public string? ModelArchitecture { get; init; }

    /// <summary>bom-refs of the <c>data</c> components the model was trained or evaluated on.</summary>
    public IReadOnlyList<string> DatasetRefs { get; init; } = [];

    /// <summary>Names of datasets given inline.</summary>
    public IReadOnlyList<string> DatasetNames { get; init; } = [];

    public IReadOnlyList<CycloneDxMetric> Metrics { get; init; } = [];
}

public sealed record CycloneDxMetric(string? Type, string? Value, string? Slice);

public sealed record CycloneDxDependency(string Ref, IReadOnlyList<string> DependsOn);

public sealed record CycloneDxVulnerability
{
    public required string Path { get; init; }

    public string? BomRef { get; init; }

    public required string Id { get; init; }

    public string? SourceName { get; init; }

    public IReadOnlyList<CycloneDxRating> Ratings { get; init; } = [];

    public IReadOnlyList<int> Cwes { get; init; } = [];

    public string? Description { get; init; }

    public string? Recommendation { get; init; }

    /// <summary>bom-refs of the affected components.</summary>
    public IReadOnlyList<string> Affects { get; init; } = [];

    /// <summary><c>analysis.state</c>, e.g. <c>not_affected</c>.</summary>
    public string? AnalysisState { get; init; }
}

public sealed record CycloneDxRating(double? Score, string? Severity, string? Method, string? Vector);

/// <param name="Path">The JSON path of the offending value, e.g. <c>$.components[3].purl</c>.</param>
public sealed record CycloneDxProblem(CycloneDxProblemKind Kind, string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

public enum CycloneDxProblemKind
{
    /// <summary>A value of the wrong JSON type, or a missing required field: the element is skipped.</summary>
    Invalid,

    /// <summary>Two elements share one bom-ref; references to it are ambiguous.</summary>
    DuplicateBomRef,

    /// <summary>A dependency, affects or dataset reference names no element of the BOM.</summary>
    DanglingReference,

    /// <summary>A purl that does not parse.</summary>
    InvalidPurl,

    /// <summary>Components nested deeper than the reader follows, or more of them than it keeps.</summary>
    LimitExceeded,
}
