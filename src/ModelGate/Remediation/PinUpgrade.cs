using ModelGate.Formats.Requirements;

namespace ModelGate.Remediation;

/// <summary>
/// <c>modelgate deps --fix</c>: moves <c>==</c> pins to fixed versions in one requirements file. The text
/// transform is <see cref="RequirementsEditor.UpgradePins"/>; this reads the file, makes the diff, and writes
/// the file atomically unless it is a dry run.
/// </summary>
internal static class PinUpgrade
{
    /// <param name="edits">The line where each requirement starts (as <see cref="RequirementsEntry.Line"/> gives it), its name, and the version to pin.</param>
    public static RequirementsRewriteResult Apply(string path, IReadOnlyList<(int Line, string Name, string NewVersion)> edits, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(edits);
        var (text, bom) = RequirementsFileText.Read(path);
        var edited = RequirementsEditor.UpgradePins(text, edits);
        var diff = TextDiff.UnifiedDiff(RequirementsFileText.DisplayPath(path), text, edited.Text);
        var write = edited.Changed && !dryRun;
        if (write)
            RequirementsFileText.WriteAtomically(path, edited.Text, bom);
        return new RequirementsRewriteResult(path, text, edited.Text, diff, edited.Notes, write);
    }
}
