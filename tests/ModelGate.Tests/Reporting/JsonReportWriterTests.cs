using System.Text;
using System.Text.Json;
using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Policy;
using ModelGate.Reporting;
using ModelGate.Reporting.Json;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Reporting;

public sealed class JsonReportWriterTests
{
    private static ScanReport SampleReport()
    {
        var numpy = new InventoryPackage
        {
            Ecosystem = Ecosystems.PyPI,
            Name = "numpy",
            DeclaredName = "NumPy",
            Version = "1.19.5",
            Specifier = "==1.19.5",
            Source = new SourceLocation("requirements.txt", 3),
            Hashes = ["sha256:" + new string('a', 64)],
            Direct = true,
            Marker = "python_version < \"3.10\"",
            IndexUrls = ["https://user:secret@pypi.internal.example/simple"],
            Extractor = "python/requirements",
        };
        var editable = new InventoryPackage
        {
            Ecosystem = Ecosystems.PyPI,
            Name = "mylib",
            Source = new SourceLocation("requirements.txt", 4),
            Url = "./libs/mylib",
            Editable = true,
            Extractor = "python/requirements",
        };
        var finding = new Finding
        {
            Rule = Rules.ParseError,
            Severity = Severity.High,
            Title = Rules.ParseError.Title,
            Message = "line 7: expected a version after '=='",
            Location = new SourceLocation("requirements.txt", 7),
            Evidence = ["numpy=="],
        };
        return new ScanReport
        {
            Tool = new ToolInfo("modelgate", "0.1.0"),
            Target = "examples/demo",
            Inventory = new ScanInventory
            {
                Packages = [numpy],
                Skipped = [new SkippedPackage(editable, "editable install")],
                ModelArtifacts = [new ModelArtifact(new SourceLocation("model.safetensors"), "safetensors", 1024, new Dictionary<string, string> { ["sha256"] = new string('b', 64) })],
                SourceFiles = ["model.safetensors", "requirements.txt"],
            },
            Findings = [finding],
            Decision = GatePolicy.Default.Decide([finding]),
            Timestamp = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero),
        };
    }

    private static async Task<string> WriteAsync(ScanReport report)
    {
        using var stream = new MemoryStream();
        await new JsonReportWriter().WriteAsync(report, stream, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task The_report_matches_the_golden_file()
    {
        Golden.AssertMatches(await WriteAsync(SampleReport()), "sample-report.json");
    }

    [Fact]
    public async Task Credentials_in_index_urls_are_never_written()
    {
        var json = await WriteAsync(SampleReport());

        Assert.DoesNotContain("secret", json, StringComparison.Ordinal);
        Assert.Contains("https://***@pypi.internal.example/simple", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpinned_packages_have_a_null_version()
    {
        var report = SampleReport();
        report = report with { Inventory = report.Inventory with { Packages = [report.Inventory.Skipped[0].Package] } };

        using var doc = JsonDocument.Parse(await WriteAsync(report));

        var package = doc.RootElement.GetProperty("packages")[0];
        Assert.Equal(JsonValueKind.Null, package.GetProperty("version").ValueKind);
        Assert.Equal("", package.GetProperty("specifier").GetString());
    }

    [Theory]
    [InlineData("https://user:pw@host/simple", "https://***@host/simple")]
    [InlineData("https://host/simple", "https://host/simple")]
    [InlineData("git+https://github.com/org/repo@v1.0#egg=x", "git+https://github.com/org/repo@v1.0#egg=x")]
    [InlineData("git+https://token@github.com/org/repo@main", "git+https://***@github.com/org/repo@main")]
    [InlineData("./local/path", "./local/path")]
    public void Url_credentials_are_redacted(string url, string expected)
    {
        Assert.Equal(expected, UrlRedaction.Redact(url));
    }
}
