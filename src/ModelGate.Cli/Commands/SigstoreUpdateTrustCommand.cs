using System.CommandLine;
using System.Globalization;
using ModelGate.Signatures.Sigstore;
using ModelGate.Signatures.Tuf;

namespace ModelGate.Cli.Commands;

/// <summary>
/// <c>modelgate sigstore update-trust [--staging] [--mirror URL] [--root FILE] [--offline]</c>: refresh the
/// Sigstore trusted root through the Sigstore TUF repository (a full TUF client: root chain, thresholds,
/// expiry, rollback and freeze checks, hashes) into ModelGate's cache. Exit 0 when the trusted root is
/// verified, 2 with the failed check named otherwise.
/// </summary>
internal static class SigstoreUpdateTrustCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var staging = new Option<bool>("--staging") { Description = "Use Sigstore's staging instance (tuf-repo-cdn.sigstage.dev) instead of production." };
        var mirror = new Option<string?>("--mirror") { Description = "Another copy of the TUF repository (HTTPS; plain HTTP only on 127.0.0.1 or localhost)." };
        var root = new Option<string?>("--root") { Description = "A TUF root.json you vouch for, trusted on first use instead of the one shipped with ModelGate (a newer cached root is kept)." };
        var offline = new Option<bool>("--offline") { Description = "No network: verify the cached TUF metadata and trusted root (signatures, hashes, expiry) and print their state." };
        var command = new Command("update-trust", "Fetch the Sigstore trusted root through Sigstore's TUF repository, verifying every step, into the local cache.")
        {
            staging, mirror, root, offline,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var instance = parse.GetValue(staging) ? SigstoreTufInstance.Staging : SigstoreTufInstance.Production;
                var isOffline = parse.GetValue(offline);
                var rootFile = parse.GetValue(root);
                if (isOffline && rootFile is not null)
                    throw new TufException("--root has no effect with --offline: a root is only trusted on first use, online");
                var options = SigstoreTrustUpdateOptions.InFolder(instance, SigstoreTrustLocations.InstanceFolder(instance.Name)) with
                {
                    Mirror = parse.GetValue(mirror) is { } text ? SigstoreTrustUpdate.ParseMirror(text) : null,
                    RootFile = rootFile,
                    Offline = isOffline,
                };
                using var http = new HttpClient();
                var fetcher = new TufHttpFetcher(http, options.Limits.FetchTimeout);
                var result = await SigstoreTrustUpdate.RunAsync(options, fetcher, cancellationToken).ConfigureAwait(false);
                await WriteAsync(stdout, result, isOffline).ConfigureAwait(false);
                return (int)ExitCode.Pass;
            }
            catch (Exception ex) when (ex is TufException or SigstoreVerificationException or IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"modelgate: sigstore update-trust: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter stdout, SigstoreTrustUpdateResult result, bool offline)
    {
        var state = offline ? "verified offline" : result.Downloaded ? "updated" : "unchanged";
        await stdout.WriteLineAsync($"trusted root: {result.TrustedRootPath} ({state})").ConfigureAwait(false);
        await stdout.WriteLineAsync($"repository:   {result.Repository}").ConfigureAwait(false);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"TUF root:     version {result.Metadata.Root.Version}")).ConfigureAwait(false);
        foreach (var (role, version, expires) in result.Metadata.Roles)
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{role + ":",-13} version {version}, expires {expires:yyyy-MM-ddTHH:mm:ssZ}")).ConfigureAwait(false);
    }
}
