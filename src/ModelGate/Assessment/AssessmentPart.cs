namespace ModelGate.Assessment;

/// <summary>One of the four parts of an assessment: its verdict, the facts behind it, and what to do.</summary>
public sealed record AssessmentPart(AssessmentVerdict Verdict, IReadOnlyList<string> Evidence, IReadOnlyList<string> Recommendations);
