using System.CommandLine;
using System.Text;
using ModelGate.Analyzers;
using ModelGate.Policy;
using ModelGate.Scanning;
using ModelGate.Threats;

namespace ModelGate.Cli.Commands;

/// <summary><c>modelgate threats TARGET</c>: scans the target as <c>scan</c> does and writes its threat model as Markdown.</summary>
internal static class ThreatsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        var advisories = new AdvisoryOptions();
        var hub = new HubOptions(advisories.Offline);
        var command = new Command("threats", "Write a threat model of a target as Markdown: its assets, the threats to each, and what the scan found (exit 0, or 2 on error).");
        // The same target options as scan; the output is always Markdown, so --format is not offered.
        command.Arguments.Add(options.Target);
        command.Options.Add(options.Output);
        command.Options.Add(options.IncludeVenvs);
        command.Options.Add(options.PythonVersion);
        command.Options.Add(options.Platform);
        command.Options.Add(options.Hash);
        advisories.AddTo(command);
        hub.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = parse.GetValue(options.Target)!;
            var output = parse.GetValue(options.Output);
            try
            {
                var scanner = ScanCommand.BuildScanner(parse, options, advisories, hub, GatePolicy.Default);
                var report = await scanner.ScanAsync(target, advisories.Apply(options.ToScanOptions(parse), parse), cancellationToken).ConfigureAwait(false);
                var markdown = ThreatModelMarkdown.Render(ThreatModel.From(report));
                if (output is null)
                {
                    await stdout.WriteAsync(markdown).ConfigureAwait(false);
                }
                else
                {
                    await File.WriteAllTextAsync(output, markdown, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
                    await stderr.WriteLineAsync($"Threat model written to {output}").ConfigureAwait(false);
                }
                return (int)ExitCode.Pass;
            }
            catch (Exception ex) when (ex is ScanTargetException or IOException or UnauthorizedAccessException or Provenance.Locks.LockFileException || VulnerabilityAnalyzer.IsSourceFailure(ex))
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
        });
        return command;
    }
}
