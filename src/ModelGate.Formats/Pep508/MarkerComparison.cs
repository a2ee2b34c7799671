namespace ModelGate.Formats.Pep508;

/// <summary>
/// One marker comparison, <c>left op right</c>, where each side is a variable or a quoted string.
/// </summary>
public sealed class MarkerComparison : MarkerExpression
{
    internal MarkerComparison(MarkerValue left, string op, MarkerValue right)
    {
        Left = left;
        Operator = op;
        Right = right;
    }

    public MarkerValue Left { get; }

    /// <summary>One of <c>&lt; &lt;= != == &gt;= &gt; ~= === in</c>, or <c>not in</c>.</summary>
    public string Operator { get; }

    public MarkerValue Right { get; }

    public override IEnumerable<string> Variables =>
        new[] { Left, Right }.Where(v => v.IsVariable).Select(v => v.Text);

    /// <summary>
    /// PEP 508: a version operator is evaluated with PEP 440 rules when both sides are versions;
    /// otherwise Python string comparison applies. <c>extra</c> values compare after PEP 685 normalization.
    /// </summary>
    public override bool Evaluate(MarkerEnvironment environment)
    {
        var lhs = Resolve(Left, environment);
        var rhs = Resolve(Right, environment);
        if (IsExtraComparison)
        {
            lhs = NormalizeExtra(lhs);
            rhs = NormalizeExtra(rhs);
        }

        switch (Operator)
        {
            case "in":
                return rhs.Contains(lhs, StringComparison.Ordinal);
            case "not in":
                return !rhs.Contains(lhs, StringComparison.Ordinal);
        }

        if (MarkerVersionOperators.TryEvaluate(lhs, Operator, rhs, out var byVersion))
            return byVersion;

        var order = string.CompareOrdinal(lhs, rhs);
        return Operator switch
        {
            "==" or "===" => order == 0,
            "!=" => order != 0,
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            ">=" => order >= 0,
            // "~=" needs versions on both sides; PEP 508 leaves other cases undefined, and the
            // reference implementation raises. Undefined means "does not hold".
            _ => false,
        };
    }

    public override string ToString() => $"{Left} {Operator} {Right}";

    private bool IsExtraComparison =>
        (Left.IsVariable && Left.Text == "extra") || (Right.IsVariable && Right.Text == "extra");

    private static string Resolve(MarkerValue value, MarkerEnvironment environment) =>
        value.IsVariable ? environment.Get(value.Text) : value.Text;

    // PEP 685: extras compare after the same normalization as distribution names.
    private static string NormalizeExtra(string value) => PackageName.Normalize(value);
}

/// <summary>A marker operand: an environment variable name or a string literal.</summary>
public readonly record struct MarkerValue(string Text, bool IsVariable)
{
    public override string ToString() => IsVariable ? Text : $"\"{Text}\"";
}
