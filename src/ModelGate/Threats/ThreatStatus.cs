namespace ModelGate.Threats;

/// <summary>What the scan can say about one threat to one asset.</summary>
internal enum ThreatStatus
{
    /// <summary>A finding mapped to the threat concerns the asset.</summary>
    Evidence,

    /// <summary>No evidence, and the scan observed a control that counters the threat.</summary>
    Mitigated,

    /// <summary>No evidence and no observed control: the scan cannot tell.</summary>
    NotDetermined,
}
