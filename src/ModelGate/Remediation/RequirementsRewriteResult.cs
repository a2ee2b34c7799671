using ModelGate.Formats.Requirements;

namespace ModelGate.Remediation;

/// <summary>
/// The outcome of rewriting one requirements file: the text before and after, the unified diff (empty when
/// nothing changed), what happened per requirement, and whether the file was written (never in a dry run).
/// </summary>
internal sealed record RequirementsRewriteResult(
    string Path,
    string Before,
    string After,
    string Diff,
    IReadOnlyList<RequirementsEditNote> Notes,
    bool Written)
{
    public bool Changed => !string.Equals(Before, After, StringComparison.Ordinal);

    /// <summary>Every requirement asked about was handled (nothing reported as not applied).</summary>
    public bool Complete => Notes.All(n => n.Kind != RequirementsEditNoteKind.NotApplied);
}
