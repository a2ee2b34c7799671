using System.CommandLine;

namespace ModelGate.Cli.Commands;

/// <summary>--fail-on, shared by every command that decides pass, warn or fail (<see cref="PolicyOptions"/> applies it).</summary>
internal sealed class GateOptions
{
    public GateOptions(string failOnDescription = "Fail when any finding is at or above this severity, whatever the policy's thresholds: critical, high, medium, low or info.")
    {
        FailOn = new Option<string?>("--fail-on") { Description = failOnDescription };
        FailOn.AcceptOnlyFromAmong("critical", "high", "medium", "low", "info");
    }

    public Option<string?> FailOn { get; }
}
