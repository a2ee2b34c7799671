using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Policy;
using ModelGate.Provenance;
using ModelGate.Reporting;
using Spectre.Console;

namespace ModelGate.Cli.Rendering;

/// <summary>The human-readable report: the inventory as tables, then findings, then the decision.</summary>
internal static class TableReport
{
    public static void Render(IAnsiConsole console, ScanReport report, ReportView view)
    {
        var inventory = report.Inventory;
        var what = view switch { ReportView.Scan => "scan", ReportView.Models => "model scan", ReportView.Verify => "verification", _ => "inventory" };
        console.MarkupLine($"[bold]ModelGate {Markup.Escape(report.Tool.Version)}[/] — {what} of [bold]{Markup.Escape(report.Target)}[/]");
        if (report.Environment is not null)
            console.MarkupLine($"Markers evaluated for {Markup.Escape(report.Environment)}");
        if (view == ReportView.Verify)
        {
            // model-signing verify reports no lock provenance: its findings say what was checked.
            if (report.Provenance.Count > 0)
                console.MarkupLine($"{report.Provenance.Sum(p => p.Files.Count)} file(s) checked against {Markup.Escape(report.Provenance[0].LockFile ?? "the lock")}");
        }
        else if (view == ReportView.Models)
            console.MarkupLine($"{inventory.ModelArtifacts.Count} model file(s), {report.Artifacts.Count(a => a.Container is not null)} member(s) inside them");
        else
            console.MarkupLine($"{inventory.SourceFiles.Count} file(s) read, {inventory.Packages.Count} package(s), {inventory.Constraints.Count} constraint(s), {inventory.Skipped.Count} skipped");
        console.WriteLine();

        if (inventory.Packages.Count > 0)
            console.Write(PackageTable("Packages", inventory.Packages));
        if (inventory.Constraints.Count > 0)
            console.Write(PackageTable("Constraints (restrict versions, install nothing)", inventory.Constraints));
        if (inventory.Skipped.Count > 0)
        {
            var skipped = new Table { Title = new TableTitle("Skipped"), Border = TableBorder.Rounded };
            skipped.AddColumns("Package", "Reference", "Source", "Reason");
            foreach (var s in inventory.Skipped)
                skipped.AddRow(Markup.Escape(s.Package.Name), Markup.Escape(s.Package.Url is null ? s.Package.Specifier : UrlRedaction.Redact(s.Package.Url)), Markup.Escape(s.Package.Source.ToString()), Markup.Escape(s.Reason));
            console.Write(skipped);
        }

        if (report.ArtifactsScanned && report.Artifacts.Count > 0)
            console.Write(ArtifactTable(report));
        else if (inventory.ModelArtifacts.Count > 0)
            console.Write(ListedArtifactTable(inventory.ModelArtifacts));

        if (report.Provenance.Count > 0)
            console.Write(ProvenanceTable(report));

        if (report.Vulnerabilities.Count > 0)
            console.Write(VulnerabilityTable(report));

        // Vulnerabilities have their own table; the findings table shows everything else.
        var otherFindings = report.Findings.Where(f => f.Kind != FindingKind.Vulnerability || f.Rule.Id != Rules.KnownVulnerability.Id).ToList();
        if (otherFindings.Count > 0)
        {
            var findings = new Table { Title = new TableTitle(view == ReportView.Inventory ? "Problems reading the inputs" : "Findings"), Border = TableBorder.Rounded };
            findings.AddColumns("Severity", "Rule", "Location", "Finding");
            foreach (var f in otherFindings)
                findings.AddRow(SeverityMarkup(f.Severity), f.Rule.Id, Markup.Escape(f.Location?.ToString() ?? "-"), Markup.Escape($"{f.Title}: {f.Message}"));
            console.Write(findings);
        }
        else if (view != ReportView.Inventory && report.Vulnerabilities.Count == 0)
        {
            console.MarkupLine("No findings.");
        }

        if (report.AdvisorySource is not null)
            console.MarkupLine($"Advisories: {Markup.Escape(report.AdvisorySource)}");

        if (view != ReportView.Inventory)
        {
            console.WriteLine();
            var verdict = report.Decision.Verdict switch
            {
                Verdict.Fail => "[bold red]FAIL[/]",
                Verdict.Warn => "[bold yellow]WARN[/]",
                _ => "[bold green]PASS[/]",
            };
            console.MarkupLine($"Decision: {verdict}");
            foreach (var reason in report.Decision.Reasons)
                console.MarkupLine($"  - {Markup.Escape(reason)}");
            if (report.Decision.Policy != GatePolicy.BuiltInDefault)
                console.MarkupLine($"Policy: {Markup.Escape(report.Decision.Policy)}");
            foreach (var waiver in report.Decision.Waivers)
            {
                var until = waiver.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                console.MarkupLine(Markup.Escape($"  waiver {waiver.Id}: {ReportNames.Of(waiver.Status)}, {waiver.Matched} finding(s) matched (owner {waiver.Owner}, until {until})"));
            }
        }
    }

