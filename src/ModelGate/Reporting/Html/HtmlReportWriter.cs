using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ModelGate.Findings;
using ModelGate.Policy;

namespace ModelGate.Reporting.Html;

/// <summary>
/// One self-contained HTML page: the decision, its reasons and counts, a sortable findings table, and the
/// inventory (vulnerabilities, model files, provenance, packages). Nothing is fetched: the style and the
/// sorting script are inline and the Content-Security-Policy admits exactly those two by hash, so even a
/// string that slipped past escaping could not run. Every text from the report is HTML-escaped.
/// </summary>
public sealed class HtmlReportWriter : IReportWriter
{
    private const string Style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:1.5em;color:#1b1f24;background:#fff}
        h1{font-size:1.4em;margin:0 0 .4em}h2{font-size:1.15em;margin:1.6em 0 .5em;border-bottom:1px solid #d0d7de;padding-bottom:.2em}
        .decision{display:inline-block;font-size:2em;font-weight:700;padding:.2em .7em;border-radius:.3em;color:#fff;letter-spacing:.05em}
        .decision.fail{background:#b3261e}.decision.warn{background:#9a6700}.decision.pass{background:#1a7f37}
        .meta{color:#57606a}.counts{display:flex;flex-wrap:wrap;gap:.5em 1.5em;margin:.8em 0;padding:0;list-style:none}
        .counts b{font-size:1.2em}table{border-collapse:collapse;width:100%;margin:.4em 0}
        th,td{border:1px solid #d0d7de;padding:.3em .5em;text-align:left;vertical-align:top;overflow-wrap:anywhere}
        th{background:#f6f8fa}th.sortable{cursor:pointer;user-select:none}th.sortable::after{content:" \2195";color:#8c959f}
        th[aria-sort=ascending]::after{content:" \2191";color:#1b1f24}th[aria-sort=descending]::after{content:" \2193";color:#1b1f24}
        .sev-critical,.out-fail{color:#b3261e;font-weight:700}.sev-high{color:#cf222e;font-weight:600}.sev-medium,.out-warn{color:#9a6700}
        .sev-low,.sev-info,.out-pass,.out-ignore,.out-waived{color:#57606a}code{font:12px ui-monospace,monospace;background:#f6f8fa;padding:0 .2em}
        details summary{cursor:pointer;color:#0969da}ul.evidence{margin:.3em 0;padding-left:1.2em}.empty{color:#57606a;font-style:italic}
        """;

    private const string Script = """
        (function(){
          function key(cell){var k=cell.getAttribute('data-key');return k===null?cell.textContent.trim().toLowerCase():k;}
          document.querySelectorAll('table.sortable').forEach(function(table){
            var heads=table.querySelectorAll('th');
            heads.forEach(function(th,index){
              th.classList.add('sortable');
              th.setAttribute('tabindex','0');
              function sort(){
                var ascending=th.getAttribute('aria-sort')!=='ascending';
                heads.forEach(function(h){h.removeAttribute('aria-sort');});
                th.setAttribute('aria-sort',ascending?'ascending':'descending');
                var numeric=th.getAttribute('data-type')==='number';
                var body=table.tBodies[0];
                var rows=Array.prototype.slice.call(body.rows);
                rows.forEach(function(r,i){r.setAttribute('data-order',String(i));});
                rows.sort(function(a,b){
                  var x=key(a.cells[index]),y=key(b.cells[index]);
                  var c=numeric?(parseFloat(x)-parseFloat(y)):(x<y?-1:x>y?1:0);
                  if(c===0){c=parseInt(a.getAttribute('data-order'),10)-parseInt(b.getAttribute('data-order'),10);return c;}
                  return ascending?c:-c;
                });
                rows.forEach(function(r){body.appendChild(r);});
              }
              th.addEventListener('click',sort);
              th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sort();}});
            });
          });
        })();
        """;

    private static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src '{Hash(Style)}'; script-src '{Hash(Script)}'; img-src data:; base-uri 'none'; form-action 'none'";

    public string Format => "html";

    public async Task WriteAsync(ScanReport report, Stream output, CancellationToken cancellationToken)
    {
        var text = Render(report);
        await output.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
    }

    internal static string Render(ScanReport report)
    {
        var outcomes = ReportOutcomes.Align(report);
        var verdict = ReportNames.Of(report.Decision.Verdict);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append("<meta name=\"referrer\" content=\"no-referrer\">\n");
        h.Append("<title>ModelGate: ").Append(verdict.ToUpperInvariant()).Append(" — ").Append(Escape(report.Target)).Append("</title>\n");
        h.Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n");

        WriteSummary(h, report, outcomes, verdict);
        if (report.Assessment is { } assessment)
            AssessmentHtml.Write(h, assessment);
        WriteFindings(h, report, outcomes);
        WriteWaivers(h, report.Decision);
        WriteVulnerabilities(h, report);
        WriteArtifacts(h, report);
        WriteProvenance(h, report);
        WritePackages(h, report);

        h.Append("<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void WriteSummary(StringBuilder h, ScanReport report, FindingOutcome?[] outcomes, string verdict)
    {
        h.Append("<header>\n<h1>ModelGate report for <code>").Append(Escape(report.Target)).Append("</code></h1>\n");
        h.Append("<p><span id=\"decision\" class=\"decision ").Append(verdict).Append("\" role=\"status\">Decision: ")
            .Append(verdict.ToUpperInvariant()).Append("</span></p>\n");
        h.Append("<ul id=\"reasons\">\n");
        foreach (var reason in report.Decision.Reasons)
            h.Append("<li>").Append(Escape(reason)).Append("</li>\n");
        h.Append("</ul>\n");
        h.Append("<p class=\"meta\">Policy: ").Append(Escape(report.Decision.Policy))
            .Append(" · modelgate ").Append(Escape(report.Tool.Version))
            .Append(" · ").Append(report.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        if (report.AdvisorySource is not null)
            h.Append(" · Advisories: ").Append(Escape(report.AdvisorySource));
        if (report.Environment is not null)
            h.Append(" · Environment: ").Append(Escape(report.Environment));
        h.Append("</p>\n<ul class=\"counts\">\n");
        Count(h, "packages", report.Inventory.Packages.Count);
        Count(h, "vulnerabilities", report.Vulnerabilities.Count);
        Count(h, "model files", report.ArtifactsScanned ? report.Artifacts.Count(a => a.Container is null) : report.Inventory.ModelArtifacts.Count);
        Count(h, "findings", report.Findings.Count);
        foreach (var action in new[] { FindingAction.Fail, FindingAction.Warn, FindingAction.Waived })
            Count(h, ReportNames.Of(action), Enumerable.Range(0, report.Findings.Count).Count(i => ReportOutcomes.ActionOf(report.Findings[i], outcomes[i]) == action));
        foreach (var severity in Enum.GetValues<Severity>().Reverse())
            Count(h, ReportNames.Of(severity), report.Findings.Count(f => f.Severity == severity));
        h.Append("</ul>\n</header>\n");
    }

    private static void Count(StringBuilder h, string label, int count) =>
        h.Append("<li><b>").Append(count.ToString(CultureInfo.InvariantCulture)).Append("</b> ").Append(Escape(label)).Append("</li>\n");

    private static void WriteFindings(StringBuilder h, ScanReport report, FindingOutcome?[] outcomes)
    {
        h.Append("<section>\n<h2>Findings</h2>\n");
        if (report.Findings.Count == 0)
        {
            h.Append("<p class=\"empty\">No findings.</p>\n</section>\n");
            return;
        }
        h.Append("<table id=\"findings\" class=\"sortable\">\n<thead><tr><th data-type=\"number\">Severity</th><th>Outcome</th><th>Rule</th><th>Location</th><th>Finding</th><th>Remediation</th></tr></thead>\n<tbody>\n");
        for (var i = 0; i < report.Findings.Count; i++)
        {
            var f = report.Findings[i];
            var action = ReportOutcomes.ActionOf(f, outcomes[i]);
            var severity = ReportNames.Of(f.Severity);
            h.Append("<tr>");
            h.Append("<td class=\"sev-").Append(severity).Append("\" data-key=\"").Append(((int)f.Severity).ToString(CultureInfo.InvariantCulture)).Append("\">").Append(severity).Append("</td>");
            h.Append("<td class=\"out-").Append(ReportNames.Of(action)).Append("\">").Append(ReportNames.Of(action));
            if (outcomes[i] is { } outcome)
            {
                h.Append("<br><small>").Append(Escape(outcome.By)).Append("</small>");
                if (outcome.Message is not null)
                    h.Append("<br><small>").Append(Escape(outcome.Message)).Append("</small>");
            }
            h.Append("</td>");
            h.Append("<td><span title=\"").Append(Escape(f.Rule.Title)).Append("\">").Append(Escape(f.Rule.Id)).Append("</span></td>");
            h.Append("<td><code>").Append(Escape(f.Location?.ToString() ?? f.Artifact ?? f.Package ?? "-")).Append("</code></td>");
            h.Append("<td><b>").Append(Escape(f.Title)).Append("</b><br>").Append(Escape(f.Message));
            if (f.Package is not null)
                h.Append("<br><small>package: ").Append(Escape(f.Package)).Append("</small>");
            if (f.Threats.Count > 0)
                h.Append("<br><small>threats: ").Append(Escape(string.Join(", ", f.Threats.Select(t => t.Id)))).Append("</small>");
            if (f.Evidence.Count > 0)
            {
                h.Append("<details><summary>Evidence (").Append(f.Evidence.Count.ToString(CultureInfo.InvariantCulture)).Append(")</summary><ul class=\"evidence\">");
                foreach (var line in f.Evidence)
                    h.Append("<li><code>").Append(Escape(line)).Append("</code></li>");
                h.Append("</ul></details>");
            }
            h.Append("</td>");
            h.Append("<td>").Append(Escape(f.Remediation ?? "")).Append("</td>");
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void WriteWaivers(StringBuilder h, PolicyDecision decision)
    {
        if (decision.Waivers.Count == 0)
            return;
        h.Append("<section>\n<h2>Waivers</h2>\n<table id=\"waivers\" class=\"sortable\">\n<thead><tr><th>Waiver</th><th>Status</th><th data-type=\"number\">Matched</th><th>Expires</th><th>Owner</th><th>Reason</th></tr></thead>\n<tbody>\n");
        foreach (var w in decision.Waivers)
        {
            h.Append("<tr><td><code>").Append(Escape(w.Id)).Append("</code></td><td>").Append(ReportNames.Of(w.Status))
                .Append("</td><td>").Append(w.Matched.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(w.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Escape(w.Owner)).Append("</td><td>").Append(Escape(w.Reason)).Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void WriteVulnerabilities(StringBuilder h, ScanReport report)
    {
        if (report.Vulnerabilities.Count == 0)
            return;
        h.Append("<section>\n<h2>Vulnerabilities</h2>\n<table id=\"vulnerabilities\" class=\"sortable\">\n<thead><tr><th>Package</th><th>Version</th><th>Advisory</th><th data-type=\"number\">Severity</th><th>Summary</th><th>Fixed in</th><th>Upgrade to</th><th>Where</th></tr></thead>\n<tbody>\n");
        foreach (var v in report.Vulnerabilities)
        {
            var severity = v.Severity is { } s ? ReportNames.Of(s) : "unknown";
            var rank = v.Severity is { } r ? (int)r : -1;
            var label = v.Cvss is null ? severity : string.Create(CultureInfo.InvariantCulture, $"{severity} ({v.Cvss.Score:0.0})");
            var upgrade = v.Recommended is null ? "—" : v.Recommended + (v.RecommendedCrossesMajor ? " (major)" : string.Empty);
            h.Append("<tr><td>").Append(Escape(v.Package.Name)).Append("</td><td>").Append(Escape(v.Package.Version ?? ""))
                .Append("</td><td>").Append(Escape(string.Join(", ", v.Ids)))
                .Append("</td><td class=\"sev-").Append(severity).Append("\" data-key=\"").Append(rank.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(Escape(label))
                .Append("</td><td>").Append(Escape(v.Summary ?? ""))
                .Append("</td><td>").Append(Escape(string.Join(", ", v.Fixed)))
                .Append("</td><td>").Append(Escape(upgrade))
                .Append("</td><td><code>").Append(Escape(v.Package.Source.ToString())).Append("</code></td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void WriteArtifacts(StringBuilder h, ScanReport report)
    {
        if (report.ArtifactsScanned && report.Artifacts.Count > 0)
        {
            h.Append("<section>\n<h2>Model files</h2>\n<table id=\"artifacts\" class=\"sortable\">\n<thead><tr><th>File</th><th>Format</th><th data-type=\"number\">Size</th><th>Verdict</th><th>Rules</th><th>SHA-256</th></tr></thead>\n<tbody>\n");
            foreach (var a in report.Artifacts)
            {
                h.Append("<tr><td><code>").Append(Escape(a.Path)).Append("</code></td><td>").Append(Escape(a.Format))
                    .Append("</td><td data-key=\"").Append(a.Size.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(Escape(HumanUnits.Bytes(a.Size)))
                    .Append("</td><td>").Append(ReportNames.Of(a.Verdict))
                    .Append("</td><td>").Append(Escape(string.Join(", ", a.Rules)))
                    .Append("</td><td><code>").Append(Escape(a.Sha256 ?? "")).Append("</code></td></tr>\n");
            }
            h.Append("</tbody>\n</table>\n</section>\n");
        }
        else if (report.Inventory.ModelArtifacts.Count > 0)
        {
            h.Append("<section>\n<h2>Model files (listed, not scanned)</h2>\n<table id=\"artifacts\" class=\"sortable\">\n<thead><tr><th>File</th><th>Format</th><th data-type=\"number\">Size</th><th>SHA-256</th></tr></thead>\n<tbody>\n");
            foreach (var a in report.Inventory.ModelArtifacts)
            {
                h.Append("<tr><td><code>").Append(Escape(a.Source.Path)).Append("</code></td><td>").Append(Escape(a.Format))
                    .Append("</td><td data-key=\"").Append(a.Size.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(Escape(HumanUnits.Bytes(a.Size)))
                    .Append("</td><td><code>").Append(Escape(a.Digests.GetValueOrDefault("sha256") ?? "")).Append("</code></td></tr>\n");
            }
            h.Append("</tbody>\n</table>\n</section>\n");
        }
    }

    private static void WriteProvenance(StringBuilder h, ScanReport report)
    {
        if (report.Provenance.Count == 0)
            return;
        h.Append("<section>\n<h2>Provenance</h2>\n");
        foreach (var model in report.Provenance)
        {
            h.Append("<p><code>").Append(Escape(model.Repo)).Append("</code> revision ").Append(Escape(model.RequestedRevision ?? "(default)"))
                .Append(" at commit <code>").Append(Escape(model.Commit)).Append("</code>, pinned by ").Append(ReportNames.Of(model.Pin));
            if (model.LockFile is not null)
                h.Append(" (").Append(Escape(model.LockFile)).Append(')');
            h.Append("</p>\n<table class=\"sortable\">\n<thead><tr><th>File</th><th>Status</th><th data-type=\"number\">Size</th><th>SHA-256</th><th>Detail</th></tr></thead>\n<tbody>\n");
            foreach (var file in model.Files)
            {
                h.Append("<tr><td><code>").Append(Escape(file.Path)).Append("</code></td><td>").Append(ReportNames.Of(file.Status))
                    .Append("</td><td data-key=\"").Append((file.Size ?? -1).ToString(CultureInfo.InvariantCulture)).Append("\">").Append(file.Size is { } size ? Escape(HumanUnits.Bytes(size)) : "")
                    .Append("</td><td><code>").Append(Escape(file.Sha256 ?? "")).Append("</code></td><td>").Append(Escape(file.Detail ?? "")).Append("</td></tr>\n");
            }
            h.Append("</tbody>\n</table>\n");
        }
        h.Append("</section>\n");
    }

    private static void WritePackages(StringBuilder h, ScanReport report)
    {
        if (report.Inventory.Packages.Count == 0)
            return;
        h.Append("<section>\n<h2>Packages</h2>\n<table id=\"packages\" class=\"sortable\">\n<thead><tr><th>Package</th><th>Version</th><th>Specifier</th><th>Direct</th><th>Origin</th><th>Where</th></tr></thead>\n<tbody>\n");
        foreach (var p in report.Inventory.Packages)
        {
            h.Append("<tr><td>").Append(Escape(p.Name)).Append("</td><td>").Append(Escape(p.Version ?? ""))
                .Append("</td><td><code>").Append(Escape(p.Specifier)).Append("</code></td><td>").Append(p.Direct ? "direct" : "transitive")
                .Append("</td><td>").Append(ReportNames.Of(p.Origin))
                .Append("</td><td><code>").Append(Escape(p.Source.ToString())).Append("</code></td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>Escapes the five characters that matter in HTML text and quoted attribute values.</summary>
    internal static string Escape(string text)
    {
        var s = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            s.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? (char.IsControl(c) && c is not '\n' and not '\t' ? "\uFFFD" : c.ToString()));
        }
        return s.ToString();
    }

    /// <summary>A CSP source expression (CSP Level 3 §2.3.1 hash-source) for an inline element's exact text.</summary>
    private static string Hash(string inline) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)));
}
