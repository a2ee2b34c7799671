using ModelGate.Findings;
using ModelGate.Policy;

namespace ModelGate.Reporting;

/// <summary>
/// Pairs each finding of a report with the policy's outcome for it. Outcomes are in finding order, but a
/// report assembled by hand (or combined from several scans) may not line up, so pairing falls back to the
/// fingerprint, taking outcomes of equal fingerprints in order.
/// </summary>
internal static class ReportOutcomes
{
    public static FindingOutcome?[] Align(ScanReport report)
    {
        var findings = report.Findings;
        var outcomes = report.Decision.Outcomes;
        var aligned = new FindingOutcome?[findings.Count];
        if (outcomes.Count == 0)
            return aligned;
        if (outcomes.Count == findings.Count && Enumerable.Range(0, findings.Count).All(i => outcomes[i].Fingerprint == findings[i].Fingerprint))
        {
            for (var i = 0; i < findings.Count; i++)
                aligned[i] = outcomes[i];
            return aligned;
        }
        var byFingerprint = outcomes
            .GroupBy(o => o.Fingerprint, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Queue<FindingOutcome>(g), StringComparer.Ordinal);
        for (var i = 0; i < findings.Count; i++)
        {
            if (byFingerprint.TryGetValue(findings[i].Fingerprint, out var queue) && queue.Count > 0)
                aligned[i] = queue.Dequeue();
        }
        return aligned;
    }

    /// <summary>The action to show: the policy's, or without one the default thresholds' reading of the severity.</summary>
    public static FindingAction ActionOf(Finding finding, FindingOutcome? outcome) =>
        outcome?.Action ?? (finding.Severity >= GatePolicy.Default.FailAt ? FindingAction.Fail
            : finding.Severity >= GatePolicy.Default.WarnAt ? FindingAction.Warn
            : FindingAction.Pass);
}
