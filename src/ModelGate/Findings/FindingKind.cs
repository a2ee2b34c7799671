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

    /// <summary>About the policy itself: expired or stale waivers, files the policy's lists forbid.</summary>
    Policy,
}
