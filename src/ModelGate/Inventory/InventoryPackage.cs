namespace ModelGate.Inventory;

/// <summary>
/// One declaration of a package in one place. A name pinned in two files, or twice in one file, is two
/// entries: each is reported where it stands.
/// </summary>
public sealed record InventoryPackage
{
    /// <summary>OSV ecosystem: <see cref="Ecosystems.PyPI"/> or <see cref="Ecosystems.Conda"/>.</summary>
    public required string Ecosystem { get; init; }

    /// <summary>PEP 503-normalized name (conda names lowercased).</summary>
    public required string Name { get; init; }

    /// <summary>The name as the file spells it.</summary>
    public string? DeclaredName { get; init; }

    /// <summary>
    /// The exact version when the declaration pins one (<c>==1.2</c>, <c>===1.2</c>, a lock entry, an
    /// installed distribution); null otherwise. Extractors give it as written; the scanner normalizes it.
    /// </summary>
    public string? Version { get; init; }

    /// <summary>The version constraint as declared, e.g. <c>&gt;=1.0,&lt;2</c>; empty when unconstrained.</summary>
    public string Specifier { get; init; } = string.Empty;

    public required SourceLocation Source { get; init; }

    /// <summary>Hashes as <c>algorithm:hex</c>, algorithm lowercase, e.g. <c>sha256:3f1a...</c>.</summary>
    public IReadOnlyList<string> Hashes { get; init; } = [];

    /// <summary>True when the project names the package itself rather than getting it through another.</summary>
    public bool Direct { get; init; }

    public PackageOrigin Origin { get; init; } = PackageOrigin.Manifest;

    /// <summary>Dependency group or optional set: <c>dev</c>, <c>optional:gpu</c>, <c>group:test</c>; null for the main set.</summary>
    public string? Group { get; init; }

    /// <summary>Extras requested, PEP 685-normalized.</summary>
    public IReadOnlyList<string> Extras { get; init; } = [];

    /// <summary>The PEP 508 environment marker, as written; null when unconditional.</summary>
    public string? Marker { get; init; }

    /// <summary>Primary package indexes for this declaration: pip's <c>--index-url</c>, a lock entry's source registry, Pipfile sources.</summary>
    public IReadOnlyList<string> IndexUrls { get; init; } = [];

    /// <summary>
    /// pip's <c>--extra-index-url</c> values in force for this declaration. pip takes the highest version
    /// from any of them, which is what makes dependency confusion possible.
    /// </summary>
    public IReadOnlyList<string> ExtraIndexUrls { get; init; } = [];

    /// <summary>A direct reference: a URL, a VCS URL (<c>git+https://...</c>) or a local path; null for index packages.</summary>
    public string? Url { get; init; }

    /// <summary>Installed or declared in editable (development) mode.</summary>
    public bool Editable { get; init; }

    /// <summary>The extractor that produced the entry, e.g. <c>python/requirements</c>.</summary>
    public string Extractor { get; init; } = string.Empty;
}
