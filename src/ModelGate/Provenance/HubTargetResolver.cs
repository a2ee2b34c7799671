using ModelGate.Findings;
using ModelGate.Provenance.Hub;
using ModelGate.Provenance.Locks;
using ModelGate.Scanning;

namespace ModelGate.Provenance;

/// <summary>
/// Makes <c>hf://owner/name[@revision]</c> a target like a folder: resolves the revision (the lock's commit when
/// one pins the repository), fetches the files into ModelGate's own cache verified against the Hub's hashes and
/// the lock, and hands the snapshot folder to discovery with the provenance findings. Offline
/// (<c>HF_HUB_OFFLINE</c>), the snapshot is taken from the huggingface_hub cache or ModelGate's, re-hashed.
/// </summary>
internal sealed class HubTargetResolver(HubSourceOptions options) : ITargetResolver
{
    public bool CanResolve(string target) => HubReference.IsHubTarget(target);

    /// <summary>The same resolver, also trusting <paramref name="organizations"/> (from the policy's lists).</summary>
    public HubTargetResolver WithTrustedOrganizations(IReadOnlyList<string> organizations) =>
        new(options with { TrustedOrganizations = [.. options.TrustedOrganizations.Concat(organizations).Distinct(StringComparer.OrdinalIgnoreCase)] });

    public async Task<ResolvedTarget> ResolveAsync(string target, ScanOptions scanOptions, CancellationToken cancellationToken)
    {
        if (!HubReference.TryParse(target, out var reference, out var error))
            throw new ScanTargetException(error);
        try
        {
            using var client = new HubClient(options.Settings, options.Client);
            var (plan, cache) = options.Settings.Offline
                ? PlanOffline(reference)
                : (await HubModelPlanner.PlanAsync(client, reference, options, cancellationToken).ConfigureAwait(false), new HubCache(options.WorkCache));
            var downloads = await HubSnapshotFetcher.FetchIntoCacheAsync(
                client, cache, plan.Info, plan.Files, reference.IsPinned ? null : reference.EffectiveRevision,
                options.Parallelism, options.Progress, cancellationToken).ConfigureAwait(false);
            var snapshot = cache.SnapshotFolder(plan.Repo, plan.Commit);
            Directory.CreateDirectory(snapshot);
            var (findings, provenance) = Assemble(plan, downloads, options.Settings.Offline ? $"cache {cache.Root}" : options.Settings.EndpointDisplay, options.LockDisplay);
            return new ResolvedTarget(snapshot, findings, [provenance]);
        }
        catch (HubException ex)
        {
            throw new ScanTargetException(ex.Message);
        }
    }

    /// <summary>
    /// Offline: the snapshot of the locked commit (or the revision's commit from <c>refs/</c>) in the
    /// huggingface_hub cache, else in ModelGate's; each file's expected hash is the name of the blob it links to.
    /// </summary>
    private (HubModelPlan Plan, HubCache Cache) PlanOffline(HubReference reference)
    {
        var locked = options.Lock?.Find(reference.Repo);
        var revision = reference.IsPinned || locked is null ? reference.EffectiveRevision : locked.Commit;
        if (OfflineSnapshot.Find([options.Settings.CacheDirectory, options.WorkCache], reference.Repo, revision) is var (cache, commit))
        {
            var info = OfflineSnapshot.Describe(cache, reference.Repo, commit);
            var findings = new List<Finding>();
            if (locked is not null && reference.IsPinned && !HubModelPlanner.SameCommit(commit, locked.Commit))
                findings.Add(HubFindings.CommitDiffers(reference.Repo.ToString(), reference.EffectiveRevision, commit, locked.Commit, options.LockDisplay ?? "the lock", usedLocked: false));
            return (HubModelPlanner.Plan(reference, info, locked, options, findings), cache);
        }
        throw new ScanTargetException(
            $"{reference} is not in the huggingface_hub cache ({options.Settings.CacheDirectory}) nor in ModelGate's ({options.WorkCache}), and offline mode (HF_HUB_OFFLINE or --offline) forbids downloading it");
    }

    /// <summary>Findings and the provenance record from the plan and what the fetch found, file by file.</summary>
    internal static (IReadOnlyList<Finding> Findings, ModelProvenance Provenance) Assemble(
        HubModelPlan plan, IReadOnlyList<HubFileDownload> downloads, string source, string? lockDisplay)
    {
        var findings = new List<Finding>(plan.Findings);
        var files = new List<ProvenanceFile>();
        var lockName = lockDisplay ?? "the lock";
        foreach (var download in downloads)
        {
            var file = download.File;
            var locked = plan.Locked?.FindFile(file.Path);
            var status = ProvenanceFileStatus.Verified;
            string? detail = null;
            if (plan.Problems.TryGetValue(file.Path, out var problem))
            {
                status = ProvenanceFileStatus.Changed;
                detail = problem.Detail ?? $"expected {problem.Expected}, the Hub has {problem.Actual}";
            }
            else if (download.Error is HubIntegrityException integrity)
            {
                status = integrity.ExpectedHash is null ? ProvenanceFileStatus.Unverifiable : ProvenanceFileStatus.Changed;
                detail = integrity.Message;
                findings.Add(status == ProvenanceFileStatus.Changed
                    ? HubFindings.HashMismatch(file.Path, integrity.ExpectedHash ?? $"size {integrity.ExpectedSize}", integrity.ActualHash ?? $"size {integrity.ActualSize}", "the Hub's published hash")
                    : Unverifiable(file.Path, integrity.Message));
            }
            else if (download.Error is not null)
            {
                status = ProvenanceFileStatus.Unverifiable;
                detail = download.Error.Message;
                findings.Add(HubFindings.NotFetched(file.Path, download.Error.Message));
            }
            else if (locked is not null && download.Digests is { } digests && LockedDigestCheck.Mismatch(locked, digests) is { } mismatch)
            {
                status = ProvenanceFileStatus.Changed;
                detail = $"expected {mismatch.Expected}, got {mismatch.Actual}";
                findings.Add(HubFindings.HashMismatch(file.Path, mismatch.Expected, mismatch.Actual, lockName));
            }
            files.Add(new ProvenanceFile(file.Path, status)
            {
                Size = file.Size ?? download.Digests?.Length,
                Sha256 = download.Digests?.Sha256 ?? file.LfsSha256 ?? locked?.Sha256,
                GitBlobId = file.GitBlobId,
                Lfs = file.IsLfs,
                Detail = detail,
            });
        }
        foreach (var (path, problem) in plan.Problems)
        {
            if (problem.Status == FileVerificationStatus.Missing)
                files.Add(new ProvenanceFile(path, ProvenanceFileStatus.Missing) { Detail = problem.Detail });
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var provenance = new ModelProvenance
        {
            Repo = plan.Repo.ToString(),
            RequestedRevision = plan.Reference.Revision,
            Commit = plan.Commit,
            Pin = plan.Pin,
            Source = source,
            LockFile = plan.Locked is null ? null : lockDisplay,
            Files = files,
        };
        return (findings, provenance);
    }

    private static Finding Unverifiable(string path, string message) => new()
    {
        Rule = Rules.HashUnavailable,
        Severity = Rules.HashUnavailable.DefaultSeverity,
        Title = Rules.HashUnavailable.Title,
        Message = message,
        Location = new Inventory.SourceLocation(path),
        Artifact = path,
        Remediation = "Pin the file's SHA-256 in a lock after reviewing it ('modelgate lock --download'), or get the model from a source that publishes hashes.",
    };
}
