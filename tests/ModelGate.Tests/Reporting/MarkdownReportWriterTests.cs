using ModelGate.Reporting;
using ModelGate.Reporting.Markdown;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Reporting;

public sealed class MarkdownReportWriterTests
{
    private static Task<string> MarkdownAsync(ScanReport report) => ReportSamples.WriteAsync(new MarkdownReportWriter(), report);

    [Fact]
    public async Task The_report_matches_the_golden_file()
    {
        Golden.AssertMatches(await MarkdownAsync(ReportSamples.Failing()), "failing.md");
    }

    [Fact]
    public async Task A_clean_report_is_the_decision_and_one_line()
    {
        Golden.AssertMatches(await MarkdownAsync(ReportSamples.Passing()), "passing.md");
    }

    [Fact]
    public async Task The_decision_and_its_reasons_come_first_then_what_fails_then_the_rest_collapsed()
    {
        var lines = (await MarkdownAsync(ReportSamples.Failing())).Split('\n');

        Assert.Equal("## ModelGate: ❌ FAIL", lines[0]);
        Assert.Equal("- 2 artifact finding(s) (MG2001, MG2002) at or above high: fail", lines[2]);
        var fails = Array.IndexOf(lines, "### What fails (2)");
        var firstDetails = Array.FindIndex(lines, l => l.StartsWith("<details>", StringComparison.Ordinal));
        Assert.InRange(fails, 3, firstDetails);
        var failTable = lines[(fails + 1)..firstDetails];
        Assert.Equal(2, failTable.Count(l => l.StartsWith("| critical |", StringComparison.Ordinal) || l.StartsWith("| high | MG2002", StringComparison.Ordinal)));
        Assert.DoesNotContain(failTable, l => l.Contains("MG1001", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Warnings (1)")]
    [InlineData("Other findings: passed, ignored or waived (3)")]
    [InlineData("Vulnerabilities (2)")]
    [InlineData("Model files (2)")]
    [InlineData("Provenance (1)")]
    [InlineData("Waivers (2)")]
    public async Task Everything_but_the_failures_is_inside_details(string summary)
    {
        var markdown = await MarkdownAsync(ReportSamples.Failing());

        Assert.Contains($"<details><summary>{summary}</summary>\n\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_text_cannot_break_the_table_or_add_markup()
    {
        var markdown = await MarkdownAsync(ReportSamples.Failing(hostile: true));

        Assert.DoesNotContain("<script>", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", markdown, StringComparison.Ordinal);
        var row = markdown.Split('\n').Single(l => l.StartsWith("| high | MG0001 |", StringComparison.Ordinal));
        Assert.Equal(6, row.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|'));
    }

    [Fact]
    public async Task Ten_thousand_failing_findings_still_fit_in_a_pull_request_comment()
    {
        var findings = Enumerable.Range(0, 10_000)
            .Select(i => ReportSamples.PickleSystem with { Location = new Inventory.SourceLocation($"models/m{i}.pkl", Offset: 2), Artifact = $"models/m{i}.pkl" })
            .ToList();
        var report = ReportSamples.Passing() with { Findings = findings, Decision = ModelGate.Policy.GatePolicy.Default.Decide(findings) };

        var markdown = await MarkdownAsync(report);

        Assert.InRange(markdown.Length, 1, 65_536);
        Assert.Contains($"… and {10_000 - MarkdownReportWriter.MaxRows} more: see the full report", markdown, StringComparison.Ordinal);
    }
}
