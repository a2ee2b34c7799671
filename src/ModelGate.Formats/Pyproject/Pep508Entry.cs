using ModelGate.Formats.Pep508;

namespace ModelGate.Formats.Pyproject;

/// <summary>Turns PEP 508 requirement strings (PEP 621 and PEP 735 arrays, PDM and uv lists) into entries.</summary>
internal static class Pep508Entry
{
    public static bool TryCreate(string text, int line, string? group, out DeclaredDependency? dependency, out string? error)
    {
        dependency = null;
        if (text.Length > ReaderLimits.MaxRequirementLength)
        {
            error = $"requirement is longer than {ReaderLimits.MaxRequirementLength} characters";
            return false;
        }
        if (!Requirement.TryParse(text, out var requirement, out error))
        {
            error = $"'{text}' is not a PEP 508 requirement: {error}";
            return false;
        }
        dependency = new DeclaredDependency
        {
            Name = requirement.Name,
            Line = line,
            Specifier = requirement.Specifier,
            Version = PinnedVersion(requirement.Specifiers),
            Group = group,
            Extras = requirement.Extras,
            Marker = requirement.MarkerText,
            Url = requirement.Url,
        };
        return true;
    }

    /// <summary>The version of a lone <c>==V</c> (no wildcard) or <c>===V</c> clause.</summary>
    public static string? PinnedVersion(IReadOnlyList<string> specifiers)
    {
        if (specifiers.Count != 1)
            return null;
        var clause = specifiers[0];
        if (clause.StartsWith("===", StringComparison.Ordinal))
            return clause[3..];
        if (clause.StartsWith("==", StringComparison.Ordinal) && !clause.Contains('*'))
            return clause[2..];
        return null;
    }
}
