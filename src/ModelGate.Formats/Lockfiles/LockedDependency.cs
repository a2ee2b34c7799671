namespace ModelGate.Formats.Lockfiles;

/// <summary>
/// An edge from a locked package to another, by name. <see cref="Extra"/> is set for an optional
/// dependency (uv <c>[package.optional-dependencies]</c>), <see cref="DependencyGroup"/> for a
/// development/PEP 735 group (uv <c>[package.dev-dependencies]</c>).
/// </summary>
public sealed record LockedDependency(string Name, string? Marker = null, string? Extra = null, string? DependencyGroup = null)
{
    /// <summary>Extras of the target the edge asks for (uv <c>extra = [...]</c>).</summary>
    public IReadOnlyList<string> RequestedExtras { get; init; } = [];
}
