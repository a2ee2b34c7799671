using System.CommandLine;
using ModelGate.Cli.Rendering;
using ModelGate.Scanning;

namespace ModelGate.Cli.Commands;

/// <summary><c>modelgate inventory TARGET</c>: what the target declares, without judging it.</summary>
internal static class InventoryCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        var hub = new HubOptions();
        var command = new Command("inventory", "List the packages, constraints and model files a target declares, with file and line.");
        options.AddTo(command);
        hub.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var report = await CommandRunner.ScanAndReportAsync(() => ScannerBuilder.CreateForInventory().UseTargetResolver(new Provenance.HubTargetResolver(hub.Create(parse, parse.GetValue(options.Target)))).Build(), options, parse, options.ToScanOptions(parse), stdout, stderr, ReportView.Inventory, cancellationToken).ConfigureAwait(false);
            return report is null ? (int)ExitCode.Error : (int)ExitCode.Pass;
        });
        return command;
    }
}
