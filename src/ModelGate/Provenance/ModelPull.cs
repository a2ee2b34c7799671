using System.Globalization;
using System.Text;
using ModelGate.Findings;
using ModelGate.Policy;
using ModelGate.Provenance.Digests;
using ModelGate.Provenance.Hub;
using ModelGate.Reporting;
using ModelGate.Scanning;

namespace ModelGate.Provenance;

/// <summary>
/// <c>modelgate pull</c>: fetch a Hub model into a quarantine folder, verify every byte against the lock (or the
/// Hub's hashes), scan it, and only when all of that passes move it into place — the huggingface_hub cache, or a
/// folder laid out as <c>hf download --local-dir</c> leaves one. The quarantine folder sits beside the destination
/// (same file system, so the final move is a rename) and is named after the repository and commit, so a pull that
/// was interrupted resumes its partial downloads; nothing outside it is touched until the end.
/// </summary>
internal static class ModelPull
{
    public const string QuarantineFolderName = ".modelgate-quarantine";

    /// <summary>huggingface_hub's local-dir metadata folder, inside the destination.</summary>
    private const string LocalDirMetadata = ".cache/huggingface/download";

    /// <exception cref="HubException">The Hub refused or failed before any file was fetched.</exception>
    /// <exception cref="ScanTargetException">The destination cannot be used.</exception>
    public static async Task<PullResult> RunAsync(
        HubReference reference, string? destination, HubSourceOptions options, Scanner scanner, ScanOptions scanOptions, CancellationToken cancellationToken)
    {
        if (options.Settings.Offline)
            throw new ScanTargetException("pull downloads from the Hub; it cannot run in offline mode (HF_HUB_OFFLINE or --offline)");
        var destinationFull = destination is null ? null : Path.GetFullPath(destination);
        if (destinationFull is not null && Directory.Exists(destinationFull) && Directory.EnumerateFileSystemEntries(destinationFull).Any())
            throw new ScanTargetException($"--to {destination}: the folder exists and is not empty; pull into a new folder so unverified and verified files never mix");
        if (destinationFull is not null && File.Exists(destinationFull))
            throw new ScanTargetException($"--to {destination}: a file of that name exists");

        using var client = new HubClient(options.Settings, options.Client);
        var plan = await HubModelPlanner.PlanAsync(client, reference, options, cancellationToken).ConfigureAwait(false);
        options.ProgressTotal?.Invoke(plan.Files.Sum(f => f.Size ?? 0));
        var cache = new HubCache(options.Settings.CacheDirectory);
        var quarantineRoot = destinationFull is null
            ? Path.Combine(cache.Root, QuarantineFolderName)
            : Path.Combine(Path.GetDirectoryName(destinationFull) ?? destinationFull, QuarantineFolderName);
        var quarantine = Path.Combine(quarantineRoot, $"{plan.Repo.CacheFolderName}--{plan.Commit}");
        Directory.CreateDirectory(quarantine);

        var downloads = new HubFileDownload[plan.Files.Count];
        await Parallel.ForAsync(0, plan.Files.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) },
            async (i, ct) => downloads[i] = await FetchIntoQuarantineAsync(client, plan, plan.Files[i], quarantine, options.Progress, ct).ConfigureAwait(false)).ConfigureAwait(false);
        var source = options.Settings.EndpointDisplay;
        var (provenanceFindings, provenance) = HubTargetResolver.Assemble(plan, downloads, source, options.LockDisplay);
        var unverified = provenance.Files.Where(f => f.Status != ProvenanceFileStatus.Verified).ToList();

        ScanReport report;
        if (unverified.Count > 0)
        {
            // Bytes that do not match are never scanned, let alone placed: the quarantine goes, with its evidence in the report.
            report = Report(reference, scanner.Policy, provenanceFindings, provenance, scanOptions);
            DeleteQuietly(quarantine);
            TryDeleteEmpty(quarantineRoot);
            var lines = unverified.Select(f => $"{f.Path}: {ReportNames.Of(f.Status)}{(f.Detail is null ? "" : " — " + f.Detail)}");
            return new PullResult(report, null, $"Nothing was placed: {unverified.Count} file(s) failed verification.\n  " + string.Join("\n  ", lines));
        }

        var scanned = await scanner.ScanAsync(quarantine, scanOptions, cancellationToken).ConfigureAwait(false);
        var findings = scanned.Findings.Concat(provenanceFindings).Order(FindingOrder.Instance).ToList();
        report = scanner.Policy.Apply(scanned with
        {
            Target = reference.ToString(),
            Findings = findings,
            Provenance = [provenance],
        });
        if (report.Decision.Verdict == Verdict.Fail)
        {
            DeleteQuietly(quarantine);
            TryDeleteEmpty(quarantineRoot);
            return new PullResult(report, null, "Nothing was placed: the model was verified but the gate's decision is FAIL.");
        }

        var placedAt = destinationFull is null
            ? PlaceInCache(cache, plan, downloads, quarantine)
            : PlaceInFolder(plan, downloads, quarantine, destinationFull);
        DeleteQuietly(quarantine);
        TryDeleteEmpty(quarantineRoot);
        return new PullResult(report, placedAt, string.Create(CultureInfo.InvariantCulture,
            $"Pulled {plan.Repo}@{plan.Commit} ({plan.Files.Count} file(s), every byte verified) into {placedAt}"));
    }

    /// <summary>Downloads one file to <c>{quarantine}/{path}</c> (via <c>.incomplete</c>), reusing a complete verified copy from an interrupted run.</summary>
    private static async Task<HubFileDownload> FetchIntoQuarantineAsync(HubClient client, HubModelPlan plan, HubFile file, string quarantine, Action<long>? progress, CancellationToken ct)
    {
        if (!HubPaths.IsSafeRelativePath(file.Path))
            return new HubFileDownload(file, null, new HubException(HubErrorKind.Protocol, $"'{file.Path}' is not a safe relative path; refusing to write it"));
        var final = Path.Combine(quarantine, file.Path.Replace('/', Path.DirectorySeparatorChar));
        var partial = final + ".incomplete";
        try
        {
            var locked = plan.Locked?.FindFile(file.Path);
            var kinds = DigestKinds.Sha256 | DigestKinds.GitBlobSha1;
            if (File.Exists(final))
            {
                var existing = await FileHasher.HashFileAsync(final, kinds, progress: null, ct).ConfigureAwait(false);
                if (Matches(file, locked, existing))
                    return new HubFileDownload(file, existing, null);
                File.Delete(final);
            }
            var digests = await client.DownloadAsync(plan.Repo, plan.Commit, file, partial, progress, ct).ConfigureAwait(false);
            if (file.Etag is null && locked is null)
            {
                File.Delete(partial);
                return new HubFileDownload(file, null, new HubIntegrityException(
                    $"'{file.Path}': neither the Hub nor a lock gives a hash for this file, so its bytes cannot be verified", file.Path, file.Size, digests.Length, null, null));
            }
            if (digests.GitBlobSha1 is null && !file.IsLfs)
                digests = await FileHasher.HashFileAsync(partial, kinds, progress: null, ct).ConfigureAwait(false);
            File.Move(partial, final, overwrite: true);
            return new HubFileDownload(file, digests, null);
        }
        catch (HubException ex)
        {
            return new HubFileDownload(file, null, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new HubFileDownload(file, null, new HubException(HubErrorKind.Network, $"'{file.Path}' could not be written to {quarantine}: {ex.Message}"));
        }
    }

    private static bool Matches(HubFile file, Locks.LockedFile? locked, FileDigests digests)
    {
        if (locked is not null && LockedDigestCheck.Mismatch(locked, digests) is not null)
            return false;
        if (file.Size is { } size && size != digests.Length)
            return false;
        if (file.LfsSha256 is { } sha)
            return string.Equals(sha, digests.Sha256, StringComparison.OrdinalIgnoreCase);
        if (file.GitBlobId is { } blob)
            return string.Equals(blob, digests.GitBlobSha1, StringComparison.OrdinalIgnoreCase);
        return locked is not null;
    }

    /// <summary>Moves each verified file into <c>blobs/</c>, links it from <c>snapshots/{commit}/</c>, and records the branch.</summary>
    private static string PlaceInCache(HubCache cache, HubModelPlan plan, HubFileDownload[] downloads, string quarantine)
    {
        foreach (var download in downloads)
        {
            var file = download.File;
            var etag = (file.Etag ?? download.Digests!.Sha256!).ToLowerInvariant();
            cache.PlaceVerifiedBlob(plan.Repo, etag, Path.Combine(quarantine, file.Path.Replace('/', Path.DirectorySeparatorChar)));
            cache.LinkSnapshotFile(plan.Repo, plan.Commit, file.Path, etag);
        }
        if (!plan.Reference.IsPinned)
            cache.WriteRef(plan.Repo, plan.Reference.EffectiveRevision, plan.Commit);
        var snapshot = cache.SnapshotFolder(plan.Repo, plan.Commit);
        Directory.CreateDirectory(snapshot);
        return snapshot;
    }

    /// <summary>
    /// Writes the local-dir metadata (commit, ETag, time) that <c>hf download --local-dir</c> writes, so
    /// <c>modelgate verify</c> and huggingface_hub know the folder's commit, then renames the quarantine folder.
    /// </summary>
    private static string PlaceInFolder(HubModelPlan plan, HubFileDownload[] downloads, string quarantine, string destination)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        foreach (var download in downloads)
        {
            var etag = download.File.Etag ?? download.Digests!.Sha256!;
            var metadata = Path.Combine(quarantine, LocalDirMetadata.Replace('/', Path.DirectorySeparatorChar), download.File.Path.Replace('/', Path.DirectorySeparatorChar) + ".metadata");
            Directory.CreateDirectory(Path.GetDirectoryName(metadata)!);
            File.WriteAllText(metadata, string.Create(CultureInfo.InvariantCulture, $"{plan.Commit}\n{etag}\n{timestamp:0.0##}\n"), new UTF8Encoding(false));
        }
        if (Directory.Exists(destination))
            Directory.Delete(destination);
        Directory.CreateDirectory(Path.GetDirectoryName(destination) ?? destination);
        Directory.Move(quarantine, destination);
        return destination;
    }

    private static ScanReport Report(HubReference reference, GatePolicy policy, IReadOnlyList<Finding> findings, ModelProvenance provenance, ScanOptions options)
    {
        var ordered = findings.Order(FindingOrder.Instance).ToList();
        return policy.Apply(new ScanReport
        {
            Tool = ToolInfo.Current,
            Target = reference.ToString(),
            Environment = options.TargetEnvironmentDescription,
            Inventory = new Inventory.ScanInventory(),
            Findings = ordered,
            Provenance = [provenance],
            Decision = new PolicyDecision(Verdict.Pass, []),
            Timestamp = DateTimeOffset.UtcNow,
        });
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind: it is quarantine, nothing loads from it, and the next pull of this commit reuses or replaces it.
        }
    }

    private static void TryDeleteEmpty(string folder)
    {
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                Directory.Delete(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another pull is using it.
        }
    }
}

/// <summary>The outcome of a pull: the report, where the model was placed (null when nothing was), and a summary line.</summary>
internal sealed record PullResult(ScanReport Report, string? PlacedAt, string Message);
