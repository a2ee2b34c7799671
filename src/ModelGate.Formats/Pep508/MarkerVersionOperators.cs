namespace ModelGate.Formats.Pep508;

/// <summary>PEP 508: version operators compare with PEP 440 rules when both sides are versions.</summary>
internal static class MarkerVersionOperators
{
    public static bool TryEvaluate(string lhs, string op, string rhs, out bool result)
    {
        // Wired to the PEP 440 specifier once it lands on this branch.
        _ = lhs;
        _ = op;
        _ = rhs;
        result = false;
        return false;
    }
}
