namespace ModelGate.Policy;

/// <summary>The gate's answer. Ordered so that the worst of several verdicts is the maximum.</summary>
public enum Verdict
{
    Pass,
    Warn,
    Fail,
}
