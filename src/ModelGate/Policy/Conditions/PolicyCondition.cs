namespace ModelGate.Policy.Conditions;

/// <summary>
/// A compiled <c>when</c> condition of a policy rule: a CEL expression over <c>finding</c>, <c>package</c>,
/// <c>artifact</c>, <c>model</c> and <c>card</c> (docs/policy.md lists every field). Compiled once when the
/// policy loads; evaluated per finding. Thread-safe.
/// </summary>
internal sealed class PolicyCondition
{
    private PolicyCondition(string source) => Source = source;

    /// <summary>The expression as written.</summary>
    public string Source { get; }

    /// <summary>Compiles <paramref name="source"/>.</summary>
    /// <exception cref="PolicyConditionException">Syntax error, unknown variable or field, or not a boolean expression.</exception>
    public static PolicyCondition Compile(string source) => throw new NotImplementedException("filled in by the CEL work");

    /// <summary>True when the condition holds for <paramref name="facts"/>.</summary>
    /// <exception cref="PolicyConditionException">The expression failed at run time (for example a type error).</exception>
    public bool Evaluate(PolicyFacts facts) => throw new NotImplementedException("filled in by the CEL work");
}
