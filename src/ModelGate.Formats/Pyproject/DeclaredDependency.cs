namespace ModelGate.Formats.Pyproject;

/// <summary>
/// One dependency as a TOML manifest (pyproject.toml, Pipfile) declares it, translated to PEP 440/508
/// terms: the specifier is PEP 440 text, the marker PEP 508 text.
/// </summary>
public sealed record DeclaredDependency
{
    /// <summary>The distribution name as written.</summary>
    public required string Name { get; init; }

    /// <summary>1-based line where the entry starts.</summary>
    public required int Line { get; init; }

    /// <summary>PEP 440 specifier (comma-joined clauses, no spaces), or "" when any version is allowed.</summary>
    public string Specifier { get; init; } = string.Empty;

    /// <summary>The version when the specifier pins exactly one (<c>==1.2</c>, <c>===1.2</c>), else null.</summary>
    public string? Version { get; init; }

    /// <summary>
    /// False when the constraint cannot be written as one PEP 440 set (Poetry's <c>||</c>); then
    /// <see cref="Specifier"/> keeps the constraint text as written.
    /// </summary>
    public bool SpecifierIsPep440 { get; init; } = true;

    /// <summary>Dependency set: null for the main one, else e.g. <c>dev</c>, <c>optional:gpu</c>, <c>group:test</c>.</summary>
    public string? Group { get; init; }

    /// <summary>Extras requested, PEP 685-normalized.</summary>
    public IReadOnlyList<string> Extras { get; init; } = [];

    /// <summary>PEP 508 environment marker text, or null.</summary>
    public string? Marker { get; init; }

    /// <summary>A direct reference: URL, VCS URL (<c>git+https://...@rev</c>) or local path.</summary>
    public string? Url { get; init; }

    public bool Editable { get; init; }

    /// <summary>The package index named by the entry (Poetry <c>source</c>, Pipfile <c>index</c>), or null.</summary>
    public string? IndexName { get; init; }
}
