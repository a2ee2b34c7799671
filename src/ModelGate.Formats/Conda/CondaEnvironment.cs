namespace ModelGate.Formats.Conda;

/// <summary>
/// What a conda <c>environment.yml</c> declares: its channels, its conda dependencies (MatchSpec strings) and
/// the items of its <c>- pip:</c> list (pip requirements-file lines), each with its 1-based line.
/// </summary>
public sealed class CondaEnvironment
{
    internal CondaEnvironment(bool hasDependencies, IReadOnlyList<CondaLine> channels, IReadOnlyList<CondaLine> dependencies, IReadOnlyList<CondaLine> pipLines, IReadOnlyList<CondaLine> errors)
    {
        HasDependencies = hasDependencies;
        Channels = channels;
        Dependencies = dependencies;
        PipLines = pipLines;
        Errors = errors;
    }

    /// <summary>The document has a top-level <c>dependencies:</c> key (an environment file, not some other YAML).</summary>
    public bool HasDependencies { get; }

    public IReadOnlyList<CondaLine> Channels { get; }

    /// <summary>Conda MatchSpec strings, as written.</summary>
    public IReadOnlyList<CondaLine> Dependencies { get; }

    /// <summary>Items of the <c>- pip:</c> list: each is one line of a requirements file.</summary>
    public IReadOnlyList<CondaLine> PipLines { get; }

    /// <summary>Nodes that are not what an environment file holds there (aliases, tags, mappings in a list of strings...).</summary>
    public IReadOnlyList<CondaLine> Errors { get; }
}

/// <summary>A string and the line it starts on.</summary>
public readonly record struct CondaLine(int Line, string Text);
