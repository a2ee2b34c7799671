using System.CommandLine;
using ModelGate.Advisories.Database;
using ModelGate.Provenance;
using ModelGate.Provenance.Hub;
using ModelGate.Provenance.Locks;

namespace ModelGate.Cli.Commands;

/// <summary>The options of every command that accepts <c>hf://owner/name[@revision]</c>.</summary>
internal sealed class HubOptions
{
    public const string DefaultLockFileName = "modelgate.lock.json";

    private readonly Option<bool> _offline;
    private readonly bool _ownsOffline;

    /// <param name="sharedOffline">The command's existing --offline (advisories), which then also means "no Hub"; null to add one.</param>
    public HubOptions(Option<bool>? sharedOffline = null)
    {
        _ownsOffline = sharedOffline is null;
        _offline = sharedOffline ?? new Option<bool>("--offline") { Description = "Never use the network: hf:// models come from the huggingface_hub cache (as HF_HUB_OFFLINE=1)." };
    }

    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "The Hugging Face Hub serving hf:// targets (default: HF_ENDPOINT, else https://huggingface.co). The token comes from HF_TOKEN or the huggingface_hub token file." };

    public Option<string?> CacheDir { get; } = new("--cache-dir") { Description = "The huggingface_hub cache (default: HF_HUB_CACHE, else $HF_HOME/hub)." };

    public Option<string?> Lock { get; } = new("--lock") { Description = $"A lock file (modelgate lock) that pins hf:// models; ./{DefaultLockFileName} is used when present." };

    public Option<string[]> TrustedOrg { get; } = new("--trusted-org") { Description = "An organization whose models are trusted (repeatable); with any given, models from others are reported (MG3002).", Arity = ArgumentArity.ZeroOrMore };

    public Option<string[]> Include { get; } = new("--include") { Description = "Only these repository files of an hf:// model (glob, repeatable, as huggingface_hub's allow_patterns).", Arity = ArgumentArity.ZeroOrMore };

    public void AddTo(Command command, bool withLock = true, bool withInclude = true)
    {
        command.Options.Add(Endpoint);
        command.Options.Add(CacheDir);
        if (_ownsOffline)
            command.Options.Add(_offline);
        if (withLock)
            command.Options.Add(Lock);
        command.Options.Add(TrustedOrg);
        if (withInclude)
            command.Options.Add(Include);
    }

    public HubSettings Settings(ParseResult parse) =>
        HubSettings.Resolve(parse.GetValue(Endpoint), parse.GetValue(CacheDir), parse.GetValue(_offline) ? true : null, Environment.GetEnvironmentVariable);

    /// <summary>
    /// Everything the Hub code needs. The lock is --lock, else modelgate.lock.json in the target folder (for a
    /// local folder) or in the current folder (for hf:// targets) when it exists; for
    /// <paramref name="explicitLockOnly"/> commands, only --lock.
    /// </summary>
    /// <exception cref="LockFileException">The lock file is unreadable or invalid.</exception>
    /// <param name="parentFolderToo">Also look in the target folder's parent: a model snapshot inside a project (assess).</param>
    public HubSourceOptions Create(ParseResult parse, string? target = null, bool explicitLockOnly = false, bool parentFolderToo = false)
    {
        var lockPath = parse.GetValue(Lock);
        if (lockPath is null && !explicitLockOnly)
        {
            var folder = target is not null && !HubReference.IsHubTarget(target) && Directory.Exists(target) ? target : null;
            var candidate = folder is null ? DefaultLockFileName : Path.Combine(folder, DefaultLockFileName);
            if (File.Exists(candidate))
                lockPath = candidate;
            else if (parentFolderToo && folder is not null && Path.GetDirectoryName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)) is { } parent
                && File.Exists(Path.Combine(parent, DefaultLockFileName)))
                lockPath = Path.Combine(Path.GetDirectoryName(folder.TrimEnd('/', Path.DirectorySeparatorChar)) is { Length: > 0 } shown ? shown : parent, DefaultLockFileName);
        }
        return new HubSourceOptions(Settings(parse), WorkCache())
        {
            Lock = lockPath is null ? null : ModelLockFile.Read(lockPath),
            LockDisplay = lockPath,
            Include = parse.GetValue(Include) ?? [],
            TrustedOrganizations = parse.GetValue(TrustedOrg) ?? [],
        };
    }

    /// <summary>ModelGate's own cache of models fetched to be scanned or locked, beside the advisory database.</summary>
    public static string WorkCache()
    {
        try
        {
            return Path.Combine(Path.GetDirectoryName(AdvisoryCache.DefaultDatabasePath())!, "hub");
        }
        catch (AdvisoryDatabaseException)
        {
            return Path.Combine(Path.GetTempPath(), "modelgate", "hub");
        }
    }
}
