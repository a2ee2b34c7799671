using ModelGate.Findings;
using ModelGate.Provenance.Hub;
using ModelGate.Provenance.Locks;

namespace ModelGate.Provenance;

/// <summary>
/// Decides which commit and which files of a Hub model to fetch, from one metadata request (two when a branch
/// has moved past the locked commit), and what that decision already reveals.
/// </summary>
internal static class HubModelPlanner
{
    /// <summary>
    /// Resolves the reference. When a lock pins the repository, the locked commit wins over a branch or tag
    /// (reported as MG3007 info when the branch moved); a commit named explicitly that differs from the lock is
    /// used as named and reported as MG3007.
    /// </summary>
    /// <exception cref="HubException">The Hub refused or failed (no access, not found, unavailable).</exception>
    public static async Task<HubModelPlan> PlanAsync(
        HubClient client, HubReference reference, HubSourceOptions options, CancellationToken cancellationToken)
    {
        var locked = options.Lock?.Find(reference.Repo);
        var info = await client.GetModelInfoAsync(reference.Repo, reference.EffectiveRevision, cancellationToken).ConfigureAwait(false);
        var findings = new List<Finding>();
        if (locked is not null && !SameCommit(info.Commit, locked.Commit))
        {
            var lockDisplay = options.LockDisplay ?? "the lock";
            if (reference.IsPinned)
            {
                findings.Add(HubFindings.CommitDiffers(info.Repo.ToString(), reference.EffectiveRevision, info.Commit, locked.Commit, lockDisplay, usedLocked: false));
                locked = null;
            }
            else
            {
                findings.Add(HubFindings.CommitDiffers(info.Repo.ToString(), reference.EffectiveRevision, info.Commit, locked.Commit, lockDisplay, usedLocked: true));
                info = await client.GetModelInfoAsync(info.Repo, locked.Commit, cancellationToken).ConfigureAwait(false);
            }
        }
        var plan = Plan(reference, info, locked, options, findings);
        var completed = await client.CompleteMetadataAsync(plan.Repo, plan.Commit, plan.Files, cancellationToken).ConfigureAwait(false);
        return plan with { Files = completed };
    }

    /// <summary>The plan for metadata already in hand (online after the request, or read from a cache offline).</summary>
    public static HubModelPlan Plan(HubReference reference, HubModelInfo info, LockedModel? locked, HubSourceOptions options, List<Finding> findings)
    {
        if (locked is not null && !SameCommit(info.Commit, locked.Commit))
            locked = null;
        var problems = new Dictionary<string, FileVerification>(StringComparer.Ordinal);
        List<HubFile> files;
        if (locked is null)
        {
            files = [.. info.Files.Where(f => IncludeGlob.MatchesAny(options.Include, f.Path))];
        }
        else
        {
            var byPath = info.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
            files = [];
            foreach (var lockedFile in locked.Files)
            {
                if (byPath.TryGetValue(lockedFile.Path, out var file))
                    files.Add(file);
            }
            foreach (var check in SnapshotVerifier.CompareWithHub(locked, info))
            {
                switch (check.Status)
                {
                    case FileVerificationStatus.Missing:
                        findings.Add(HubFindings.NotOnHub(check.Path, info.Repo.ToString(), info.Commit));
                        problems[check.Path] = check;
                        break;
                    case FileVerificationStatus.Changed:
                        findings.Add(HubFindings.HashMismatch(check.Path, check.Expected ?? "the locked file", check.Actual ?? check.Detail ?? "a different file",
                            $"{options.LockDisplay ?? "the lock"} (the Hub's metadata differs from it)"));
                        problems[check.Path] = check;
                        break;
                    // Files outside the lock are not fetched; Unverifiable pairs are settled by hashing the download.
                    default:
                        break;
                }
            }
        }

        var repo = info.Repo.ToString();
        var pin = locked is not null ? ProvenancePin.Lock : reference.IsPinned ? ProvenancePin.Reference : ProvenancePin.None;
        if (pin == ProvenancePin.None)
            findings.Add(HubFindings.Unpinned(reference, repo, info.Commit));
        var owner = info.Repo.Owner ?? info.Author;
        if (options.TrustedOrganizations.Count > 0 && (owner is null || !options.TrustedOrganizations.Contains(owner, StringComparer.OrdinalIgnoreCase)))
            findings.Add(HubFindings.UntrustedPublisher(repo, owner, options.TrustedOrganizations));
        if (!info.Files.Any(f => IsSignature(f.Path)))
            findings.Add(HubFindings.SignatureMissing(repo, info.Commit));
        return new HubModelPlan(reference, info, files, locked, pin, findings, problems);
    }

    /// <summary>OpenSSF model signing writes model.sig; Sigstore bundles are *.sigstore.json (older: *.sigstore).</summary>
    public static bool IsSignature(string path) =>
        path == "model.sig" || path.EndsWith("/model.sig", StringComparison.Ordinal)
        || path.EndsWith(".sigstore.json", StringComparison.Ordinal) || path.EndsWith(".sigstore", StringComparison.Ordinal);

    public static bool SameCommit(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
