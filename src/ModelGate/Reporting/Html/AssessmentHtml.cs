using System.Globalization;
using System.Text;
using ModelGate.Assessment;

namespace ModelGate.Reporting.Html;

/// <summary>
/// The assessment section of the HTML report: the overall verdict, a table of the four parts, then each part's
/// evidence, clauses and recommendations. Uses the page's existing style classes (the style is pinned by hash).
/// </summary>
internal static class AssessmentHtml
{
    public static void Write(StringBuilder h, ModelAssessment a)
    {
        var overall = AssessmentNames.Of(a.Verdict);
        h.Append("<section id=\"assessment\">\n<h2>Model assessment: ").Append(HtmlReportWriter.Escape(a.Subject)).Append("</h2>\n");
        h.Append("<p><span id=\"assessment-verdict\" class=\"decision ").Append(BadgeClass(a.Verdict)).Append("\">Assessment: ")
            .Append(overall.ToUpperInvariant()).Append("</span></p>\n");
        h.Append("<table id=\"assessment-parts\">\n<thead><tr><th>Part</th><th>Verdict</th><th>Key facts</th></tr></thead>\n<tbody>\n");
        foreach (var (key, title, part) in AssessmentNames.Parts(a))
        {
            h.Append("<tr data-part=\"").Append(key).Append("\"><td>").Append(HtmlReportWriter.Escape(title)).Append("</td><td class=\"out-")
                .Append(TextClass(part.Verdict)).Append("\">").Append(AssessmentNames.Of(part.Verdict)).Append("</td><td>")
                .Append(HtmlReportWriter.Escape(Markdown.AssessmentMarkdown.KeyFacts(key, a))).Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
        foreach (var (key, title, part) in AssessmentNames.Parts(a))
        {
            h.Append("<h3 id=\"part-").Append(key).Append("\">").Append(HtmlReportWriter.Escape(title)).Append(": <span class=\"out-")
                .Append(TextClass(part.Verdict)).Append("\">").Append(AssessmentNames.Of(part.Verdict)).Append("</span></h3>\n<ul class=\"evidence\">\n");
            foreach (var line in part.Evidence)
                h.Append("<li>").Append(HtmlReportWriter.Escape(line)).Append("</li>\n");
            h.Append("</ul>\n");
            if (key == "licensing" && a.Clauses.Count > 0)
            {
                h.Append("<table id=\"clauses\">\n<thead><tr><th>Clause</th><th>Quoted text</th><th>Where</th></tr></thead>\n<tbody>\n");
                foreach (var clause in a.Clauses)
                {
                    h.Append("<tr><td>").Append(HtmlReportWriter.Escape(clause.Kind)).Append("</td><td>").Append(HtmlReportWriter.Escape(clause.Text))
                        .Append("</td><td><code>").Append(HtmlReportWriter.Escape(clause.Path)).Append(':').Append(clause.Line.ToString(CultureInfo.InvariantCulture)).Append("</code></td></tr>\n");
                }
                h.Append("</tbody>\n</table>\n");
            }
            if (part.Recommendations.Count > 0)
            {
                h.Append("<p><b>Recommendations</b></p>\n<ul class=\"recommendations\">\n");
                foreach (var line in part.Recommendations)
                    h.Append("<li>").Append(HtmlReportWriter.Escape(line)).Append("</li>\n");
                h.Append("</ul>\n");
            }
        }
        h.Append("</section>\n");
    }

    private static string BadgeClass(AssessmentVerdict verdict) => verdict switch
    {
        AssessmentVerdict.Fail => "fail",
        AssessmentVerdict.Pass => "pass",
        _ => "warn",
    };

    private static string TextClass(AssessmentVerdict verdict) => verdict switch
    {
        AssessmentVerdict.Fail => "fail",
        AssessmentVerdict.Warn => "warn",
        AssessmentVerdict.Pass => "pass",
        _ => "ignore",
    };
}
