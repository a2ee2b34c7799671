namespace ModelGate.Findings;

/// <summary>A mapping of a finding onto a threat taxonomy: OWASP ML Top 10, MITRE ATLAS or CWE.</summary>
public sealed record ThreatReference(string Taxonomy, string Id, string Name);
