using System.CommandLine;
using ModelGate.Cli.Rendering;
using ModelGate.Policy;
using ModelGate.Provenance;
using ModelGate.Reporting;
using ModelGate.Reporting.CycloneDx;
using ModelGate.Scanning;

namespace ModelGate.Cli.Commands;

/// <summary>
/// <c>modelgate bom TARGET</c>: the target's CycloneDX ML-BOM; <c>bom audit BOM</c>: a BOM's packages audited like
/// <c>scan</c>; <c>bom diff OLD NEW</c>: what changed between two BOMs (docs/cyclonedx.md).
/// </summary>
internal static class BomCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var target = new Argument<string>("target") { Description = "A project folder, a model snapshot folder, a single manifest or lockfile, or a Hugging Face model as hf://owner/name[@revision]." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the BOM to this file instead of standard output." };
        var specVersion = new Option<string>("--spec-version") { Description = "The CycloneDX specification version to write: 1.6 or 1.7.", DefaultValueFactory = _ => "1.6" };
        specVersion.AcceptOnlyFromAmong("1.6", "1.7");
        var reproducible = new Option<bool>("--reproducible") { Description = "Leave out the timestamp and derive the serial number from the content, so equal inputs give equal bytes." };
        var includeVenvs = new Option<bool>("--include-venvs") { Description = "Also read virtual environments found inside the target folder." };
        var advisories = new AdvisoryOptions();
        var hub = new HubOptions(advisories.Offline);
        var policy = new PolicyOptions(new GateOptions());

        var command = new Command("bom", "Write the target's CycloneDX ML-BOM: packages, models with files and model cards, datasets, vulnerabilities and findings (exit 0 when written, 2 on error).")
        {
            target, output, specVersion, reproducible, includeVenvs,
        };
        advisories.AddTo(command);
        policy.AddTo(command);
        hub.AddTo(command);
        command.Subcommands.Add(BomAuditCommand.Create(stdout, stderr));
        command.Subcommands.Add(BomDiffCommand.Create(stdout, stderr));
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(target)!;
            var spec = CycloneDxSpecVersions.TryParse(parse.GetValue(specVersion), out var parsed) ? parsed : CycloneDxSpecVersion.V1_6;
            try
            {
                var source = hub.Create(parse, path);
                var builder = ScannerBuilder.CreateDefault().UseTargetResolver(new HubTargetResolver(source));
                if (source.Lock is not null && !Provenance.Hub.HubReference.IsHubTarget(path))
                    builder.AddAnalyzer(new Analyzers.LockVerificationAnalyzer(source.Lock, source.LockDisplay!));
                builder.UsePolicy(policy.Resolve(parse, path));
                var scanner = advisories.Configure(builder, parse, sourceFailureIsFinding: true).Build();
                // A BOM names files by their hashes: every model file is hashed.
                var options = advisories.Apply(new ScanOptions { IncludeVirtualEnvironments = parse.GetValue(includeVenvs), HashArtifacts = true }, parse);
                var report = await scanner.ScanAsync(path, options, cancellationToken).ConfigureAwait(false);
                var writer = new CycloneDxReportWriter(spec, parse.GetValue(reproducible));
                var file = parse.GetValue(output);
                await ReportOutput.WriteAsync(report, writer, file, stdout, cancellationToken).ConfigureAwait(false);
                if (file is not null)
                {
                    var models = BomContents.From(report);
                    await stderr.WriteLineAsync(
                        $"CycloneDX {spec.Name()} BOM written to {file}: {models.Packages.Count} packages, {models.Models.Count} models, {report.Vulnerabilities.Count} vulnerabilities, {report.Findings.Count} findings").ConfigureAwait(false);
                }
                return (int)ExitCode.Pass;
            }
            catch (Exception ex) when (ex is ScanTargetException or IOException or UnauthorizedAccessException or Provenance.Locks.LockFileException or PolicyException || Analyzers.VulnerabilityAnalyzer.IsSourceFailure(ex))
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
        });
        return command;
    }
}
