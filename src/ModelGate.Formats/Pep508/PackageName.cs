using System.Text;

namespace ModelGate.Formats.Pep508;

/// <summary>Python distribution names (PEP 508 "identifier", PEP 503 normalization).</summary>
public static class PackageName
{
    /// <summary>
    /// PEP 503: lowercase, and every run of <c>-</c>, <c>_</c> and <c>.</c> becomes one <c>-</c>.
    /// "Django_REST.framework" and "django-rest-framework" are the same project.
    /// </summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.AsSpan().Trim();
        if (IsAlreadyNormalized(trimmed))
            return trimmed.Length == name.Length ? name : trimmed.ToString();

        var sb = new StringBuilder(trimmed.Length);
        var inSeparatorRun = false;
        foreach (var c in trimmed)
        {
            if (c is '-' or '_' or '.')
            {
                if (!inSeparatorRun)
                    sb.Append('-');
                inSeparatorRun = true;
                continue;
            }
            inSeparatorRun = false;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>
    /// PEP 508 names: ASCII letters and digits, with <c>.</c>, <c>-</c> and <c>_</c> allowed inside,
    /// starting and ending with a letter or digit.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
            return false;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
                return false;
        }
        return true;
    }

    private static bool IsAlreadyNormalized(ReadOnlySpan<char> name)
    {
        var previousDash = false;
        foreach (var c in name)
        {
            if (c is '_' or '.' || char.IsAsciiLetterUpper(c))
                return false;
            if (c == '-')
            {
                if (previousDash)
                    return false;
                previousDash = true;
            }
            else
            {
                previousDash = false;
            }
        }
        return true;
    }
}
