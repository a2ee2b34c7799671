namespace ModelGate.Policy.Conditions;

/// <summary>A <c>when</c> condition that does not compile, or fails when evaluated. The message says why.</summary>
internal sealed class PolicyConditionException : Exception
{
    public PolicyConditionException()
    {
    }

    public PolicyConditionException(string message)
        : base(message)
    {
    }

    public PolicyConditionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
