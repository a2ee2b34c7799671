using System.CommandLine;
using ModelGate.Cli.Commands;

namespace ModelGate.Cli;

/// <summary>
/// Builds the command tree and runs it. The only place that knows exit codes; everything below returns
/// values. Parse errors are usage errors (exit 2), not System.CommandLine's default 1, which means "fail" here.
/// </summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("ModelGate: a security gate for machine-learning models and the Python code they run with.")
        {
            InventoryCommand.Create(stdout, stderr),
            ScanCommand.Create(stdout, stderr),
            BomCommand.Create(stdout, stderr),
            AssessCommand.Create(stdout, stderr),
            ModelCommand.Create(stdout, stderr),
            DepsCommand.Create(stdout, stderr),
            DbCommand.Create(stdout, stderr),
            LockCommand.Create(stdout, stderr),
            VerifyCommand.Create(stdout, stderr),
            ModelSigningCommand.Create(stdout, stderr),
            PullCommand.Create(stdout, stderr),
            HashCommand.Create(stdout, stderr),
            PolicyCommand.Create(stdout, stderr),
            ThreatsCommand.Create(stdout, stderr),
            SigstoreCommand.Create(stdout, stderr),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                await stderr.WriteLineAsync($"modelgate: {error.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync("Run 'modelgate --help' for usage.").ConfigureAwait(false);
            return (int)ExitCode.Error;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("modelgate: cancelled").ConfigureAwait(false);
            return (int)ExitCode.Error;
        }
        catch (Exception ex)
        {
            // The one catch-all: a bug must still end with a message and exit 2, never a stack dump as the only output.
            await stderr.WriteLineAsync($"modelgate: internal error: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            return (int)ExitCode.Error;
        }
    }
}
