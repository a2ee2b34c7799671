using System.Text.RegularExpressions;

namespace ModelGate.Assessment;

/// <summary>
/// Finds clauses that restrict use in licence and card texts, by the phrases the licences themselves use:
/// Creative Commons "NonCommercial"/"NoDerivatives"/"ShareAlike", research licences' "research purposes
/// only", the Llama agreements' "700 million monthly active users", "Acceptable Use Policy" and "Built with
/// Llama", Gemma's "Prohibited Use Policy", OpenRAIL's "Use-based restrictions" and Attachment A. Each hit is
/// quoted (the sentence around it, bounded) with its line. Bounded: lines, quotes per kind and in all.
/// </summary>
internal static partial class ClauseFinder
{
    public const int MaxQuoteChars = 240;
    public const int MaxLines = 50_000;
    public const int MaxPerKindAndFile = 3;
    public const int MaxClauses = 60;

    // Checked in order on each line; one line can hold several kinds.
    private static readonly (string Kind, Regex Pattern)[] Patterns =
    [
        ("non-commercial", NonCommercial()),
        ("research-only", ResearchOnly()),
        ("user-threshold", UserThreshold()),
        ("acceptable-use", AcceptableUse()),
        ("field-of-use", FieldOfUse()),
        ("no-derivatives", NoDerivatives()),
        ("share-alike", ShareAlike()),
        ("naming", Naming()),
        ("attribution", Attribution()),
    ];

    public static IEnumerable<LicenseClause> Find(string text, string path)
    {
        var perKind = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        var total = 0;
        foreach (var line in text.Split('\n'))
        {
            if (++lineNumber > MaxLines || total >= MaxClauses)
                yield break;
            foreach (var (kind, pattern) in Patterns)
            {
                if (perKind.GetValueOrDefault(kind) >= MaxPerKindAndFile)
                    continue;
                var match = pattern.Match(line);
                if (!match.Success || Negated(kind, line))
                    continue;
                perKind[kind] = perKind.GetValueOrDefault(kind) + 1;
                total++;
                yield return new LicenseClause(kind, Quote(line, match.Index, match.Length), path, lineNumber);
            }
        }
    }

    // "for commercial and non-commercial use" grants, it does not restrict.
    private static bool Negated(string kind, string line) =>
        kind == "non-commercial" && BothCommercial().IsMatch(line);

    /// <summary>The sentence around the match, markup trimmed, at most <see cref="MaxQuoteChars"/> characters.</summary>
    internal static string Quote(string line, int index, int length)
    {
        var start = index;
        while (start > 0 && index - start < MaxQuoteChars / 2 && !(line[start - 1] is '.' or ';' or '!' or '?' && start < line.Length && line[start] == ' '))
            start--;
        var end = index + length;
        while (end < line.Length && end - start < MaxQuoteChars && !(line[end] is '.' or ';' or '!' or '?' && (end + 1 == line.Length || line[end + 1] == ' ')))
            end++;
        if (end < line.Length && line[end] is '.' or ';' or '!' or '?')
            end++;
        var quote = line[start..end].Trim().TrimStart('#', '*', '>', '-', '|', ' ').Replace("**", string.Empty, StringComparison.Ordinal).Trim();
        if (start > 0 && !(line[start - 1] is '.' or ';' or '!' or '?' or ' '))
            quote = "…" + quote;
        if (end < line.Length && !(line[end - 1] is '.' or ';' or '!' or '?'))
            quote += "…";
        return quote.Length > MaxQuoteChars ? quote[..(MaxQuoteChars - 1)] + "…" : quote;
    }

    [GeneratedRegex(@"\bnon[- ]?commercial\b|\bnot\s+(be\s+)?(used\s+)?for\s+commercial\b|\bcommercial\s+use\s+is\s+(not\s+permitted|prohibited|forbidden)\b|\bno\s+commercial\s+use\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NonCommercial();

    [GeneratedRegex(@"\bcommercial\s+(and|or|&)\s+non[- ]?commercial\b|\bboth\s+commercial\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BothCommercial();

    [GeneratedRegex(@"\bresearch\s+(purposes?\s+|use\s+)?only\b|\bresearch[- ]only\b|\bnon[- ]production\b|\bsolely\s+for\s+(non[- ]?commercial\s+)?research\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResearchOnly();

    [GeneratedRegex(@"\bmonthly\s+active\s+users\b|\b\d[\d,.]*\s*(million|billion)\s+(monthly\s+active\s+|active\s+|daily\s+active\s+)?users\b|\bannual\s+(recurring\s+)?revenue\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UserThreshold();

    [GeneratedRegex(@"\bacceptable\s+use\s+polic(y|ies)\b|\bprohibited\s+use\s+polic(y|ies)\b|\busage\s+polic(y|ies)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AcceptableUse();

    [GeneratedRegex(@"\buse[- ]based\s+restrictions\b|\battachment\s+a\b|\byou\s+agree\s+not\s+to\s+use\b|\bshall\s+not\s+(be\s+)?use[d]?\s+(the\s+model\s+)?(to|for|in)\b|\bmust\s+not\s+be\s+used\s+(to|for|in)\b|\buse\s+restrictions\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FieldOfUse();

    [GeneratedRegex(@"\bno[- ]?derivatives?\b|\bnoderivs\b|\bmay\s+not\s+(distribute|share)\s+(any\s+)?(modified|derivative)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoDerivatives();

    [GeneratedRegex(@"\bshare[- ]?alike\b|\bunder\s+the\s+same\s+licen[cs]e\b|\bcopyleft\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShareAlike();

    [GeneratedRegex(@"\b[Bb]uilt\s+with\s+(Meta\s+)?Llama\b|[“""]Llama[^”""]{0,12}[”""]\s+at\s+the\s+beginning", RegexOptions.CultureInvariant)]
    private static partial Regex Naming();

    [GeneratedRegex(@"\battribution\s+notices?\b|\bgive\s+appropriate\s+credit\b|\bretain\s+.{0,60}\bnotices?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Attribution();
}
