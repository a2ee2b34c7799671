namespace ModelGate.Policy;

/// <summary>The verdict and the reasons for it, each naming the findings that led there.</summary>
public sealed record PolicyDecision(Verdict Verdict, IReadOnlyList<string> Reasons)
{
    /// <summary>Where the policy came from: a file path as given, or "built-in default".</summary>
    public string Policy { get; init; } = "built-in default";

    /// <summary>Every waiver of the policy with its status, in policy order.</summary>
    public IReadOnlyList<WaiverOutcome> Waivers { get; init; } = [];

    /// <summary>The decision on each finding, in the report's finding order.</summary>
    public IReadOnlyList<FindingOutcome> Outcomes { get; init; } = [];
}
