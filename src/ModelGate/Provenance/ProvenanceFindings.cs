using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Provenance.Locks;
using ModelGate.Threats;

namespace ModelGate.Provenance;

/// <summary>
/// Turns a snapshot's verification against a lock into findings: MG3003 changed, MG3004 missing, MG3005
/// unexpected, MG3007 commit differs, MG3008 unverifiable. Verified files produce nothing.
/// </summary>
internal static class ProvenanceFindings
{
    /// <param name="v">The verification.</param>
    /// <param name="lockDisplayPath">The lock file as the user named it, for evidence lines.</param>
    /// <param name="pathPrefix">Prepended to each file path so it is relative to the reported folder ("models/bert"); null when the verified folder is the reported one.</param>
    public static IReadOnlyList<Finding> FromVerification(SnapshotVerification v, string lockDisplayPath, string? pathPrefix)
    {
        var model = v.Model;
        var lockedIn = $"locked in {lockDisplayPath} for {model.Repo}@{model.ShortCommit}";
        var findings = new List<Finding>();
        if (v.CommitDiffers)
        {
            var folder = string.IsNullOrEmpty(pathPrefix) ? "." : pathPrefix.TrimEnd('/');
            findings.Add(new Finding
            {
                Rule = Rules.CommitDiffersFromLock,
                Severity = Rules.CommitDiffersFromLock.DefaultSeverity,
                Title = Rules.CommitDiffersFromLock.Title,
                Message = $"The snapshot in {folder} is commit {v.DetectedCommit} of {model.Repo}, but {lockDisplayPath} pins commit {model.Commit}.",
                Location = new SourceLocation(folder),
                Artifact = folder,
                Evidence = [$"expected commit {model.Commit}", $"actual commit {v.DetectedCommit}", lockedIn],
                Remediation = $"Fetch the locked commit (modelgate pull hf://{model.Repo}@{model.Commit}), or review commit {v.DetectedCommit} and re-lock it (modelgate lock hf://{model.Repo}@{v.DetectedCommit}).",
                Discriminator = $"{model.Repo}@{v.DetectedCommit}",
                Threats = ThreatCatalog.For(Rules.CommitDiffersFromLock),
            });
        }
        foreach (var file in v.Files)
        {
            if (FromFile(file, model, lockDisplayPath, lockedIn, pathPrefix) is { } finding)
                findings.Add(finding);
        }
        return findings;
    }

    private static Finding? FromFile(FileVerification file, LockedModel model, string lockDisplayPath, string lockedIn, string? pathPrefix)
    {
        var path = string.IsNullOrEmpty(pathPrefix) ? file.Path : $"{pathPrefix.TrimEnd('/')}/{file.Path}";
        var evidence = new List<string>();
        if (file.Expected is not null)
            evidence.Add($"expected {file.Expected}");
        if (file.Actual is not null)
            evidence.Add($"actual {file.Actual}");
        if (file.Detail is not null)
            evidence.Add(file.Detail);
        evidence.Add(lockedIn);

        var (rule, message, remediation, discriminator) = file.Status switch
        {
            FileVerificationStatus.Verified => default,
            FileVerificationStatus.Changed => (
                Rules.FileHashMismatch,
                file.Detail is not null && file.Actual is null
                    ? $"{path} cannot be checked against {lockDisplayPath}: {file.Detail}."
                    : $"{path} differs from {lockDisplayPath}: expected {file.Expected}, found {file.Actual}.",
                $"Do not load this model. Restore the file from the locked commit (modelgate pull hf://{model.Repo}@{model.Commit}) and find out how it was changed; re-lock only after reviewing the new bytes.",
                // The bytes found are part of the identity, so a waiver of one change does not cover the next.
                $"{model.Repo}:{file.Actual ?? file.Detail}"),
            FileVerificationStatus.Missing => (
                Rules.LockedFileMissing,
                $"{path} is pinned by {lockDisplayPath} ({model.Repo}@{model.ShortCommit}) but is not in the snapshot.",
                $"Download the locked snapshot again (modelgate pull hf://{model.Repo}@{model.Commit}), or re-lock if the file was removed on purpose.",
                model.Repo.ToString()),
            FileVerificationStatus.Unexpected => (
                Rules.UnexpectedFile,
                file.Detail is null
                    ? $"{path} is in the snapshot but not pinned by {lockDisplayPath} ({model.Repo}@{model.ShortCommit})."
                    : $"{path} is in the snapshot but not pinned by {lockDisplayPath} ({model.Repo}@{model.ShortCommit}): {file.Detail}.",
                "Review the file: remove it if it was planted or left over, or re-lock to pin it (modelgate lock).",
                model.Repo.ToString()),
            FileVerificationStatus.Unverifiable => (
                Rules.HashUnavailable,
                $"{path} could not be checked against {lockDisplayPath}: {file.Detail ?? "no comparable hash"}.",
                "Make the file readable and verify again, or re-lock with --download so every file is pinned by a SHA-256 of its bytes.",
                model.Repo.ToString()),
            _ => default,
        };
        if (rule is null)
            return null;
        return new Finding
        {
            Rule = rule,
            Severity = rule.DefaultSeverity,
            Title = rule.Title,
            Message = message,
            Location = new SourceLocation(path),
            Artifact = path,
            Evidence = evidence,
            Remediation = remediation,
            Discriminator = discriminator,
            Threats = ThreatCatalog.For(rule),
        };
    }
}
