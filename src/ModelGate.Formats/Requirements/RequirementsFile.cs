namespace ModelGate.Formats.Requirements;

/// <summary>
/// A pip requirements file as pip reads it: the entries of its logical lines, in file order, and its
/// comments (kept because pip-compile writes its <c># via</c> annotations as comments).
/// </summary>
public sealed class RequirementsFile
{
    internal RequirementsFile(IReadOnlyList<RequirementsEntry> entries, IReadOnlyList<RequirementsComment> comments)
    {
        Entries = entries;
        Comments = comments;
    }

    /// <summary>A file from entries already read (for requirement lines embedded in another format, renumbered to that file's lines).</summary>
    public static RequirementsFile Create(IReadOnlyList<RequirementsEntry> entries, IReadOnlyList<RequirementsComment> comments) => new(entries, comments);

    /// <summary>Requirements, includes, options and errors, in the order pip would meet them.</summary>
    public IReadOnlyList<RequirementsEntry> Entries { get; }

    /// <summary>Every comment, with the physical line its <c>#</c> stands on.</summary>
    public IReadOnlyList<RequirementsComment> Comments { get; }
}

/// <summary>
/// One comment: <see cref="Text"/> is everything after the <c>#</c>, untrimmed, so that indentation
/// (pip-compile's <c>#   anyio</c> continuation of a <c># via</c> block) is visible.
/// </summary>
public readonly record struct RequirementsComment(int Line, string Text);
