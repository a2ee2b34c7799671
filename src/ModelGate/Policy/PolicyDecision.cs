namespace ModelGate.Policy;

/// <summary>The verdict and the reasons for it, each naming the findings that led there.</summary>
public sealed record PolicyDecision(Verdict Verdict, IReadOnlyList<string> Reasons);
