namespace ModelGate.Reporting;

/// <summary>The one table of file-format report writers (the terminal table lives in the CLI).</summary>
public static class ReportWriters
{
    public static IReadOnlyList<IReportWriter> All { get; } =
    [
        new Json.JsonReportWriter(),
        new Markdown.MarkdownReportWriter(),
        new Sarif.SarifReportWriter(),
        new Html.HtmlReportWriter(),
        new CycloneDx.CycloneDxReportWriter(),
    ];

    public static IReportWriter? Find(string format) =>
        All.FirstOrDefault(w => string.Equals(w.Format, format, StringComparison.OrdinalIgnoreCase));
}
