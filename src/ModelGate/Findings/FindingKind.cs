namespace ModelGate.Findings;

/// <summary>The families of findings; policy thresholds are set per kind.</summary>
public enum FindingKind
{
    Vulnerability,
    Artifact,
    Provenance,
    License,
    Card,
    Hygiene,
    ParseError,
}
