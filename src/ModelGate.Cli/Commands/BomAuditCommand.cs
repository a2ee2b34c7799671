using System.CommandLine;
using ModelGate.Cli.Rendering;
using ModelGate.Formats.CycloneDx;
using ModelGate.Scanning;

namespace ModelGate.Cli.Commands;

/// <summary>
/// <c>modelgate bom audit BOM</c>: a CycloneDX JSON BOM's PyPI and conda packages audited against the advisories and
/// decided by the policy, exactly as <c>scan BOM</c> does (the BOM extractor feeds the same pipeline).
/// </summary>
internal static class BomAuditCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        options.Target.Description = "A CycloneDX JSON BOM (spec 1.4 to 1.7) from ModelGate, cyclonedx-py, syft, Trivy or any other tool.";
        var advisories = new AdvisoryOptions();
        var policy = new PolicyOptions(new GateOptions());
        var command = new Command("audit", "Audit the packages a CycloneDX BOM lists against the advisories and decide pass, warn or fail (exit 0, 0, 1).");
        options.AddTo(command);
        advisories.AddTo(command);
        policy.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = parse.GetValue(options.Target)!;
            if (NotABom(target) is { } problem)
            {
                await stderr.WriteLineAsync($"modelgate: {problem}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
            var report = await CommandRunner.ScanAndReportAsync(
                () => advisories.Configure(ScannerBuilder.CreateDefault().UsePolicy(policy.Resolve(parse, target)), parse, sourceFailureIsFinding: true).Build(),
                options, parse, advisories.Apply(options.ToScanOptions(parse), parse), stdout, stderr, ReportView.Scan, cancellationToken).ConfigureAwait(false);
            return CommandRunner.GateExitCode(report);
        });
        return command;
    }

    /// <summary>Why <paramref name="path"/> cannot be audited as a BOM, or null when it looks like one.</summary>
    internal static string? NotABom(string path)
    {
        if (!File.Exists(path))
            return $"'{path}' is not a file";
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            var prefix = new byte[(int)Math.Min(64 * 1024, stream.Length)];
            stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
            return CycloneDxReader.LooksLikeBom(prefix) ? null : $"{path} is not a CycloneDX JSON BOM (no \"bomFormat\" in a JSON object)";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{path} could not be read: {ex.Message}";
        }
    }
}
