using System.Globalization;
using System.Text;
using ModelGate.Assessment;

namespace ModelGate.Reporting.Markdown;

/// <summary>
/// The assessment as a reviewer pastes it into a ticket: a summary table of the four parts and the overall
/// verdict, then each part's evidence and recommendations. The gate report follows it.
/// </summary>
internal static class AssessmentMarkdown
{
    public static void Render(StringBuilder md, ModelAssessment a)
    {
        md.Append("## Model assessment: ").Append(MarkdownReportWriter.Cell(a.Subject)).Append(" — ").Append(Badge(a.Verdict)).Append('\n').Append('\n');
        md.Append("| part | verdict | key facts |\n|---|---|---|\n");
        foreach (var (key, title, part) in AssessmentNames.Parts(a))
            md.Append("| ").Append(title).Append(" | ").Append(Badge(part.Verdict)).Append(" | ").Append(MarkdownReportWriter.Cell(KeyFacts(key, a))).Append(" |\n");
        md.Append("| **Overall** | **").Append(Badge(a.Verdict)).Append("** | ").Append(a.Card is null ? "no model card" : $"card `{MarkdownReportWriter.Code(a.Card)}`").Append(" |\n\n");

        foreach (var (key, title, part) in AssessmentNames.Parts(a))
        {
            md.Append("### ").Append(title).Append(": ").Append(Badge(part.Verdict)).Append("\n\n");
            foreach (var line in part.Evidence)
                md.Append("- ").Append(MarkdownReportWriter.Cell(line)).Append('\n');
            if (key == "licensing" && a.Clauses.Count > 0)
            {
                md.Append("\n| clause | quoted text | where |\n|---|---|---|\n");
                foreach (var clause in a.Clauses)
                    md.Append("| ").Append(clause.Kind).Append(" | ").Append(MarkdownReportWriter.Cell(clause.Text)).Append(" | `")
                        .Append(MarkdownReportWriter.Code(clause.Path)).Append(':').Append(clause.Line.ToString(CultureInfo.InvariantCulture)).Append("` |\n");
            }
            if (part.Recommendations.Count > 0)
            {
                md.Append("\n**Recommendations**\n\n");
                foreach (var line in part.Recommendations)
                    md.Append("- ").Append(MarkdownReportWriter.Cell(line)).Append('\n');
            }
            md.Append('\n');
        }
    }

    /// <summary>The one-line summary of a part for the table.</summary>
    internal static string KeyFacts(string key, ModelAssessment a) => key switch
    {
        "licensing" => $"{a.License ?? "no licence declared"} ({a.LicenseCategory})" + (a.Clauses.Count > 0 ? $"; clauses: {string.Join(", ", a.Clauses.Select(c => c.Kind).Distinct(StringComparer.Ordinal))}" : string.Empty),
        "operationalRisk" => $"documentation score {a.DocumentationScore.ToString(CultureInfo.InvariantCulture)}/100",
        "provenance" => string.Join("; ", a.Provenance.Evidence.Where(e => e.StartsWith("revision:", StringComparison.Ordinal) || e.StartsWith("signature:", StringComparison.Ordinal))),
        _ => string.Join("; ", a.TechnicalSecurity.Evidence.Where(e => e.StartsWith("pickle", StringComparison.Ordinal) || e.StartsWith("custom code:", StringComparison.Ordinal))),
    };

    private static string Badge(AssessmentVerdict verdict) => verdict switch
    {
        AssessmentVerdict.Fail => "❌ FAIL",
        AssessmentVerdict.Warn => "⚠️ WARN",
        AssessmentVerdict.Pass => "✅ PASS",
        _ => "➖ NOT ASSESSED",
    };
}
