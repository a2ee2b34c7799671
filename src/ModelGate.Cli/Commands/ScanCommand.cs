using System.CommandLine;
using ModelGate.Cli.Rendering;
using ModelGate.Policy;
using ModelGate.Provenance;
using ModelGate.Reporting;
using ModelGate.Scanning;

namespace ModelGate.Cli.Commands;

/// <summary><c>modelgate scan TARGET</c>: the whole pipeline and the gate decision.</summary>
internal static class ScanCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        var advisories = new AdvisoryOptions();
        var hub = new HubOptions(advisories.Offline);
        var policy = new PolicyOptions(new GateOptions());
        var signatures = new SignatureOptions();
        var command = new Command("scan", "Run every check on a target and decide pass, warn or fail (exit 0, 0, 1).");
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
            return CommandRunner.GateExitCode(report);
        });
        return command;
    }

    /// <summary>The scanner of <c>scan</c>: Hub targets, the lock (for a local folder too), advisories, and the policy.</summary>
    internal static Scanner BuildScanner(ParseResult parse, CommonOptions options, AdvisoryOptions advisories, HubOptions hub, GatePolicy policy, SignatureOptions? signatures = null) =>
        Configure(parse, options, advisories, hub, policy, signatures).Builder.Build();

    /// <summary>
    /// The builder behind <see cref="BuildScanner"/>, for commands that run the scan and add to it (<c>assess</c>);
    /// <paramref name="lockInParentFolder"/> also looks for modelgate.lock.json beside the target's folder.
    /// </summary>
    internal static (ScannerBuilder Builder, HubSourceOptions Source) Configure(ParseResult parse, CommonOptions options, AdvisoryOptions advisories, HubOptions hub, GatePolicy policy, SignatureOptions? signatures, bool lockInParentFolder = false)
    {
        var target = parse.GetValue(options.Target)!;
        var source = hub.Create(parse, target, parentFolderToo: lockInParentFolder);
        var builder = ScannerBuilder.CreateDefault().UseTargetResolver(new HubTargetResolver(source));
        // A local folder is checked against the lock too: vendored snapshots are matched by the commit they record.
        if (source.Lock is not null && !Provenance.Hub.HubReference.IsHubTarget(target))
            builder.AddAnalyzer(new Analyzers.LockVerificationAnalyzer(source.Lock, source.LockDisplay!));
        if (signatures is not null)
            builder.UseModelSigningTrust(signatures.Resolve(parse));
        builder.UsePolicy(policy);
        return (advisories.Configure(builder, parse, sourceFailureIsFinding: true), source);
    }
}
