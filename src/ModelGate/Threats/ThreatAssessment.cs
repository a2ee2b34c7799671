namespace ModelGate.Threats;

/// <summary>One threat weighed for one asset: its status and why (the rules and counts, the control, or what is missing).</summary>
internal sealed record ThreatAssessment(ThreatEntry Threat, ThreatStatus Status, string Detail);
