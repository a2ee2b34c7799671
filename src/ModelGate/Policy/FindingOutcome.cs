namespace ModelGate.Policy;

/// <summary>The policy's decision on one finding and what made it, e.g. "threshold vulnerability: fail at high", "rule high-cvss-direct", "waiver PYSEC-2023-74".</summary>
/// <param name="Fingerprint">The finding's <see cref="Findings.Finding.Fingerprint"/>.</param>
/// <param name="Action">What the finding does to the verdict.</param>
/// <param name="By">The threshold, rule or waiver that decided, as a person reads it.</param>
public sealed record FindingOutcome(string Fingerprint, FindingAction Action, string By)
{
    /// <summary>The rule's message, or the waiver's reason, when one decided.</summary>
    public string? Message { get; init; }
}
