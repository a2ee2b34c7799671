using System.Reflection;
using ModelGate.Cli;

// `modelgate --version` is what scripts call to probe for the tool: answer it before building the
// command tree, so that start-up stays near the process-creation floor under Native AOT.
if (args is ["--version"])
{
    Console.Out.WriteLine(typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
    return 0;
}

return await CliApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
