using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ModelGate.Reporting;
using ModelGate.Reporting.Html;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Reporting;

public sealed partial class HtmlReportWriterTests
{
    private static Task<string> HtmlAsync(ScanReport report) => ReportSamples.WriteAsync(new HtmlReportWriter(), report);

    [Fact]
    public async Task The_report_matches_the_golden_file()
    {
        Golden.AssertMatches(await HtmlAsync(ReportSamples.Failing()), "failing.html");
    }

    [Fact]
    public async Task Equal_reports_give_equal_bytes()
    {
        Assert.Equal(await HtmlAsync(ReportSamples.Failing()), await HtmlAsync(ReportSamples.Failing()));
    }

    [Fact]
    public async Task Hostile_text_is_escaped_everywhere_it_appears()
    {
        var html = await HtmlAsync(ReportSamples.Failing(hostile: true));

        Assert.Equal(1, Count(html, "<script>"));
        Assert.DoesNotContain("\"onmouseover=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;&quot;onmouseover=&quot;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a<b", "a&lt;b")]
    [InlineData("\"x\" & 'y'", "&quot;x&quot; &amp; &#39;y&#39;")]
    [InlineData("tab\tand\nline", "tab\tand\nline")]
    [InlineData("nul\0bell\a", "nul\uFFFDbell\uFFFD")]
    [InlineData("modèle 模型", "modèle 模型")]
    public void Escape_replaces_markup_characters_and_controls(string text, string escaped)
    {
        Assert.Equal(escaped, HtmlReportWriter.Escape(text));
    }

    [Fact]
    public async Task Nothing_is_loaded_from_anywhere()
    {
        var html = await HtmlAsync(ReportSamples.Failing());

        Assert.DoesNotMatch(ExternalReference(), html);
    }

    [Fact]
    public async Task The_content_security_policy_admits_exactly_the_inline_style_and_script()
    {
        var html = await HtmlAsync(ReportSamples.Failing());

        var csp = CspMeta().Match(html).Groups[1].Value;
        Assert.StartsWith("default-src 'none'", csp, StringComparison.Ordinal);
        var style = StyleElement().Match(html).Groups[1].Value;
        var script = ScriptElement().Match(html).Groups[1].Value;
        Assert.Contains($"style-src 'sha256-{Sha256(style)}'", csp, StringComparison.Ordinal);
        Assert.Contains($"script-src 'sha256-{Sha256(script)}'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("failing", "Decision: FAIL", "decision fail")]
    [InlineData("passing", "Decision: PASS", "decision pass")]
    public async Task The_decision_is_shown_as_text_and_colour(string sample, string text, string cssClass)
    {
        var html = await HtmlAsync(sample == "failing" ? ReportSamples.Failing() : ReportSamples.Passing());

        Assert.Contains($"class=\"{cssClass}\" role=\"status\">{text}</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_inventory_sections_are_present()
    {
        var html = await HtmlAsync(ReportSamples.Failing());

        foreach (var section in new[] { "<h2>Findings</h2>", "<h2>Waivers</h2>", "<h2>Vulnerabilities</h2>", "<h2>Model files</h2>", "<h2>Provenance</h2>", "<h2>Packages</h2>" })
            Assert.Contains(section, html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_writer_is_registered_for_the_html_format()
    {
        Assert.IsType<HtmlReportWriter>(ReportWriters.Find("html"));
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static string Sha256(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("(?:src|href)\\s*=|url\\(|@import|https?://", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">")]
    private static partial Regex CspMeta();

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptElement();
}
