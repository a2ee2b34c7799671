namespace ModelGate.Signatures.Sigstore;

/// <summary>Check names of the transparency log steps that <see cref="SigstoreChecks"/> does not define.</summary>
internal static class TransparencyLogChecks
{
    /// <summary>The entry's log ID names no transparency log of the trusted root.</summary>
    public const string UnknownLog = "tlog-unknown-log";

    /// <summary>The integrated time is in the future, or outside the log key's validity in the trusted root.</summary>
    public const string IntegratedTime = "integrated-time";
}
