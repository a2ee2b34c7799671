using System.Diagnostics.CodeAnalysis;

namespace ModelGate.Formats.Pep508;

/// <summary>
/// One PEP 508 dependency specifier: <c>name [extras] (versionspec | @ url) ; marker</c>.
/// The version clauses are kept as written (normalized spacing); PEP 440 gives them meaning.
/// </summary>
public sealed class Requirement
{
    internal Requirement(string text, string name, IReadOnlyList<string> extras, IReadOnlyList<string> specifiers, string? url, MarkerExpression? marker, string? markerText)
    {
        Text = text;
        Name = name;
        NormalizedName = PackageName.Normalize(name);
        Extras = extras;
        Specifiers = specifiers;
        Url = url;
        Marker = marker;
        MarkerText = markerText;
    }

    /// <summary>The requirement as given.</summary>
    public string Text { get; }

    /// <summary>The distribution name as written.</summary>
    public string Name { get; }

    /// <summary>The PEP 503 normalized name.</summary>
    public string NormalizedName { get; }

    /// <summary>Extras, PEP 685-normalized, in declared order without duplicates.</summary>
    public IReadOnlyList<string> Extras { get; }

    /// <summary>Version clauses such as <c>&gt;=1.0</c>, each without inner whitespace; empty when unconstrained.</summary>
    public IReadOnlyList<string> Specifiers { get; }

    /// <summary>The clauses joined with commas, or the empty string.</summary>
    public string Specifier => string.Join(',', Specifiers);

    /// <summary>The URL of a direct reference (<c>name @ url</c>), or null.</summary>
    public string? Url { get; }

    /// <summary>The parsed environment marker, or null.</summary>
    public MarkerExpression? Marker { get; }

    /// <summary>The marker's source text, trimmed, or null.</summary>
    public string? MarkerText { get; }

    /// <summary>Parses a PEP 508 requirement; throws <see cref="MalformedDataException"/> naming the column.</summary>
    public static Requirement Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new RequirementParser(text).ParseRequirement();
    }

    /// <summary>Parses a PEP 508 requirement; on failure returns false with the reason.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Requirement? requirement, [NotNullWhen(false)] out string? error)
    {
        requirement = null;
        if (text is null)
        {
            error = "no requirement";
            return false;
        }
        try
        {
            requirement = Parse(text);
            error = null;
            return true;
        }
        catch (MalformedDataException ex)
        {
            error = ex.Reason;
            return false;
        }
    }

    public override string ToString() => Text;
}
