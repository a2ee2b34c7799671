using System.CommandLine;
using ModelGate.Formats.Pep508;
using ModelGate.Scanning;

namespace ModelGate.Cli.Commands;

/// <summary>The options every command that reads a target shares.</summary>
internal sealed class CommonOptions
{
    public Argument<string> Target { get; } = new("target") { Description = "A project folder, a single manifest or lockfile, an installed environment (site-packages or a virtual environment), or a Hugging Face model as hf://owner/name[@revision]." };

    public Option<string> Format { get; } = new("--format", "-f") { Description = "Output format: table, json, markdown, sarif, html or cyclonedx.", DefaultValueFactory = _ => "table" };

    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Write the report to this file instead of standard output." };

    public Option<bool> IncludeVenvs { get; } = new("--include-venvs") { Description = "Also read virtual environments found inside the target folder." };

    public Option<string?> PythonVersion { get; } = new("--python-version") { Description = "Evaluate environment markers for this Python version (X.Y or X.Y.Z); excluded entries are listed as skipped." };

    public Option<string?> Platform { get; } = new("--platform") { Description = "Evaluate environment markers for this platform: linux, darwin or win32." };

    public Option<bool> Hash { get; } = new("--hash") { Description = "Compute each model file's SHA-256 (reads every model file whole)." };

    public CommonOptions()
    {
        Format.AcceptOnlyFromAmong("table", "json", "markdown", "sarif", "html", "cyclonedx");
        Platform.AcceptOnlyFromAmong("linux", "darwin", "win32");
        PythonVersion.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !IsPythonVersion(value))
                result.AddError($"--python-version must look like 3.11 or 3.11.4, not '{value}'");
        });
    }

    public void AddTo(Command command)
    {
        command.Arguments.Add(Target);
        command.Options.Add(Format);
        command.Options.Add(Output);
        command.Options.Add(IncludeVenvs);
        command.Options.Add(PythonVersion);
        command.Options.Add(Platform);
        command.Options.Add(Hash);
    }

    public ScanOptions ToScanOptions(ParseResult parse)
    {
        var python = parse.GetValue(PythonVersion);
        var platform = parse.GetValue(Platform);
        var hasEnvironment = python is not null || platform is not null;
        return new ScanOptions
        {
            IncludeVirtualEnvironments = parse.GetValue(IncludeVenvs),
            HashArtifacts = parse.GetValue(Hash),
            TargetEnvironment = hasEnvironment ? MarkerEnvironment.For(python, platform) : null,
            TargetEnvironmentDescription = hasEnvironment ? Describe(python, platform) : null,
        };
    }

    private static string Describe(string? python, string? platform) => (python, platform) switch
    {
        (not null, not null) => $"python {python} on {platform}",
        (not null, null) => $"python {python}",
        _ => $"{platform}",
    };

    private static bool IsPythonVersion(string value)
    {
        var parts = value.Split('.');
        return parts.Length is 2 or 3 && parts.All(p => p.Length is > 0 and <= 4 && p.All(char.IsAsciiDigit));
    }
}
