using System.CommandLine;
using ModelGate.Cli.Rendering;
using ModelGate.Policy;
using ModelGate.Provenance;
using ModelGate.Provenance.Hub;
using ModelGate.Provenance.Locks;
using ModelGate.Reporting;
using ModelGate.Scanning;

namespace ModelGate.Cli.Commands;

/// <summary>
/// <c>modelgate pull hf://owner/name@rev</c>: download into quarantine, verify every byte, scan, and only then
/// place the model (the huggingface_hub cache, or <c>--to DIR</c>). Exit 0 when placed, 1 when verification or
/// the gate refused it (nothing placed), 2 on errors.
/// </summary>
internal static class PullCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var target = new Argument<string>("model") { Description = "hf://owner/name[@revision]" };
        var to = new Option<string?>("--to") { Description = "Place the verified model in this new folder (laid out as hf download --local-dir) instead of the huggingface_hub cache." };
        var outputs = new OutputOptions();
        var gate = new PolicyOptions(new GateOptions("Refuse the model when any finding is at or above this severity, whatever the policy's thresholds."));
        var advisories = new AdvisoryOptions();
        var hub = new HubOptions(advisories.Offline);
        var command = new Command("pull", "Download a Hub model into quarantine, verify every byte against the lock or the Hub, scan it, and only then move it into place.")
        {
            target, to,
        };
        outputs.AddTo(command);
        gate.AddTo(command);
        hub.AddTo(command);
        advisories.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(target)!;
            if (!HubReference.TryParse(text, out var reference, out var error))
            {
                await stderr.WriteLineAsync($"modelgate: {error}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
            try
            {
                var policy = gate.Resolve(parse, null);
                var hubOptions = hub.Create(parse);
                // The policy's trusted organizations judge the publisher as --trusted-org does (MG3002).
                var options = hubOptions with
                {
                    TrustedOrganizations = [.. hubOptions.TrustedOrganizations.Concat(policy.Document.Lists.TrustedOrganizations).Distinct(StringComparer.OrdinalIgnoreCase)],
                };
                var builder = ScannerBuilder.CreateDefault().UsePolicy(policy);
                var scanner = advisories.Configure(builder, parse, sourceFailureIsFinding: true).Build();
                var result = await ByteProgress.RunAsync(stderr, $"Pulling {reference}", (progress, total) =>
                    ModelPull.RunAsync(reference, parse.GetValue(to), options with { Progress = progress, ProgressTotal = total }, scanner,
                        advisories.Apply(new ScanOptions(), parse), cancellationToken)).ConfigureAwait(false);
                var outputPath = parse.GetValue(outputs.Output);
                await ReportOutput.WriteAsync(result.Report, parse.GetValue(outputs.Format) ?? "table", outputPath, stdout, ReportView.Scan, cancellationToken).ConfigureAwait(false);
                await stderr.WriteLineAsync(result.Message).ConfigureAwait(false);
                return result.PlacedAt is null ? (int)ExitCode.Fail : (int)ExitCode.Pass;
            }
            catch (Exception ex) when (ex is HubException or LockFileException or ScanTargetException or IOException or UnauthorizedAccessException or PolicyException
                || Analyzers.VulnerabilityAnalyzer.IsSourceFailure(ex))
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
        });
        return command;
    }
}
