using System.CommandLine;
using ModelGate.Cli.Rendering;
using ModelGate.Findings;
using ModelGate.Policy;
using ModelGate.Provenance;
using ModelGate.Provenance.Hub;
using ModelGate.Provenance.Locks;
using ModelGate.Reporting;
using ModelGate.Scanning;

namespace ModelGate.Cli.Commands;

/// <summary>
/// <c>modelgate verify PATH --lock FILE</c>: compares a local snapshot with the lock, file by file. A changed file
/// is critical, a missing or unexpected one high; the decision and exit code follow the gate (0 pass or warn,
/// 1 fail, 2 error).
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string>("path") { Description = "A model snapshot folder (a huggingface_hub cache snapshot, an hf download --local-dir folder, any copy), or hf://owner/name for the cached snapshot of the locked commit." };
        var lockOption = new Option<string>("--lock") { Description = "The lock file to compare with.", Required = true };
        var repo = new Option<string?>("--repo") { Description = "Which locked model the folder is, when the lock has several and the folder does not say." };
        var outputs = new OutputOptions();
        var gate = new PolicyOptions(new GateOptions());
        var cacheDir = new Option<string?>("--cache-dir") { Description = "The huggingface_hub cache, for hf:// paths (default: HF_HUB_CACHE, else $HF_HOME/hub)." };
        var command = new Command("verify", "Check a local model snapshot against a lock file: changed, missing and unexpected files.")
        {
            path, lockOption, repo, cacheDir,
        };
        outputs.AddTo(command);
        gate.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var lockPath = parse.GetValue(lockOption)!;
            var target = parse.GetValue(path)!;
            try
            {
                var lockFile = ModelLockFile.Read(lockPath);
                var (folder, model) = Select(target, lockFile, parse.GetValue(repo), parse.GetValue(cacheDir));
                var verification = await SnapshotVerifier.VerifyAsync(folder, model, cancellationToken).ConfigureAwait(false);
                var policy = gate.Resolve(parse, folder);
                var findings = ProvenanceFindings.FromVerification(verification, lockPath, null).Order(FindingOrder.Instance).ToList();
                var report = policy.Apply(new ScanReport
                {
                    Tool = ToolInfo.Current,
                    Target = target,
                    Inventory = new Inventory.ScanInventory(),
                    Findings = findings,
                    Provenance = [ProvenanceReport.FromVerification(verification, lockPath, null)],
                    Decision = new PolicyDecision(Verdict.Pass, []),
                    Timestamp = DateTimeOffset.UtcNow,
                });
                var outputPath = parse.GetValue(outputs.Output);
                await ReportOutput.WriteAsync(report, parse.GetValue(outputs.Format) ?? "table", outputPath, stdout, ReportView.Verify, cancellationToken).ConfigureAwait(false);
                if (outputPath is not null)
                    await stderr.WriteLineAsync($"Decision: {report.Decision.Verdict.ToString().ToUpperInvariant()} (report written to {outputPath})").ConfigureAwait(false);
                return CommandRunner.GateExitCode(report);
            }
            catch (Exception ex) when (ex is LockFileException or ScanTargetException or IOException or UnauthorizedAccessException or PolicyException)
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
        });
        return command;
    }

    /// <summary>The folder to verify and the lock entry it is checked against.</summary>
    private static (string Folder, LockedModel Model) Select(string target, ModelLock lockFile, string? repoText, string? cacheDir)
    {
        HubRepoId? repo = null;
        if (repoText is not null)
        {
            if (!HubRepoId.TryParse(repoText, out repo, out var error))
                throw new ScanTargetException($"--repo: {error}");
        }
        if (HubReference.IsHubTarget(target))
        {
            if (!HubReference.TryParse(target, out var reference, out var error))
                throw new ScanTargetException(error);
            var locked = lockFile.Find(reference.Repo) ?? throw new ScanTargetException($"the lock does not pin {reference.Repo}");
            var settings = HubSettings.Resolve(null, cacheDir, null, Environment.GetEnvironmentVariable);
            if (OfflineSnapshot.Find([settings.CacheDirectory, HubOptions.WorkCache()], reference.Repo, locked.Commit) is var (cache, commit))
                return (cache.SnapshotFolder(reference.Repo, commit), locked);
            throw new ScanTargetException($"{reference.Repo}@{locked.Commit} is not in the huggingface_hub cache ({settings.CacheDirectory}); run 'modelgate pull hf://{reference.Repo}@{locked.Commit}' first");
        }
        if (!Directory.Exists(target))
            throw new ScanTargetException($"'{target}' is not a folder");
        repo ??= SnapshotVerifier.DetectIdentity(target)?.Repo;
        if (repo is not null)
            return (target, lockFile.Find(repo) ?? throw new ScanTargetException($"{lockFile.Models.Count} model(s) in the lock, none of them {repo}"));
        return lockFile.Models.Count switch
        {
            1 => (target, lockFile.Models[0]),
            0 => throw new ScanTargetException("the lock pins no models"),
            _ => throw new ScanTargetException($"the lock pins {lockFile.Models.Count} models ({string.Join(", ", lockFile.Models.Select(m => m.Repo))}); name the one {target} holds with --repo"),
        };
    }
}
