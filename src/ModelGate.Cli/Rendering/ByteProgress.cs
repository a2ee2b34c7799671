using Spectre.Console;

namespace ModelGate.Cli.Rendering;

/// <summary>
/// A progress bar for work measured in bytes (hashing, downloading) on standard error: bytes done, throughput,
/// time left. Only when standard error is a terminal and not in CI, so logs and pipes never get escape codes.
/// </summary>
internal static class ByteProgress
{
    /// <summary>
    /// Runs <paramref name="work"/>, giving it a callback for bytes done and one for the total once it is known
    /// (both null when no bar is shown). Until the total is known the bar is indeterminate.
    /// </summary>
    public static async Task<T> RunAsync<T>(TextWriter stderr, string description, Func<Action<long>?, Action<long>?, Task<T>> work)
    {
        if (!IsInteractive(stderr))
            return await work(null, null).ConfigureAwait(false);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(Console.Error),
            Interactive = InteractionSupport.Yes,
        });
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(description));
                task.IsIndeterminate = true;
                return await work(
                    bytes => task.Increment(bytes),
                    total =>
                    {
                        task.MaxValue = Math.Max(1, total);
                        task.IsIndeterminate = false;
                    }).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    /// <summary>True when standard error is a terminal a person watches (not redirected, not CI, not a test's writer).</summary>
    public static bool IsInteractive(TextWriter stderr) =>
        stderr == Console.Error && !Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
}
