namespace ModelGate.Artifacts;

/// <summary>What the artifact scanner concluded about one model file or archive member.</summary>
public enum ArtifactVerdict
{
    /// <summary>Every part was analysed and nothing outside the safe lists was found.</summary>
    Clean,

    /// <summary>Something outside the allowlist, irregular or code-carrying by design: a person must look.</summary>
    Suspicious,

    /// <summary>Part of the artifact could not be analysed; never read as clean (fail closed).</summary>
    Error,

    /// <summary>A known-dangerous callable, operation or template construct is present.</summary>
    Malicious,
}
