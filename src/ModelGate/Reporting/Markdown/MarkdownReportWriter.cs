using System.Globalization;
using System.Text;
using ModelGate.Policy;

namespace ModelGate.Reporting.Markdown;

/// <summary>
/// A GitHub-flavoured Markdown report, sized for a pull-request comment or a CI job summary: the decision
/// and its reasons first, then a table of what fails, then everything else collapsed in &lt;details&gt; blocks
/// (warnings, other findings, vulnerabilities, model files, provenance, waivers).
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
        if (report.Assessment is { } assessment)
            AssessmentMarkdown.Render(md, assessment);
        var outcomes = ReportOutcomes.Align(report);
        var verdict = report.Decision.Verdict switch
        {
            Verdict.Fail => "❌ FAIL",
            Verdict.Warn => "⚠️ WARN",
            _ => "✅ PASS",
        };
        Line(md, $"## ModelGate: {verdict}");
        Line(md);
        foreach (var reason in report.Decision.Reasons)
            Line(md, $"- {Cell(reason)}");
        Line(md);
        Line(md, $"Target `{Code(report.Target)}` · {report.Inventory.Packages.Count} packages · {report.Vulnerabilities.Count} known vulnerabilities · {report.Findings.Count} findings · policy: {Cell(report.Decision.Policy)} · modelgate {report.Tool.Version}");
        if (report.AdvisorySource is not null)
            Line(md, $"Advisories: {Cell(report.AdvisorySource)}");
        Line(md);

        var failing = Enumerable.Range(0, report.Findings.Count).Where(i => ReportOutcomes.ActionOf(report.Findings[i], outcomes[i]) == FindingAction.Fail).ToList();
        if (failing.Count > 0)
        {
            Line(md, string.Create(CultureInfo.InvariantCulture, $"### What fails ({failing.Count})"));
            Line(md);
            FindingTable(md, report, outcomes, failing);
        }

        var warning = Enumerable.Range(0, report.Findings.Count).Where(i => ReportOutcomes.ActionOf(report.Findings[i], outcomes[i]) == FindingAction.Warn).ToList();
        if (warning.Count > 0)
        {
            Open(md, string.Create(CultureInfo.InvariantCulture, $"Warnings ({warning.Count})"));
            FindingTable(md, report, outcomes, warning);
            Close(md);
        }

        var other = Enumerable.Range(0, report.Findings.Count).Where(i => ReportOutcomes.ActionOf(report.Findings[i], outcomes[i]) is not (FindingAction.Fail or FindingAction.Warn)).ToList();
        if (other.Count > 0)
        {
            Open(md, string.Create(CultureInfo.InvariantCulture, $"Other findings: passed, ignored or waived ({other.Count})"));
            FindingTable(md, report, outcomes, other);
            Close(md);
        }

        if (report.Vulnerabilities.Count > 0)
        {
            Open(md, string.Create(CultureInfo.InvariantCulture, $"Vulnerabilities ({report.Vulnerabilities.Count})"));
            Line(md, "| Package | Version | Id | Severity | Fixed in | Upgrade to | Where |");
            Line(md, "|---|---|---|---|---|---|---|");
            foreach (var v in report.Vulnerabilities.Take(MaxRows))
            {
                var severity = v.Severity is { } s ? ReportNames.Of(s) : "unknown";
                if (v.Cvss is not null)
                    severity += string.Create(CultureInfo.InvariantCulture, $" ({v.Cvss.Score:0.0})");
                var upgrade = v.Recommended is null ? "—" : v.Recommended + (v.RecommendedCrossesMajor ? " (major)" : string.Empty);
                Line(md, $"| {Cell(v.Package.Name)} | {Cell(v.Package.Version ?? "")} | {Cell(string.Join(", ", v.Ids))} | {severity} | {Cell(string.Join(", ", v.Fixed))} | {Cell(upgrade)} | `{Code(v.Package.Source.ToString())}` |");
            }
            More(md, report.Vulnerabilities.Count);
            Close(md);
        }

        if (report.ArtifactsScanned && report.Artifacts.Count > 0)
        {
            // Files only: a member's verdict already counts in its file's, and its findings are listed above.
            var files = report.Artifacts.Where(a => a.Container is null).ToList();
            Open(md, string.Create(CultureInfo.InvariantCulture, $"Model files ({files.Count})"));
            Line(md, "| File | Format | Verdict | Members | Findings |");
            Line(md, "|---|---|---|---|---|");
            foreach (var file in files.Take(MaxRows))
            {
                var members = report.Artifacts.Count(a => a.Path.StartsWith(file.Path + "!", StringComparison.Ordinal));
                var findings = report.Findings.Count(f => f.Artifact is { } artifact && (artifact == file.Path || artifact.StartsWith(file.Path + "!", StringComparison.Ordinal)));
                Line(md, string.Create(CultureInfo.InvariantCulture, $"| `{Code(file.Path)}` | {Cell(file.Format)} | {ReportNames.Of(file.Verdict)} | {members} | {findings} |"));
            }
            More(md, files.Count);
            Close(md);
        }

        if (report.Provenance.Count > 0)
        {
            Open(md, string.Create(CultureInfo.InvariantCulture, $"Provenance ({report.Provenance.Count})"));
            Line(md, "| Model | Revision | Commit | Pinned by | Files verified | Problems |");
            Line(md, "|---|---|---|---|---|---|");
            foreach (var model in report.Provenance)
            {
                var verified = model.Files.Count(f => f.Status == Provenance.ProvenanceFileStatus.Verified);
                var problems = model.Files.Count(f => f.Status != Provenance.ProvenanceFileStatus.Verified);
                Line(md, string.Create(CultureInfo.InvariantCulture,
                    $"| `{Code(model.Repo)}` | {Cell(model.RequestedRevision ?? "(default)")} | `{Code(model.Commit)}` | {ReportNames.Of(model.Pin)} | {verified} of {model.Files.Count} | {problems} |"));
            }
            Close(md);
        }

        if (report.Decision.Waivers.Count > 0)
        {
            Open(md, string.Create(CultureInfo.InvariantCulture, $"Waivers ({report.Decision.Waivers.Count})"));
            Line(md, "| Waiver | Status | Matched | Expires | Owner | Reason |");
            Line(md, "|---|---|---|---|---|---|");
            foreach (var w in report.Decision.Waivers)
                Line(md, string.Create(CultureInfo.InvariantCulture, $"| `{Code(w.Id)}` | {ReportNames.Of(w.Status)} | {w.Matched} | {w.Expires:yyyy-MM-dd} | {Cell(w.Owner)} | {Cell(w.Reason)} |"));
            Close(md);
        }

        if (report.Inventory.Skipped.Count > 0)
        {
            Open(md, string.Create(CultureInfo.InvariantCulture, $"Skipped declarations ({report.Inventory.Skipped.Count})"));
            foreach (var s in report.Inventory.Skipped)
                Line(md, $"- `{Code(s.Package.Source.ToString())}` {Cell(s.Package.Name)}: {Cell(s.Reason)}");
            Close(md);
        }
        return md.ToString();
    }

    private static void FindingTable(StringBuilder md, ScanReport report, FindingOutcome?[] outcomes, List<int> indexes)
    {
        Line(md, "| Severity | Rule | Where | What | Decided by |");
        Line(md, "|---|---|---|---|---|");
        foreach (var i in indexes.Take(MaxRows))
        {
            var f = report.Findings[i];
            var where = f.Location?.ToString() ?? f.Artifact ?? f.Package ?? "-";
            var by = outcomes[i] is { } o ? Cell(o.By) + (o.Message is null ? "" : ": " + Cell(o.Message)) : "default thresholds";
            Line(md, $"| {ReportNames.Of(f.Severity)} | {f.Rule.Id} | `{Code(where)}` | {Cell(f.Title)}: {Cell(f.Message)} | {by} |");
        }
        More(md, indexes.Count);
        Line(md);
    }

    /// <summary>
    /// Rows per table: GitHub refuses comments over 65,536 characters, so a large report shows the first rows
    /// of each table and points to the full report (JSON, SARIF or HTML).
    /// </summary>
    internal const int MaxRows = 50;

    private static void More(StringBuilder md, int total)
    {
        if (total > MaxRows)
            Line(md, string.Create(CultureInfo.InvariantCulture, $"\n… and {total - MaxRows} more: see the full report (--format json, sarif or html)."));
    }

    /// <summary>GitHub renders Markdown inside &lt;details&gt; only with a blank line after the summary.</summary>
    private static void Open(StringBuilder md, string summary)
    {
        Line(md, $"<details><summary>{Cell(summary)}</summary>");
        Line(md);
    }

    private static void Close(StringBuilder md)
    {
        if (md.Length >= 2 && md[^1] == '\n' && md[^2] != '\n')
            Line(md);
        Line(md, "</details>");
        Line(md);
    }

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');

    /// <summary>Table cells cannot hold pipes or line breaks; HTML in advisory text must not render.</summary>
    internal static string Cell(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    internal static string Code(string text) => text.Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
