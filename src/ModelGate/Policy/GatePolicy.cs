using ModelGate.Findings;

namespace ModelGate.Policy;

/// <summary>
/// Severity thresholds: a finding at or above <see cref="FailAt"/> fails the gate, one at or above
/// <see cref="WarnAt"/> warns. Inputs that could not be analysed (parse-error findings) count like any
/// other finding at their severity, which is high by default: the gate fails closed.
/// </summary>
public sealed record GatePolicy(Severity FailAt, Severity WarnAt)
{
    /// <summary>Fail on high and critical, warn on medium.</summary>
    public static GatePolicy Default { get; } = new(Severity.High, Severity.Medium);

    public PolicyDecision Decide(IReadOnlyList<Finding> findings)
    {
        var failing = findings.Where(f => f.Severity >= FailAt).ToList();
        var warning = findings.Where(f => f.Severity >= WarnAt && f.Severity < FailAt).ToList();
        if (failing.Count > 0)
            return new PolicyDecision(Verdict.Fail, Summarize(failing, $"at or above {Name(FailAt)}", "fail"));
        if (warning.Count > 0)
            return new PolicyDecision(Verdict.Warn, Summarize(warning, $"at or above {Name(WarnAt)}", "warn"));
        return new PolicyDecision(Verdict.Pass, [findings.Count == 0 ? "no findings" : $"no finding at or above {Name(WarnAt)}"]);
    }

    private static List<string> Summarize(List<Finding> findings, string threshold, string action) =>
        findings
            .GroupBy(f => f.Rule.Id, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.First().Rule.Title.ToLowerInvariant()} finding(s) ({g.Key}) {threshold}: {action}")
            .ToList();

    internal static string Name(Severity severity) => severity.ToString().ToLowerInvariant();
}
