using System.CommandLine;
using ModelGate.Policy;
using ModelGate.Reporting;

namespace ModelGate.Cli.Commands;

/// <summary>--fail-on, shared by every command that decides pass, warn or fail.</summary>
internal sealed class GateOptions
{
    public GateOptions(string failOnDescription = "Fail when any finding is at or above this severity: critical, high, medium, low or info (default: high).")
    {
        FailOn = new Option<string?>("--fail-on") { Description = failOnDescription };
        FailOn.AcceptOnlyFromAmong("critical", "high", "medium", "low", "info");
    }

    public Option<string?> FailOn { get; }

    /// <summary>
    /// The policy: the default, or one failing at the --fail-on severity. Warning stays at the default's level
    /// unless the new failing threshold is lower.
    /// </summary>
    public GatePolicy Policy(ParseResult parse) =>
        ReportNames.TryParseSeverity(parse.GetValue(FailOn), out var threshold)
            ? new GatePolicy(threshold, threshold <= GatePolicy.Default.WarnAt ? threshold : GatePolicy.Default.WarnAt)
            : GatePolicy.Default;
}
