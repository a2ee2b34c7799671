using System.CommandLine;
using ModelGate.Advisories;
using ModelGate.Advisories.Database;
using ModelGate.Analyzers;
using ModelGate.Cli.Rendering;
using ModelGate.Policy;
using ModelGate.Reporting;
using ModelGate.Scanning;
using Spectre.Console;

namespace ModelGate.Cli.Commands;

/// <summary>Runs a scanner on the target, writes the report, and maps what went wrong to exit code 2.</summary>
internal static class CommandRunner
{
    /// <summary>The report, or null after an error that was already printed (exit 2).</summary>
    public static async Task<ScanReport?> ScanAndReportAsync(Func<Scanner> buildScanner, CommonOptions options, ParseResult parse, ScanOptions scanOptions, TextWriter stdout, TextWriter stderr, ReportView view, CancellationToken cancellationToken)
    {
        var target = parse.GetValue(options.Target)!;
        var format = parse.GetValue(options.Format) ?? "table";
        var output = parse.GetValue(options.Output);
        try
        {
            var scanner = buildScanner();
            var report = await WithProgressAsync(stderr, $"Scanning {target}", () => scanner.ScanAsync(target, scanOptions, cancellationToken)).ConfigureAwait(false);
            await ReportOutput.WriteAsync(report, format, output, stdout, view, cancellationToken).ConfigureAwait(false);
            if (output is not null && view != ReportView.Inventory)
                await stderr.WriteLineAsync($"Decision: {report.Decision.Verdict.ToString().ToUpperInvariant()} (report written to {output})").ConfigureAwait(false);
            return report;
        }
        catch (Exception ex) when (ex is ScanTargetException or IOException or UnauthorizedAccessException or Provenance.Locks.LockFileException or PolicyException || VulnerabilityAnalyzer.IsSourceFailure(ex))
        {
            await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>The gate's exit code: 1 on a fail decision, else 0; 2 when there is no report.</summary>
    public static int GateExitCode(ScanReport? report) =>
        report is null ? (int)ExitCode.Error : report.Decision.Verdict == Verdict.Fail ? (int)ExitCode.Fail : (int)ExitCode.Pass;

    /// <summary>A spinner on standard error, only when it is a terminal: never in CI logs or piped output.</summary>
    private static async Task<T> WithProgressAsync<T>(TextWriter stderr, string status, Func<Task<T>> work)
    {
        if (stderr != Console.Error || Console.IsErrorRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            return await work().ConfigureAwait(false);
        var console = ReportOutput.CreateConsole(Console.Error, allowAnsi: true);
        return await console.Status().StartAsync(Markup.Escape(status), _ => work()).ConfigureAwait(false);
    }
}
