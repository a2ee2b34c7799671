namespace ModelGate.Policy;

/// <summary>
/// A policy file that cannot be used, or a rule that failed while it was applied. The message reads
/// "FILE:LINE:COLUMN: reason" so editors and CI logs link to the spot. The policy is never half-applied.
/// </summary>
public sealed class PolicyException : Exception
{
    public PolicyException()
    {
    }

    public PolicyException(string message)
        : base(message)
    {
    }

    public PolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static PolicyException At(string file, int line, int column, string reason) =>
        new($"{file}:{line}:{column}: {reason}");
}
