using System.CommandLine;

namespace ModelGate.Cli.Commands;

/// <summary>--format and --output of the commands that print a report but take no scan target options.</summary>
internal sealed class OutputOptions
{
    public OutputOptions() => Format.AcceptOnlyFromAmong("table", "json", "markdown", "sarif", "html", "cyclonedx");

    public Option<string> Format { get; } = new("--format", "-f") { Description = "Output format: table, json, markdown, sarif, html or cyclonedx.", DefaultValueFactory = _ => "table" };

    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Write the report to this file instead of standard output." };

    public void AddTo(Command command)
    {
        command.Options.Add(Format);
        command.Options.Add(Output);
    }
}
