namespace ModelGate.Formats.Pyproject;

/// <summary>How a package index is used (Poetry source priorities; Pipfile sources are all primary).</summary>
public enum SourcePriority
{
    /// <summary>Searched for every package (Poetry <c>primary</c>/<c>default</c>, a Pipfile source).</summary>
    Primary,

    /// <summary>Searched after the primary ones for every package (Poetry <c>supplemental</c>, legacy <c>secondary</c>).</summary>
    Supplemental,

    /// <summary>Used only by dependencies that name it (Poetry <c>explicit</c>).</summary>
    Explicit,
}

/// <summary>A named package index declared by the manifest.</summary>
public sealed record PackageSource(string Name, string Url, SourcePriority Priority, int Line);
