using ModelGate.Findings;
using ModelGate.Provenance;
using ModelGate.Provenance.Locks;

namespace ModelGate.Analyzers;

/// <summary>
/// Checks model snapshots inside a scanned folder against a lock file. A folder is matched to a lock entry by
/// the commit it records — <c>hf download --local-dir</c> metadata, or a huggingface_hub cache path
/// (<c>models--o--n/snapshots/{commit}</c>) — so a project that vendors a model next to its code gets the
/// model's bytes checked on every scan. Candidates are the target itself and every folder above a model file.
/// </summary>
internal sealed class LockVerificationAnalyzer(ModelLock modelLock, string lockDisplay) : IAnalyzer
{
    public string Name => "provenance/lock";

    public IReadOnlyList<Rule> Rules { get; } =
    [
        Findings.Rules.FileHashMismatch, Findings.Rules.LockedFileMissing, Findings.Rules.UnexpectedFile,
        Findings.Rules.CommitDiffersFromLock, Findings.Rules.HashUnavailable,
    ];

    public async ValueTask AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken)
    {
        var candidates = new SortedSet<string>(StringComparer.Ordinal) { string.Empty };
        foreach (var artifact in context.Inventory.ModelArtifacts)
        {
            for (var folder = Inventory.SourceLocation.FolderOf(artifact.Source.Path); folder.Length > 0; folder = Inventory.SourceLocation.FolderOf(folder))
                candidates.Add(folder);
        }
        var verified = new List<string>();
        // Shortest first, so a snapshot folder is verified as a whole and its subfolders are not matched again.
        foreach (var relative in candidates.OrderBy(c => c.Length).ThenBy(c => c, StringComparer.Ordinal))
        {
            if (verified.Any(v => v.Length == 0 || relative.StartsWith(v + "/", StringComparison.Ordinal)))
                continue;
            var folder = relative.Length == 0 ? context.Root : Path.Combine(context.Root, relative.Replace('/', Path.DirectorySeparatorChar));
            if (SnapshotVerifier.DetectIdentity(folder) is not { Commit: { } commit } identity)
                continue;
            var model = modelLock.Models.FirstOrDefault(m => HubModelPlanner.SameCommit(m.Commit, commit) && (identity.Repo is null || identity.Repo == m.Repo));
            if (model is null)
                continue;
            var verification = await SnapshotVerifier.VerifyAsync(folder, model, cancellationToken).ConfigureAwait(false);
            foreach (var finding in ProvenanceFindings.FromVerification(verification, lockDisplay, relative.Length == 0 ? null : relative))
                context.Report(finding);
            context.Report(ProvenanceReport.FromVerification(verification, lockDisplay, relative.Length == 0 ? null : relative));
            verified.Add(relative);
        }
    }
}
