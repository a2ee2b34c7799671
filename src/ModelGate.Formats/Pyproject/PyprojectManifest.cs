namespace ModelGate.Formats.Pyproject;

/// <summary>What a pyproject.toml declares about dependencies, every entry with its line.</summary>
public sealed class PyprojectManifest
{
    internal PyprojectManifest(string? projectName, int? projectNameLine, IReadOnlyList<DeclaredDependency> dependencies, IReadOnlyList<PackageSource> sources, IReadOnlyList<ManifestError> errors)
    {
        ProjectName = projectName;
        ProjectNameLine = projectNameLine;
        Dependencies = dependencies;
        Sources = sources;
        Errors = errors;
    }

    /// <summary>The project's own name (<c>[project] name</c>, else <c>[tool.poetry] name</c>); not a dependency.</summary>
    public string? ProjectName { get; }

    public int? ProjectNameLine { get; }

    /// <summary>Every declared dependency in document order of its section.</summary>
    public IReadOnlyList<DeclaredDependency> Dependencies { get; }

    /// <summary>Package indexes: <c>[[tool.poetry.source]]</c> and <c>[[tool.uv.index]]</c>.</summary>
    public IReadOnlyList<PackageSource> Sources { get; }

    /// <summary>Entries that could not be read.</summary>
    public IReadOnlyList<ManifestError> Errors { get; }
}
