using ModelGate.Findings;

namespace ModelGate.Policy;

/// <summary>The policy applied to one report: the decision, and the findings the policy itself raised (MG5001–MG5003).</summary>
internal sealed record PolicyEvaluation(PolicyDecision Decision, IReadOnlyList<Finding> PolicyFindings);
