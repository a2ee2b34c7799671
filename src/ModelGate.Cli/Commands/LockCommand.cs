using System.CommandLine;
using System.Globalization;
using ModelGate.Cli.Rendering;
using ModelGate.Provenance;
using ModelGate.Provenance.Digests;
using ModelGate.Provenance.Hub;
using ModelGate.Provenance.Locks;

namespace ModelGate.Cli.Commands;

/// <summary>
/// <c>modelgate lock TARGET...</c>: pins each model's commit and file hashes in a lock file, from the Hub's
/// metadata (one request per model), from the bytes themselves (<c>--download</c>), or from a local snapshot.
/// </summary>
internal static class LockCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var targets = new Argument<string[]>("target") { Description = "hf://owner/name[@revision] references, or local snapshot folders (with --repo unless the folder is in a huggingface_hub cache).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The lock file to write; models already in it are kept, the ones locked now replaced.", DefaultValueFactory = _ => HubOptions.DefaultLockFileName };
        var download = new Option<bool>("--download") { Description = "Download every file and hash its bytes (verified against the Hub's hashes) instead of trusting the metadata alone." };
        var repo = new Option<string?>("--repo") { Description = "For a local folder: the repository it is a snapshot of (owner/name)." };
        var revision = new Option<string?>("--revision") { Description = "For a local folder: its commit, when the folder does not record it (hf download --local-dir metadata or a cache path)." };
        var hub = new HubOptions();
        var command = new Command("lock", "Pin models to a commit and their files to hashes in a lock file (modelgate.lock.json), for verify, pull and scan.")
        {
            targets, output, download, repo, revision,
        };
        hub.AddTo(command, withLock: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var outputPath = parse.GetValue(output)!;
            try
            {
                var options = hub.Create(parse, explicitLockOnly: true);
                var lockFile = File.Exists(outputPath) ? ModelLockFile.Read(outputPath) : ModelLock.Empty;
                var locked = new List<(LockedModel Model, string How)>();
                foreach (var target in parse.GetValue(targets) ?? [])
                {
                    locked.Add(HubReference.IsHubTarget(target)
                        ? await ByteProgress.RunAsync(stderr, $"Locking {target}", (progress, total) =>
                            LockHubAsync(target, options with { Progress = progress, ProgressTotal = total }, parse.GetValue(download), cancellationToken)).ConfigureAwait(false)
                        : await LockFolderAsync(target, parse.GetValue(repo), parse.GetValue(revision), options.Include, cancellationToken).ConfigureAwait(false));
                }
                foreach (var (model, _) in locked)
                    lockFile = lockFile.With(model);
                ModelLockFile.Write(lockFile, outputPath);
                foreach (var (model, how) in locked)
                {
                    var lfs = model.Files.Count(f => f.Lfs);
                    var requested = model.Revision is null ? "" : $"@{model.Revision} →";
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"Locked {model.Repo}{requested} {model.Commit}: {model.Files.Count} file(s){(lfs > 0 ? $", {lfs} in LFS" : "")}, hashes {how}")).ConfigureAwait(false);
                }
                await stdout.WriteLineAsync($"Wrote {outputPath}").ConfigureAwait(false);
                return (int)ExitCode.Pass;
            }
            catch (LockCommandException ex)
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
            catch (Exception ex) when (ex is HubException or LockFileException or IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
        });
        return command;
    }

    private static async Task<(LockedModel, string)> LockHubAsync(string target, HubSourceOptions options, bool download, CancellationToken cancellationToken)
    {
        if (!HubReference.TryParse(target, out var reference, out var error))
            throw new LockCommandException(error);
        if (options.Settings.Offline)
        {
            // Offline, the bytes in the cache are all there is: lock what they hash to, checked against their blob names first.
            if (OfflineSnapshot.Find([options.Settings.CacheDirectory, options.WorkCache], reference.Repo, reference.EffectiveRevision) is var (cache, commit))
            {
                using var offlineClient = new HubClient(options.Settings, options.Client);
                var info = OfflineSnapshot.Describe(cache, reference.Repo, commit);
                var files = info.Files.Where(f => IncludeGlob.MatchesAny(options.Include, f.Path)).ToList();
                var fetched = await HubSnapshotFetcher.FetchIntoCacheAsync(offlineClient, cache, info, files, null, options.Parallelism, null, cancellationToken).ConfigureAwait(false);
                ThrowOnFailures(reference, fetched);
                var model = await LockedModelFactory.FromFolderAsync(cache.SnapshotFolder(reference.Repo, commit), reference.Repo, commit,
                    reference.IsPinned ? null : reference.EffectiveRevision, options.Include, cancellationToken).ConfigureAwait(false);
                return (model, $"of the cached bytes ({cache.Root})");
            }
            throw new LockCommandException($"{reference} is not in the huggingface_hub cache ({options.Settings.CacheDirectory}) nor in ModelGate's ({options.WorkCache}), and offline mode forbids asking the Hub");
        }

        using var client = new HubClient(options.Settings, options.Client);
        // Locking replaces what the lock says, so no lock steers the resolution.
        var plan = await HubModelPlanner.PlanAsync(client, reference, options with { Lock = null }, cancellationToken).ConfigureAwait(false);
        var revision = reference.IsPinned ? null : reference.EffectiveRevision;
        if (!download)
        {
            var unhashed = plan.Files.Where(f => f.Etag is null).Select(f => f.Path).ToList();
            if (unhashed.Count > 0)
                throw new LockCommandException($"{reference}: the Hub gives no hash for {string.Join(", ", unhashed.Take(5))}{(unhashed.Count > 5 ? ", …" : "")}; lock with --download to hash the bytes");
            return (LockedModelFactory.FromHub(plan.Info with { Files = plan.Files }, revision, options.Include, null), "from the Hub's metadata");
        }
        options.ProgressTotal?.Invoke(plan.Files.Sum(f => f.Size ?? 0));
        var downloads = await HubSnapshotFetcher.FetchIntoCacheAsync(client, new HubCache(options.WorkCache), plan.Info, plan.Files, revision,
            options.Parallelism, options.Progress, cancellationToken).ConfigureAwait(false);
        ThrowOnFailures(reference, downloads);
        var digests = downloads.ToDictionary(d => d.File.Path, d => d.Digests!, StringComparer.Ordinal);
        return (LockedModelFactory.FromHub(plan.Info with { Files = [.. downloads.Select(d => d.File)] }, revision, options.Include, digests), "of the downloaded bytes, verified against the Hub's");
    }

    private static async Task<(LockedModel, string)> LockFolderAsync(string folder, string? repoText, string? revision, IReadOnlyList<string> include, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
            throw new LockCommandException($"'{folder}' is neither an hf:// reference nor a folder");
        var identity = SnapshotVerifier.DetectIdentity(folder);
        HubRepoId? repo = identity?.Repo;
        if (repoText is not null)
        {
            if (!HubRepoId.TryParse(repoText, out var given, out var repoError))
                throw new LockCommandException($"--repo: {repoError}");
            repo = given;
        }
        if (repo is null)
            throw new LockCommandException($"{folder}: which repository is this a snapshot of? Name it with --repo owner/name");
        var commit = revision ?? identity?.Commit;
        if (commit is null || !HubReference.IsCommitId(commit))
            throw new LockCommandException($"{folder}: the folder does not record its commit; give the 40-hex commit with --revision");
        var model = await LockedModelFactory.FromFolderAsync(folder, repo, commit.ToLowerInvariant(), null, include, cancellationToken).ConfigureAwait(false);
        return (model, $"of the bytes in {folder}");
    }

    private static void ThrowOnFailures(HubReference reference, IReadOnlyList<HubFileDownload> downloads)
    {
        var failed = downloads.Where(d => !d.Succeeded).ToList();
        if (failed.Count > 0)
            throw new LockCommandException($"{reference}: {failed.Count} file(s) could not be fetched and verified, nothing was locked:\n  "
                + string.Join("\n  ", failed.Select(d => d.Error?.Message ?? d.File.Path)));
    }

    /// <summary>A reason the lock cannot be written, already phrased for the user.</summary>
    private sealed class LockCommandException(string message) : Exception(message);
}
