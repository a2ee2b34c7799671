using ModelGate.Cli;

// `modelgate --version` is what scripts call to probe for the tool: answer it before building the
// command tree, and from a constant, so start-up stays near the Native AOT process floor.
if (args is ["--version"])
{
    Console.Out.WriteLine(ProductVersion.Value);
    return 0;
}

return await CliApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
