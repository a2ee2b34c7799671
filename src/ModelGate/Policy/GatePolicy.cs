using System.Collections.Immutable;
using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Reporting;

namespace ModelGate.Policy;

/// <summary>
/// The gate: a policy (docs/policy.md) applied to a report. Built from the severity pair of the constructor
/// (the same thresholds for every kind, nothing else), or from a policy file with <see cref="From"/>.
/// Inputs that could not be analysed (parse-error findings) count like any other finding at their severity,
/// which is high by default: the gate fails closed.
/// </summary>
/// <param name="FailAt">A finding at or above it fails (for a policy file: its default threshold, critical when "none").</param>
/// <param name="WarnAt">A finding at or above it warns.</param>
public sealed record GatePolicy(Severity FailAt, Severity WarnAt)
{
    /// <summary>How reports name the built-in policy.</summary>
    internal const string BuiltInDefault = "built-in default";

    private PolicyDocument? _document;

    /// <summary>Fail on high and critical, warn on medium: the built-in default policy.</summary>
    public static GatePolicy Default { get; } = new(Severity.High, Severity.Medium);

    /// <summary>The policy file as loaded, or the uniform thresholds of the constructor.</summary>
    internal PolicyDocument Document
    {
        get => _document ?? PolicyDocument.Uniform(FailAt, WarnAt);
        init => _document = value;
    }

    /// <summary>Where the policy came from, as reports show it: a path as given, or "built-in default".</summary>
    internal string Display { get; init; } = BuiltInDefault;

    /// <summary>The clock waiver expiry is judged by (UTC date).</summary>
    internal TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>A gate applying <paramref name="document"/>, shown as <paramref name="display"/> in reports and messages.</summary>
    internal static GatePolicy From(PolicyDocument document, string display)
    {
        var defaults = document.Default;
        return new GatePolicy(defaults.Fail ?? Severity.Critical, defaults.Warn ?? defaults.Fail ?? Severity.Critical)
        {
            Document = document,
            Display = display,
        };
    }

    /// <summary>The same policy with every kind failing at <paramref name="threshold"/> (<c>--fail-on</c>).</summary>
    public GatePolicy WithFailOn(Severity threshold)
    {
        var document = Document;
        return this with
        {
            FailAt = threshold,
            WarnAt = threshold <= WarnAt ? threshold : WarnAt,
            Document = document with
            {
                Thresholds = document.Thresholds.ToImmutableDictionary(t => t.Key, t => t.Value with { Fail = threshold }),
                Default = document.Default with { Fail = threshold },
            },
            Display = $"{Display} (--fail-on {Name(threshold)})",
        };
    }

    /// <summary>The same policy judging waiver expiry by <paramref name="time"/>.</summary>
    internal GatePolicy WithTime(TimeProvider time) => this with { Time = time };

    /// <summary>The decision on <paramref name="report"/>, and the findings the policy raised (expired or stale waivers, disallowed formats).</summary>
    /// <exception cref="PolicyException">A rule's condition failed at run time.</exception>
    internal PolicyEvaluation Evaluate(ScanReport report) => PolicyEvaluator.Evaluate(this, report);

    /// <summary><paramref name="report"/> with the policy's findings in place (earlier ones replaced) and the decision set.</summary>
    /// <exception cref="PolicyException">A rule's condition failed at run time.</exception>
    internal ScanReport Apply(ScanReport report)
    {
        var evaluation = Evaluate(report);
        var findings = report.Findings.Where(f => !PolicyEvaluator.IsPolicyFinding(f.Rule))
            .Concat(evaluation.PolicyFindings)
            .Order(FindingOrder.Instance)
            .ToList();
        return report with { Findings = findings, Decision = evaluation.Decision };
    }

    /// <summary>The decision on findings without a full report (no inventory, artifacts or vulnerabilities).</summary>
    public PolicyDecision Decide(IReadOnlyList<Finding> findings) =>
        Evaluate(new ScanReport
        {
            Tool = ToolInfo.Current,
            Target = "",
            Inventory = new ScanInventory(),
            Findings = findings,
            Decision = new PolicyDecision(Verdict.Pass, []),
            Timestamp = Time.GetUtcNow(),
        }).Decision;

    internal static string Name(Severity severity) => severity.ToString().ToLowerInvariant();
}
