using ModelGate.Findings;

namespace ModelGate.Analyzers;

/// <summary>
/// Turns every diagnostic about an input (a line that did not parse, a file too large to read) into a
/// finding, so that the gate fails closed: what ModelGate could not read is not "clean".
/// </summary>
internal sealed class InputDiagnosticsAnalyzer : IAnalyzer
{
    public string Name => "core/input-diagnostics";

    public IReadOnlyList<Rule> Rules { get; } =
    [
        Findings.Rules.ParseError, Findings.Rules.UnreadableInput, Findings.Rules.InputLimitExceeded,
        Findings.Rules.IncludeNotFound, Findings.Rules.IncludeCycle, Findings.Rules.UnsupportedInput,
        Findings.Rules.ReaderFailure,
    ];

    public ValueTask AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken)
    {
        foreach (var diagnostic in context.Inventory.Diagnostics)
        {
            var rule = Findings.Rules.Find(diagnostic.RuleId) ?? Findings.Rules.ParseError;
            context.Report(new Finding
            {
                Rule = rule,
                Severity = rule.DefaultSeverity,
                Title = rule.Title,
                Message = diagnostic.Message,
                Location = diagnostic.Location,
                Discriminator = diagnostic.Message,
                Remediation = "Fix the input so it can be read, or waive this finding in the policy if the file is not part of what you ship.",
            });
        }
        return ValueTask.CompletedTask;
    }
}
