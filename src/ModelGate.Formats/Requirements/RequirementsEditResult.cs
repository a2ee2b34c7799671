namespace ModelGate.Formats.Requirements;

/// <summary>What a <see cref="RequirementsEditor"/> run did to a requirements file's text.</summary>
public sealed class RequirementsEditResult
{
    internal RequirementsEditResult(string original, string text, IReadOnlyList<RequirementsEditNote> notes)
    {
        Text = text;
        Notes = notes;
        Changed = !string.Equals(original, text, StringComparison.Ordinal);
    }

    /// <summary>The new text; equal to the input when nothing was applied.</summary>
    public string Text { get; }

    /// <summary>One or more notes per edit, ordered by line (edits on the same line keep their order).</summary>
    public IReadOnlyList<RequirementsEditNote> Notes { get; }

    /// <summary>The text differs from the input.</summary>
    public bool Changed { get; }

    /// <summary>Notes of edits that were asked for but not made (<see cref="RequirementsEditNoteKind.NotApplied"/>).</summary>
    public IEnumerable<RequirementsEditNote> Rejected => Notes.Where(n => n.Kind == RequirementsEditNoteKind.NotApplied);
}

/// <summary>
/// One thing an edit did or could not do. <see cref="Line"/> is the 1-based line of the input where the
/// requirement's logical line starts (the line the edit named); <see cref="Package"/> is the name as the
/// edit gave it.
/// </summary>
public sealed record RequirementsEditNote(int Line, string Package, RequirementsEditNoteKind Kind, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}

public enum RequirementsEditNoteKind
{
    /// <summary>The pin was changed, or the hashes were written.</summary>
    Applied,

    /// <summary><c>--hash</c> options were removed because they were for the old version.</summary>
    HashesRemoved,

    /// <summary>An inline comment was moved below the <c>--hash</c> lines.</summary>
    CommentMoved,

    /// <summary>The requirement already says what the edit asked for; nothing changed.</summary>
    Unchanged,

    /// <summary>Applied, but something deserves a look (the new version is outside another clause of the requirement).</summary>
    Warning,

    /// <summary>The edit was not made; <see cref="RequirementsEditNote.Message"/> says why.</summary>
    NotApplied,
}