    /// <summary>Each model's commit and pin, then its files with their check result.</summary>
    private static Table ProvenanceTable(ScanReport report)
    {
        var table = new Table { Title = new TableTitle("Provenance"), Border = TableBorder.Rounded };
        table.AddColumns("Model / file", "Commit / hash", "Pinned by / size", "Check");
        foreach (var model in report.Provenance)
        {
            var revision = model.RequestedRevision is null ? "" : "@" + model.RequestedRevision;
            table.AddRow(Markup.Escape(model.Repo + revision), Markup.Escape(model.Commit), Markup.Escape(ReportNames.Of(model.Pin)), Markup.Escape(model.LockFile ?? model.Source ?? ""));
            foreach (var file in model.Files)
            {
                var hash = file.Sha256 is not null ? "sha256:" + file.Sha256[..Math.Min(16, file.Sha256.Length)] + "…"
                    : file.GitBlobId is not null ? "git-blob:" + file.GitBlobId[..Math.Min(16, file.GitBlobId.Length)] + "…" : "-";
                var check = file.Status == ProvenanceFileStatus.Verified ? "[green]verified[/]" : $"[red]{Markup.Escape(ReportNames.Of(file.Status))}[/]";
                table.AddRow(Markup.Escape("  " + file.Path), Markup.Escape(hash), Markup.Escape(file.Size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"), check);
            }
        }
        return table;
    }

    /// <summary>One block per package line: the package once, then each advisory group under it.</summary>
    private static Table VulnerabilityTable(ScanReport report)
    {
        var table = new Table { Title = new TableTitle($"Known vulnerabilities ({report.Vulnerabilities.Count})"), Border = TableBorder.Rounded };
        table.AddColumns("Package", "Id", "Severity", "Fixed in", "Upgrade to", "Source");
        foreach (var block in report.Vulnerabilities.GroupBy(v => (v.Package.Name, v.Package.Version, Source: v.Package.Source.ToString())))
        {
            var first = true;
            foreach (var v in block)
            {
                var ids = v.Ids.Count > 1 ? $"{v.Ids[0]} ({string.Join(", ", v.Ids.Skip(1))})" : v.Ids[0];
                var severity = v.Severity is { } s ? SeverityMarkup(s) : "[red]unknown[/]";
                if (v.Cvss is not null)
                    severity += string.Create(System.Globalization.CultureInfo.InvariantCulture, $" {v.Cvss.Score:0.0}");
                var upgrade = v.Recommended is null ? "-" : v.Recommended + (v.RecommendedCrossesMajor ? " (major)" : "");
                table.AddRow(
                    first ? Markup.Escape($"{block.Key.Name} {block.Key.Version}") : "",
                    Markup.Escape(ids),
                    severity,
                    Markup.Escape(v.Fixed.Count == 0 ? "-" : string.Join(", ", v.Fixed)),
                    Markup.Escape(first ? upgrade : ""),
                    first ? Markup.Escape(block.Key.Source) : "");
                first = false;
            }
        }
        return table;
    }

    private static Table ArtifactTable(ScanReport report)
    {
        var table = new Table { Title = new TableTitle("Model files"), Border = TableBorder.Rounded };
        table.AddColumns("Artifact", "Format", "Size", "Verdict", "Findings");
        foreach (var a in report.Artifacts)
        {
            var path = a.Container is null ? a.Path : "  " + a.Path[(a.Container.Length)..];
            table.AddRow(Markup.Escape(path), Markup.Escape(a.Format), a.Size.ToString(System.Globalization.CultureInfo.InvariantCulture), VerdictMarkup(a.Verdict), a.Findings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return table;
    }

    private static Table ListedArtifactTable(IReadOnlyList<ModelArtifact> artifacts)
    {
        var table = new Table { Title = new TableTitle("Model files"), Border = TableBorder.Rounded };
        table.AddColumns("Artifact", "Format", "Size", "SHA-256");
        foreach (var a in artifacts)
            table.AddRow(Markup.Escape(a.Source.Path), Markup.Escape(a.Format), a.Size.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(a.Digests.GetValueOrDefault("sha256") ?? "-"));
        return table;
    }

    private static string VerdictMarkup(Artifacts.ArtifactVerdict verdict) => verdict switch
    {
        Artifacts.ArtifactVerdict.Malicious => "[bold red]malicious[/]",
        Artifacts.ArtifactVerdict.Error => "[red]error[/]",
        Artifacts.ArtifactVerdict.Suspicious => "[yellow]suspicious[/]",
        _ => "[green]clean[/]",
    };

    private static Table PackageTable(string title, IReadOnlyList<InventoryPackage> packages)
    {
        var table = new Table { Title = new TableTitle(title), Border = TableBorder.Rounded };
        table.AddColumns("Ecosystem", "Package", "Version", "Specifier", "Direct", "Group", "Source", "Hashes");
        foreach (var p in packages)
        {
            table.AddRow(
                Markup.Escape(p.Ecosystem),
                Markup.Escape(p.Name),
                Markup.Escape(p.Version ?? "-"),
                Markup.Escape(p.Specifier.Length == 0 ? "*" : p.Specifier),
                p.Direct ? "yes" : "no",
                Markup.Escape(p.Group ?? ""),
                Markup.Escape(p.Source.ToString()),
                p.Hashes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return table;
    }

    private static string SeverityMarkup(Severity severity) => severity switch
    {
        Severity.Critical => "[bold red]critical[/]",
        Severity.High => "[red]high[/]",
        Severity.Medium => "[yellow]medium[/]",
        Severity.Low => "[blue]low[/]",
        _ => "[grey]info[/]",
    };
}
