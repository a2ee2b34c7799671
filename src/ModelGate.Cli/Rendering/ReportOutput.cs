using System.Text;
using ModelGate.Reporting;
using Spectre.Console;

namespace ModelGate.Cli.Rendering;

/// <summary>Sends a report where the user asked (standard output or <c>--output FILE</c>) in the format asked.</summary>
internal static class ReportOutput
{
    public static async Task WriteAsync(ScanReport report, string format, string? outputPath, TextWriter stdout, ReportView view, CancellationToken cancellationToken)
    {
        if (ReportWriters.Find(format) is { } fileWriter)
        {
            await WriteAsync(report, fileWriter, outputPath, stdout, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (outputPath is not null)
        {
            await using var writer = new StreamWriter(outputPath, append: false, new UTF8Encoding(false));
            TableReport.Render(CreateConsole(writer, allowAnsi: false), report, view);
            return;
        }
        TableReport.Render(CreateConsole(stdout, allowAnsi: stdout == Console.Out && !Console.IsOutputRedirected), report, view);
        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a file-format report to <paramref name="outputPath"/>, or to standard output when null.</summary>
    public static async Task WriteAsync(ScanReport report, IReportWriter writer, string? outputPath, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (outputPath is not null)
        {
            await using var file = File.Create(outputPath);
            await writer.WriteAsync(report, file, cancellationToken).ConfigureAwait(false);
            return;
        }
        using var buffer = new MemoryStream();
        await writer.WriteAsync(report, buffer, cancellationToken).ConfigureAwait(false);
        await stdout.WriteAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)).ConfigureAwait(false);
        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Colour only on a terminal, and never when NO_COLOR is set (no-color.org).</summary>
    public static IAnsiConsole CreateConsole(TextWriter writer, bool allowAnsi)
    {
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var ansi = allowAnsi && !noColor;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = ansi ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        if (!ansi || writer != Console.Out)
            console.Profile.Width = 160;
        return console;
    }
}

/// <summary>How much of a report the table shows.</summary>
internal enum ReportView
{
    Inventory,
    Scan,
    Deps,
    Models,

    /// <summary>A snapshot checked against a lock: provenance and findings only.</summary>
    Verify,
}
