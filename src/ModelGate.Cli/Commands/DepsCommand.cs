using System.CommandLine;
using ModelGate.Analyzers;
using ModelGate.Cli.Rendering;
using ModelGate.Extractors;
using ModelGate.Remediation;
using ModelGate.Reporting;
using ModelGate.Scanning;

namespace ModelGate.Cli.Commands;

/// <summary>
/// <c>modelgate deps TARGET</c>: the dependency audit alone — inventory, hygiene and known vulnerabilities —
/// with <c>--fix</c> to write the recommended upgrades back, and <c>pin-hashes</c> to add hashes.
/// Exit 1 when any vulnerability remains after <c>--ignore</c> (or the inputs could not be read).
/// </summary>
internal static class DepsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        var advisories = new AdvisoryOptions();
        var hub = new HubOptions(advisories.Offline);
        var fix = new Option<bool>("--fix") { Description = "Write the recommended upgrades into the requirements files (hash lines of changed pins are removed and reported)." };
        var policy = new PolicyOptions(new GateOptions());
        var dryRun = new Option<bool>("--dry-run") { Description = "With --fix: print the diff instead of writing." };
        var command = new Command("deps", "Audit Python dependencies against OSV advisories; suggest and apply the smallest safe upgrades.");
        options.AddTo(command);
        advisories.AddTo(command);
        command.Options.Add(fix);
        command.Options.Add(dryRun);
        policy.AddTo(command);
        hub.AddTo(command);
        command.Subcommands.Add(PinHashesCommand.Create(stdout, stderr));
        command.SetAction(async (parse, cancellationToken) =>
        {
            var report = await CommandRunner.ScanAndReportAsync(() =>
            {
                var builder = new ScannerBuilder().UseTargetResolver(new Provenance.HubTargetResolver(hub.Create(parse, parse.GetValue(options.Target))));
                foreach (var extractor in BuiltInExtractors.All)
                    builder.AddExtractor(extractor);
                builder.AddAnalyzer(new InputDiagnosticsAnalyzer()).AddAnalyzer(new RequirementHygieneAnalyzer());
                builder.UsePolicy(policy.Resolve(parse, parse.GetValue(options.Target)));
                return advisories.Configure(builder, parse, sourceFailureIsFinding: false).Build();
            }, options, parse, advisories.Apply(options.ToScanOptions(parse), parse), stdout, stderr, ReportView.Deps, cancellationToken).ConfigureAwait(false);
            if (report is null)
                return (int)ExitCode.Error;
            if (parse.GetValue(fix) && Provenance.Hub.HubReference.IsHubTarget(parse.GetValue(options.Target)!))
                await stderr.WriteLineAsync("modelgate: --fix edits local requirements files; it has no effect on an hf:// target").ConfigureAwait(false);
            else if (parse.GetValue(fix))
                await ApplyFixesAsync(report, parse.GetValue(options.Target)!, parse.GetValue(dryRun), stdout, stderr).ConfigureAwait(false);
            else if (parse.GetValue(dryRun))
                await stderr.WriteLineAsync("modelgate: --dry-run has no effect without --fix").ConfigureAwait(false);
            return report.Vulnerabilities.Count > 0 ? (int)ExitCode.Fail : CommandRunner.GateExitCode(report);
        });
        return command;
    }

    /// <summary>
    /// Upgrades each vulnerable pin in a requirements file to its recommended version. Pins in lockfiles and
    /// pyproject.toml are left to the tool that owns them, and said so.
    /// </summary>
    private static async Task ApplyFixesAsync(ScanReport report, string target, bool dryRun, TextWriter stdout, TextWriter stderr)
    {
        var root = Directory.Exists(target) ? Path.GetFullPath(target) : Path.GetDirectoryName(Path.GetFullPath(target))!;
        var byFile = report.Vulnerabilities
            .Where(v => v.Recommended is not null)
            .GroupBy(v => v.Package.Source.Path, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var file in byFile)
        {
            var first = file.First().Package;
            if (first.Extractor != "python/requirements")
            {
                await stderr.WriteLineAsync($"{file.Key}: not a requirements file; upgrade {string.Join(", ", file.Select(v => $"{v.Package.Name} to {v.Recommended}").Distinct())} with the tool that manages it").ConfigureAwait(false);
                continue;
            }
            var edits = file
                .Where(v => v.Package.Source.Line is not null)
                .Select(v => (Line: v.Package.Source.Line!.Value, v.Package.Name, NewVersion: v.Recommended!))
                .Distinct()
                .ToList();
            var result = PinUpgrade.Apply(Path.Combine(root, file.Key), edits, dryRun);
            if (dryRun)
                await stdout.WriteAsync(result.Diff).ConfigureAwait(false);
            foreach (var note in result.Notes)
                await stderr.WriteLineAsync($"{file.Key}:{note.Line}: {note.Message}").ConfigureAwait(false);
            if (result.Written)
                await stderr.WriteLineAsync($"{file.Key}: {edits.Count} pin(s) upgraded").ConfigureAwait(false);
        }
    }
}
