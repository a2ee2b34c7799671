using ModelGate.Formats.Pyproject;

namespace ModelGate.Formats.Pipfile;

/// <summary>What a Pipfile declares: its package indexes and its packages by category.</summary>
public sealed class PipfileManifest
{
    internal PipfileManifest(IReadOnlyList<PackageSource> sources, IReadOnlyList<DeclaredDependency> dependencies, IReadOnlyList<ManifestError> errors)
    {
        Sources = sources;
        Dependencies = dependencies;
        Errors = errors;
    }

    /// <summary><c>[[source]]</c> entries in order; the first is the default index.</summary>
    public IReadOnlyList<PackageSource> Sources { get; }

    public IReadOnlyList<DeclaredDependency> Dependencies { get; }

    public IReadOnlyList<ManifestError> Errors { get; }
}
