using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace ModelGate.Formats.Pyproject;

/// <summary>A Poetry version constraint rewritten as PEP 440.</summary>
/// <param name="Specifier">Comma-joined PEP 440 clauses ("" for <c>*</c>), or the text as written when <paramref name="IsPep440"/> is false.</param>
/// <param name="Version">The pinned version for an exact constraint (<c>1.2.3</c>, <c>==1.2.3</c>), else null.</param>
/// <param name="IsPep440">False for <c>||</c> alternatives, which one PEP 440 specifier set cannot express.</param>
public sealed record PoetryVersionConstraint(string Specifier, string? Version, bool IsPep440);

/// <summary>
/// Poetry's version constraint language ("Dependency specification" in the Poetry docs, poetry-core's
/// <c>parse_constraint</c>) translated to PEP 440 specifiers:
/// caret <c>^1.2.3</c> = <c>&gt;=1.2.3,&lt;2.0.0</c> (the left-most non-zero release segment may not change),
/// tilde <c>~1.2.3</c> = <c>&gt;=1.2.3,&lt;1.3.0</c> (only a major given: <c>~1</c> = <c>&gt;=1,&lt;2</c>),
/// wildcard <c>1.2.*</c> = <c>==1.2.*</c>, <c>*</c> = anything, a bare version = <c>==</c> that version,
/// PEP 440 operators as they are; clauses separated by commas or spaces all apply (AND); <c>||</c> (or
/// <c>|</c>) separates alternatives (OR). The upper bound keeps as many release segments as the written
/// version (<c>^0</c> = <c>&lt;1</c>, <c>^1.2</c> = <c>&lt;2.0</c>); PEP 440 pads with zeros, so it is the
/// same set as Poetry's <c>&lt;2.0.0</c>.
/// </summary>
public static class PoetryConstraint
{
    /// <summary>Translates <paramref name="constraint"/>; false with the reason when it is not a constraint.</summary>
    public static bool TryConvert(string constraint, [NotNullWhen(true)] out PoetryVersionConstraint? result, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        result = null;
        var text = constraint.Trim();
        if (text.Length > ReaderLimits.MaxRequirementLength)
        {
            error = $"version constraint is longer than {ReaderLimits.MaxRequirementLength} characters";
            return false;
        }
        if (text.Contains('|'))
        {
            // Validate every alternative, but keep the text: PEP 440 has no OR.
            foreach (var alternative in text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!TryConvertConjunction(alternative, out _, out _, out error))
                    return false;
            }
            result = new PoetryVersionConstraint(NormalizeSpaces(text), null, IsPep440: false);
            error = null;
            return true;
        }
        if (!TryConvertConjunction(text, out var clauses, out var pinned, out error))
            return false;
        result = new PoetryVersionConstraint(string.Join(',', clauses), pinned, IsPep440: true);
        return true;
    }

    /// <summary>
    /// Poetry's <c>python = "..."</c> condition as a PEP 508 marker: <c>^3.8</c> becomes
    /// <c>python_version &gt;= "3.8" and python_version &lt; "4.0"</c>; versions with three or more segments
    /// compare <c>python_full_version</c>. Null marker for <c>*</c>.
    /// </summary>
    public static bool TryConvertPythonToMarker(string constraint, out string? marker, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        marker = null;
        var alternatives = constraint.Split(['|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var parts = new List<string>();
        foreach (var alternative in alternatives)
        {
            if (!TryConvertConjunction(alternative, out var clauses, out _, out error))
                return false;
            if (clauses.Count == 0)
            {
                // One alternative allows every version, so the whole condition does.
                return true;
            }
            parts.Add(string.Join(" and ", clauses.Select(ClauseToMarker)));
        }
        error = null;
        if (parts.Count == 0)
            return true;
        marker = parts.Count == 1 ? parts[0] : string.Join(" or ", parts.Select(p => $"({p})"));
        return true;
    }

    private static string ClauseToMarker(string clause)
    {
        var opLength = 0;
        while (opLength < clause.Length && clause[opLength] is '<' or '>' or '=' or '!' or '~')
            opLength++;
        var op = clause[..opLength];
        var version = clause[opLength..];
        var segments = version.TrimEnd('*').TrimEnd('.').Split('.').Length;
        var variable = segments >= 3 ? "python_full_version" : "python_version";
        return $"{variable} {op} \"{version}\"";
    }

    private static bool TryConvertConjunction(string text, out List<string> clauses, out string? pinned, [NotNullWhen(false)] out string? error)
    {
        clauses = [];
        pinned = null;
        var pos = 0;
        var exactCount = 0;
        string? exact = null;
        while (true)
        {
            while (pos < text.Length && (char.IsWhiteSpace(text[pos]) || text[pos] == ','))
                pos++;
            if (pos >= text.Length)
                break;
            var opStart = pos;
            while (pos < text.Length && text[pos] is '<' or '>' or '=' or '!' or '~' or '^')
                pos++;
            var op = text[opStart..pos];
            while (pos < text.Length && char.IsWhiteSpace(text[pos]))
                pos++;
            var versionStart = pos;
            while (pos < text.Length && !char.IsWhiteSpace(text[pos]) && text[pos] != ',')
                pos++;
            var version = text[versionStart..pos];
            if (version.Length == 0)
            {
                error = $"'{text}': operator '{op}' has no version";
                return false;
            }
            if (!IsVersionText(version))
            {
                error = $"'{text}': '{version}' is not a version";
                return false;
            }
            switch (op)
            {
                case "^":
                case "~":
                    if (!TryReadRelease(version, out var release))
                    {
                        error = $"'{text}': '{version}' has no release number for '{op}'";
                        return false;
                    }
                    clauses.Add(">=" + version);
                    clauses.Add("<" + (op == "^" ? CaretUpperBound(release) : TildeUpperBound(release)));
                    break;
                case "" or "=" or "==":
                    if (version == "*")
                        break;
                    clauses.Add("==" + version);
                    if (!version.Contains('*'))
                    {
                        exactCount++;
                        exact = version;
                    }
                    break;
                case "===":
                    clauses.Add("===" + version);
                    exactCount++;
                    exact = version;
                    break;
                case "~=" or "!=" or ">=" or "<=" or ">" or "<":
                    if (version == "*")
                    {
                        error = $"'{text}': '{op}*' is not a constraint";
                        return false;
                    }
                    clauses.Add(op + version);
                    break;
                default:
                    error = $"'{text}': '{op}' is not a version operator";
                    return false;
            }
        }
        if (exactCount == 1 && clauses.Count == 1)
            pinned = exact;
        error = null;
        return true;
    }

    private static bool IsVersionText(string version)
    {
        foreach (var c in version)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '*' or '-' or '_' or '+' or '!'))
                return false;
        }
        return true;
    }

    // PEP 440 release segment: the leading N(.N)* of the version, after an optional "v" and epoch.
    private static bool TryReadRelease(string version, out List<long> release)
    {
        release = [];
        var span = version.AsSpan();
        if (span.Length > 0 && span[0] is 'v' or 'V')
            span = span[1..];
        var bang = span.IndexOf('!');
        if (bang >= 0)
            span = span[(bang + 1)..];
        while (true)
        {
            var digits = 0;
            while (digits < span.Length && char.IsAsciiDigit(span[digits]))
                digits++;
            if (digits == 0 || !long.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n == long.MaxValue)
                return false;
            release.Add(n);
            if (release.Count > ReaderLimits.MaxReleaseSegments)
                return false;
            span = span[digits..];
            if (span.Length < 2 || span[0] != '.' || !char.IsAsciiDigit(span[1]))
                return true;
            span = span[1..];
        }
    }

    // Caret: the left-most non-zero segment is bumped; all zeros bumps the last written segment
    // (^0 -> <1, ^0.0 -> <0.1, ^0.0.3 -> <0.0.4).
    private static string CaretUpperBound(List<long> release)
    {
        var index = release.FindIndex(n => n != 0);
        if (index < 0)
            index = release.Count - 1;
        return Bump(release, index);
    }

    // Tilde: a major-only version bumps the major, anything longer bumps the minor.
    private static string TildeUpperBound(List<long> release) => Bump(release, release.Count == 1 ? 0 : 1);

    private static string Bump(List<long> release, int index)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < release.Count; i++)
        {
            if (i > 0)
                sb.Append('.');
            var value = i < index ? release[i] : i == index ? release[i] + 1 : 0;
            sb.Append(value.ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static string NormalizeSpaces(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space && sb.Length > 0)
                sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
