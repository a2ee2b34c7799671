namespace ModelGate.Formats.Pep508;

/// <summary>
/// An environment marker (PEP 508, "Environment Markers"): comparisons joined by <c>and</c> / <c>or</c>,
/// with parentheses. <c>and</c> binds tighter than <c>or</c>.
/// </summary>
public abstract class MarkerExpression
{
    private protected MarkerExpression()
    {
    }

    /// <summary>Evaluates the marker; variables missing from the environment compare as empty strings.</summary>
    public abstract bool Evaluate(MarkerEnvironment environment);

    /// <summary>Every variable name the marker mentions, e.g. <c>python_version</c>.</summary>
    public abstract IEnumerable<string> Variables { get; }
}

/// <summary><c>left and right</c>.</summary>
public sealed class MarkerAnd : MarkerExpression
{
    internal MarkerAnd(MarkerExpression left, MarkerExpression right)
    {
        Left = left;
        Right = right;
    }

    public MarkerExpression Left { get; }

    public MarkerExpression Right { get; }

    public override bool Evaluate(MarkerEnvironment environment) => Left.Evaluate(environment) && Right.Evaluate(environment);

    public override IEnumerable<string> Variables => Left.Variables.Concat(Right.Variables);

    public override string ToString() => $"({Left} and {Right})";
}

/// <summary><c>left or right</c>.</summary>
public sealed class MarkerOr : MarkerExpression
{
    internal MarkerOr(MarkerExpression left, MarkerExpression right)
    {
        Left = left;
        Right = right;
    }

    public MarkerExpression Left { get; }

    public MarkerExpression Right { get; }

    public override bool Evaluate(MarkerEnvironment environment) => Left.Evaluate(environment) || Right.Evaluate(environment);

    public override IEnumerable<string> Variables => Left.Variables.Concat(Right.Variables);

    public override string ToString() => $"({Left} or {Right})";
}
