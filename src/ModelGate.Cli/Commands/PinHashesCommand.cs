using System.CommandLine;
using ModelGate.Remediation;

namespace ModelGate.Cli.Commands;

/// <summary>
/// <c>modelgate deps pin-hashes FILE</c>: adds <c>--hash=sha256:...</c> for every pinned requirement, from the
/// index's JSON API or a local wheelhouse — the durable fix after a tampered or vulnerable dependency.
/// </summary>
internal static class PinHashesCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("requirements") { Description = "The requirements file to add hashes to." };
        var indexUrl = new Option<string?>("--index-url") { Description = "Package index whose JSON API gives the digests (default https://pypi.org)." };
        var findLinks = new Option<string?>("--find-links") { Description = "A folder of wheels and sdists to hash instead of asking an index." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the diff instead of writing." };
        var command = new Command("pin-hashes", "Add --hash lines for every pinned requirement (unpinned ones are reported, not guessed).")
        {
            file, indexUrl, findLinks, dryRun,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                await stderr.WriteLineAsync($"modelgate: '{path}' does not exist").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
            IDigestSource source;
            if (parse.GetValue(findLinks) is { } folder)
            {
                if (!Directory.Exists(folder))
                {
                    await stderr.WriteLineAsync($"modelgate: --find-links '{folder}' is not a folder").ConfigureAwait(false);
                    return (int)ExitCode.Error;
                }
                source = new WheelhouseDigestSource(folder);
            }
            else
            {
                source = new PyPiJsonClient(new PyPiJsonClientOptions { IndexUrl = parse.GetValue(indexUrl) ?? "https://pypi.org" });
            }
            try
            {
                var result = await HashPinning.PinAsync(path, source, parse.GetValue(dryRun), cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(dryRun))
                    await stdout.WriteAsync(result.Diff).ConfigureAwait(false);
                foreach (var note in result.Notes)
                    await stderr.WriteLineAsync($"{path}:{note.Line}: {note.Message}").ConfigureAwait(false);
                return result.Complete ? (int)ExitCode.Pass : (int)ExitCode.Fail;
            }
            catch (PackageIndexException ex)
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
            finally
            {
                (source as IDisposable)?.Dispose();
            }
        });
        return command;
    }
}
