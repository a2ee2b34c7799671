using System.Globalization;
using System.Text;
using ModelGate.Policy;

namespace ModelGate.Reporting.Markdown;

/// <summary>
/// A GitHub-flavoured Markdown report, sized for a pull-request comment or a CI job summary: the decision
/// first, then vulnerabilities grouped by package, then the other findings.
/// </summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    public string Format => "markdown";

    public async Task WriteAsync(ScanReport report, Stream output, CancellationToken cancellationToken)
    {
        var text = Render(report);
        await output.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
    }

    internal static string Render(ScanReport report)
    {
        var md = new StringBuilder();
        var verdict = report.Decision.Verdict switch
        {
            Verdict.Fail => "❌ FAIL",
            Verdict.Warn => "⚠️ WARN",
            _ => "✅ PASS",
        };
        Line(md, $"## ModelGate: {verdict}");
        Line(md);
        Line(md, $"Target `{Code(report.Target)}` · {report.Inventory.Packages.Count} packages · {report.Vulnerabilities.Count} known vulnerabilities · {report.Findings.Count} findings · modelgate {report.Tool.Version}");
        if (report.AdvisorySource is not null)
            Line(md, $"Advisories: {Cell(report.AdvisorySource)}");
        Line(md);
        foreach (var reason in report.Decision.Reasons)
            Line(md, $"- {Cell(reason)}");
        Line(md);

        if (report.Vulnerabilities.Count > 0)
        {
            Line(md, "### Vulnerabilities");
            Line(md);
            Line(md, "| Package | Version | Id | Severity | Fixed in | Upgrade to | Where |");
            Line(md, "|---|---|---|---|---|---|---|");
            foreach (var v in report.Vulnerabilities)
            {
                var severity = v.Severity is { } s ? ReportNames.Of(s) : "unknown";
                if (v.Cvss is not null)
                    severity += string.Create(CultureInfo.InvariantCulture, $" ({v.Cvss.Score:0.0})");
                var upgrade = v.Recommended is null ? "—" : v.Recommended + (v.RecommendedCrossesMajor ? " (major)" : string.Empty);
                Line(md, $"| {Cell(v.Package.Name)} | {Cell(v.Package.Version ?? "")} | {Cell(string.Join(", ", v.Ids))} | {severity} | {Cell(string.Join(", ", v.Fixed))} | {Cell(upgrade)} | `{Code(v.Package.Source.ToString())}` |");
            }
            Line(md);
        }

        if (report.ArtifactsScanned && report.Artifacts.Count > 0)
        {
            // Files only: a member's verdict already counts in its file's, and its findings are listed below.
            Line(md, "### Model files");
            Line(md);
            Line(md, "| File | Format | Verdict | Members | Findings |");
            Line(md, "|---|---|---|---|---|");
            foreach (var file in report.Artifacts.Where(a => a.Container is null))
            {
                var members = report.Artifacts.Count(a => a.Path.StartsWith(file.Path + "!", StringComparison.Ordinal));
                var findings = report.Findings.Count(f => f.Artifact is { } artifact && (artifact == file.Path || artifact.StartsWith(file.Path + "!", StringComparison.Ordinal)));
                Line(md, string.Create(CultureInfo.InvariantCulture, $"| `{Code(file.Path)}` | {Cell(file.Format)} | {ReportNames.Of(file.Verdict)} | {members} | {findings} |"));
            }
            Line(md);
        }

        if (report.Provenance.Count > 0)
        {
            Line(md, "### Provenance");
            Line(md);
            Line(md, "| Model | Revision | Commit | Pinned by | Files verified | Problems |");
            Line(md, "|---|---|---|---|---|---|");
            foreach (var model in report.Provenance)
            {
                var verified = model.Files.Count(f => f.Status == Provenance.ProvenanceFileStatus.Verified);
                var problems = model.Files.Count(f => f.Status != Provenance.ProvenanceFileStatus.Verified);
                Line(md, string.Create(CultureInfo.InvariantCulture,
                    $"| `{Code(model.Repo)}` | {Cell(model.RequestedRevision ?? "(default)")} | `{model.Commit}` | {ReportNames.Of(model.Pin)} | {verified} of {model.Files.Count} | {problems} |"));
            }
            Line(md);
        }

        var others = report.Findings.Where(f => f.Kind != Findings.FindingKind.Vulnerability).ToList();
        if (others.Count > 0)
        {
            Line(md, "### Findings");
            Line(md);
            Line(md, "| Severity | Rule | Where | Finding |");
            Line(md, "|---|---|---|---|");
            foreach (var f in others)
                Line(md, $"| {ReportNames.Of(f.Severity)} | {f.Rule.Id} | `{Code(f.Location?.ToString() ?? "-")}` | {Cell(f.Title)}: {Cell(f.Message)} |");
            Line(md);
        }

        if (report.Inventory.Skipped.Count > 0)
        {
            Line(md, "<details><summary>Skipped declarations</summary>");
            Line(md);
            foreach (var s in report.Inventory.Skipped)
                Line(md, $"- `{Code(s.Package.Source.ToString())}` {Cell(s.Package.Name)}: {Cell(s.Reason)}");
            Line(md);
            Line(md, "</details>");
        }
        return md.ToString();
    }

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');

    /// <summary>Table cells cannot hold pipes or line breaks; HTML in advisory text must not render.</summary>
    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Code(string text) => text.Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
}
