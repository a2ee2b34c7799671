using Microsoft.Playwright;
using ModelGate.Assessment;
using ModelGate.Reporting.Html;
using ModelGate.Scanning;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Reporting;

/// <summary>
/// The assessment section of the HTML report in headless Debian chromium (as <see cref="HtmlReportBrowserTests"/>):
/// the overall verdict, the four parts, the quoted clauses, and card text that tries to run script shown as text.
/// </summary>
public sealed class AssessmentHtmlBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    [Fact]
    public async Task The_assessment_shows_its_parts_clauses_and_escaped_card_text()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (.ci/run does)");
        using var model = new TempTree();
        model.Write("README.md", """
            ---
            license: cc-by-nc-4.0
            tags: ["<script>window.__pwned=1</script>"]
            datasets: [wikipedia]
            ---
            # <img src=x onerror="window.__pwned=1"> demo
            ## Limitations and bias
            Released for non-commercial use only <script>window.__pwned=1</script>.
            """);
        var scanner = ScannerBuilder.CreateDefault().AddAnalyzer(new AssessmentAnalyzer(new AssessmentSettings())).Build();
        var report = await scanner.ScanAsync(model.Root, new ScanOptions());
        using var output = new TempTree();
        var path = output.Write("assessment.html", await ReportSamples.WriteAsync(new HtmlReportWriter(), report));
        var reportUrl = new Uri(path).AbsoluteUri;

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
        var page = await browser.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => { lock (requests) requests.Add(request.Url); };
        await page.RouteAsync("**/*", route => route.Request.Url == reportUrl ? route.ContinueAsync() : route.AbortAsync());

        await page.GotoAsync(reportUrl);

        var verdict = page.Locator("#assessment-verdict");
        Assert.True(await verdict.IsVisibleAsync());
        Assert.Equal("Assessment: FAIL", (await verdict.InnerTextAsync()).Trim());
        var rows = await page.Locator("#assessment-parts tbody tr").AllInnerTextsAsync();
        Assert.Equal(4, rows.Count);
        var licensing = page.Locator("#assessment-parts tr[data-part=licensing] td");
        Assert.Equal("fail", (await licensing.Nth(1).InnerTextAsync()).Trim());
        Assert.Contains("cc-by-nc-4.0 (non-commercial)", await licensing.Nth(2).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Operational risk: warn", (await page.Locator("#part-operationalRisk").InnerTextAsync()).Trim());
        var clause = page.Locator("#clauses tbody tr").First;
        Assert.Contains("non-commercial", await clause.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("README.md:8", await clause.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("<script>window.__pwned=1</script>", await page.Locator("#assessment").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__pwned === 'undefined'"));
        Assert.Equal([reportUrl], requests);
    }
}
