using System.CommandLine;
using ModelGate.Assessment;
using ModelGate.Cli.Rendering;
using ModelGate.Policy;
using ModelGate.Provenance;
using ModelGate.Reporting;
using ModelGate.Scanning;

namespace ModelGate.Cli.Commands;

/// <summary>
/// <c>modelgate assess TARGET</c>: the four-part assessment of one model (provenance, licensing, technical
/// security, operational risk) on top of the scan. The lock is --lock, else modelgate.lock.json in the target
/// folder, else in its parent (a snapshot kept inside a project), else ./modelgate.lock.json for hf:// targets.
/// </summary>
internal static class AssessCommand
{
    private static readonly string[] Formats = ["markdown", "json", "html"];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        options.Format.Description = "Output format: markdown (default), json or html.";
        options.Format.DefaultValueFactory = _ => "markdown";
        options.Format.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !Formats.Contains(value))
                result.AddError($"assess writes markdown, json or html, not '{value}'");
        });
        var advisories = new AdvisoryOptions();
        var hub = new HubOptions(advisories.Offline);
        var policy = new PolicyOptions(new GateOptions());
        var signatures = new SignatureOptions();
        var command = new Command("assess", "Assess one model (a local snapshot folder or hf://owner/name[@revision]): provenance, licence, technical security and operational risk, with evidence. Exit 1 when the assessment or the gate fails.");
        options.AddTo(command);
        advisories.AddTo(command);
        policy.AddTo(command);
        hub.AddTo(command);
        signatures.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var report = await CommandRunner.ScanAndReportAsync(
                () => BuildScanner(parse, options, advisories, hub, policy.Resolve(parse, parse.GetValue(options.Target)!), signatures),
                options, parse, advisories.Apply(options.ToScanOptions(parse), parse), stdout, stderr, ReportView.Scan, cancellationToken).ConfigureAwait(false);
            return ExitCodeOf(report);
        });
        return command;
    }

    /// <summary>1 when the gate fails or the assessment fails; 2 when there is no report.</summary>
    internal static int ExitCodeOf(ScanReport? report) =>
        report?.Assessment?.Verdict == AssessmentVerdict.Fail ? (int)ExitCode.Fail : CommandRunner.GateExitCode(report);

    private static Scanner BuildScanner(ParseResult parse, CommonOptions options, AdvisoryOptions advisories, HubOptions hub, GatePolicy policy, SignatureOptions signatures)
    {
        var (builder, source) = ScanCommand.Configure(parse, options, advisories, hub, policy, signatures, lockInParentFolder: true);
        builder.AddExtractor(new Cards.ModelConfigPackageExtractor());
        var lists = policy.Document.Lists;
        // Last: it reads what every other analyzer found.
        builder.AddAnalyzer(new AssessmentAnalyzer(new AssessmentSettings
        {
            AllowedLicenses = lists.AllowedLicenses,
            DeniedLicenses = lists.DeniedLicenses,
            TrustedOrganizations = [.. source.TrustedOrganizations.Concat(lists.TrustedOrganizations).Distinct(StringComparer.OrdinalIgnoreCase)],
        }));
        return builder.Build();
    }
}
