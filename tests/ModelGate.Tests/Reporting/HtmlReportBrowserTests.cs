using Microsoft.Playwright;
using ModelGate.Reporting.Html;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Reporting;

/// <summary>
/// The HTML report in a real headless browser: Debian's chromium, driven by Playwright's bundled driver (no
/// browser is ever downloaded). Every request the page makes is recorded and every one but the report's own
/// document is aborted.
/// </summary>
public sealed class HtmlReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    [Fact]
    public async Task The_report_renders_sorts_and_runs_nothing_from_the_report_text()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (.ci/run does)");
        using var tree = new TempTree();
        var path = tree.Write("report.html", await ReportSamples.WriteAsync(new HtmlReportWriter(), ReportSamples.Failing(hostile: true)));
        var reportUrl = new Uri(path).AbsoluteUri;

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
        var page = await browser.NewPageAsync();
        var requests = new List<string>();
        var consoleErrors = new List<string>();
        page.Request += (_, request) => { lock (requests) requests.Add(request.Url); };
        page.Console += (_, message) => { if (message.Type == "error") lock (consoleErrors) consoleErrors.Add(message.Text); };
        await page.RouteAsync("**/*", route => route.Request.Url == reportUrl ? route.ContinueAsync() : route.AbortAsync());

        await page.GotoAsync(reportUrl);

        var decision = page.Locator("#decision");
        Assert.True(await decision.IsVisibleAsync());
        Assert.Equal("Decision: FAIL", (await decision.InnerTextAsync()).Trim());
        Assert.Contains("<script>window.__pwned=1</script>", await page.Locator("#findings").InnerTextAsync(), StringComparison.Ordinal);

        var before = await SeverityColumnAsync(page);
        await page.Locator("#findings th", new() { HasText = "Severity" }).ClickAsync();
        var ascending = await SeverityColumnAsync(page);
        await page.Locator("#findings th", new() { HasText = "Severity" }).ClickAsync();
        var descending = await SeverityColumnAsync(page);

        string[] ranks = ["info", "low", "medium", "high", "critical"];
        Assert.NotEqual(before, ascending);
        Assert.Equal(ascending.OrderBy(s => Array.IndexOf(ranks, s)), ascending);
        Assert.Equal(ascending.OrderByDescending(s => Array.IndexOf(ranks, s)), descending);
        Assert.Equal("critical", descending[0]);

        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__pwned === 'undefined'"));
        Assert.Equal([reportUrl], requests);
        Assert.Empty(consoleErrors);
    }

    private static async Task<List<string>> SeverityColumnAsync(IPage page) =>
        [.. (await page.Locator("#findings tbody tr td:first-child").AllInnerTextsAsync()).Select(t => t.Trim())];
}
