using System.CommandLine;
using ModelGate.Cli.Rendering;
using ModelGate.Policy;
using ModelGate.Scanning;
using Spectre.Console;

namespace ModelGate.Cli.Commands;

/// <summary>Runs a scanner on the target and turns the outcome into output and an exit code.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(Scanner scanner, CommonOptions options, ParseResult parse, TextWriter stdout, TextWriter stderr, ReportView view, CancellationToken cancellationToken)
    {
        var target = parse.GetValue(options.Target)!;
        var format = parse.GetValue(options.Format) ?? "table";
        var output = parse.GetValue(options.Output);
        try
        {
            var scanOptions = options.ToScanOptions(parse);
            var report = await WithProgressAsync(stderr, $"Scanning {target}", () => scanner.ScanAsync(target, scanOptions, cancellationToken)).ConfigureAwait(false);
            await ReportOutput.WriteAsync(report, format, output, stdout, view, cancellationToken).ConfigureAwait(false);
            if (output is not null && view == ReportView.Scan)
                await stderr.WriteLineAsync($"Decision: {report.Decision.Verdict.ToString().ToUpperInvariant()} (report written to {output})").ConfigureAwait(false);
            return view == ReportView.Scan && report.Decision.Verdict == Verdict.Fail ? (int)ExitCode.Fail : (int)ExitCode.Pass;
        }
        catch (ScanTargetException ex)
        {
            await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
            return (int)ExitCode.Error;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
            return (int)ExitCode.Error;
        }
    }

    /// <summary>A spinner on standard error, only when it is a terminal: never in CI logs or piped output.</summary>
    private static async Task<T> WithProgressAsync<T>(TextWriter stderr, string status, Func<Task<T>> work)
    {
        if (stderr != Console.Error || Console.IsErrorRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            return await work().ConfigureAwait(false);
        var console = ReportOutput.CreateConsole(Console.Error, allowAnsi: true);
        return await console.Status().StartAsync(Markup.Escape(status), _ => work()).ConfigureAwait(false);
    }
}
