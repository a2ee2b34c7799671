using ModelGate.Formats.Pep440;

namespace ModelGate.Formats.Pep508;

/// <summary>
/// PEP 508, "Environment Markers": a comparison is a version comparison when the operator and the
/// right-hand side form a valid PEP 440 specifier and the left-hand side is a valid version; it is then
/// evaluated as that specifier with pre-releases allowed (as the reference implementation does).
/// Otherwise the caller falls back to string comparison.
/// </summary>
internal static class MarkerVersionOperators
{
    public static bool TryEvaluate(string lhs, string op, string rhs, out bool result)
    {
        result = false;
        if (!VersionSpecifier.TryParse(op + rhs, out var specifier))
            return false;
        if (specifier.Operator == SpecifierOperator.ArbitraryEqual)
        {
            result = string.Equals(lhs.Trim(), rhs.Trim(), StringComparison.OrdinalIgnoreCase);
            return true;
        }
        if (!PythonVersion.TryParse(lhs, out var version))
            return false;
        result = specifier.IsSatisfiedBy(version, allowPrereleases: true);
        return true;
    }
}
