using System.Text.Json;
using ModelGate.Advisories;
using ModelGate.Advisories.Sources;
using ModelGate.Analyzers;
using ModelGate.Policy;
using ModelGate.Provenance.Locks;
using ModelGate.Reporting;
using ModelGate.Reporting.CycloneDx;
using ModelGate.Scanning;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Reporting;

public sealed class CycloneDxReportWriterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static string Example(string name) => Path.Combine(RepositoryPaths.Root, "examples", name);

    /// <summary>The example scanned as <c>modelgate bom</c> does: advisories from its folder, its lock, every model file hashed.</summary>
    internal static async Task<ScanReport> ScanExampleAsync(string name, string? folder = null)
    {
        var root = folder ?? Example(name);
        var builder = ScannerBuilder.CreateDefault()
            .UseAdvisories(new FileAdvisoryProvider(Path.Combine(Example(name), "advisories")), new VulnerabilityOptions())
            .UseTimeProvider(new FixedClock(Now));
        var lockPath = Path.Combine(Example(name), "modelgate.lock.json");
        if (File.Exists(lockPath))
            builder.AddAnalyzer(new LockVerificationAnalyzer(ModelLockFile.Read(lockPath), "modelgate.lock.json"));
        var report = await builder.Build().ScanAsync(root, new ScanOptions { HashArtifacts = true });
        // The advisory source names the folder by its absolute path; the BOM must not depend on where the repository is.
        return report with { AdvisorySource = $"OSV files at examples/{name}/advisories" };
    }

    private static async Task<string> BomAsync(ScanReport report, CycloneDxSpecVersion spec = CycloneDxSpecVersion.V1_6, bool reproducible = true) =>
        await ReportSamples.WriteAsync(new CycloneDxReportWriter(spec, reproducible), report);

    public static TheoryData<string, string> Reports => new()
    {
        { "failing", "1.6" }, { "failing", "1.7" },
        { "passing", "1.6" }, { "passing", "1.7" },
        { "hostile", "1.6" }, { "hostile", "1.7" },
        { "bert-sentiment", "1.6" }, { "bert-sentiment", "1.7" },
        { "sklearn-pandas", "1.6" }, { "sklearn-pandas", "1.7" },
        { "bert-snapshot", "1.6" }, { "bert-snapshot", "1.7" },
    };

    private static async Task<ScanReport> ReportAsync(string name) => name switch
    {
        "failing" => ReportSamples.Failing(),
        "passing" => ReportSamples.Passing(),
        "hostile" => ReportSamples.Failing(hostile: true),
        "bert-snapshot" => await ScanExampleAsync("bert-sentiment", Path.Combine(Example("bert-sentiment"), "model")),
        _ => await ScanExampleAsync(name),
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task Every_BOM_validates_against_the_official_schema_of_its_version(string report, string version)
    {
        Assert.True(CycloneDxSpecVersions.TryParse(version, out var spec));

        var bom = await BomAsync(await ReportAsync(report), spec, reproducible: false);

        CycloneDxSchemas.AssertValid(bom);
        using var doc = JsonDocument.Parse(bom);
        Assert.Equal(version, doc.RootElement.GetProperty("specVersion").GetString());
    }

    /// <summary>Every model-card fixture of the card reader, each in its own model folder with a config.json.</summary>
    [Theory]
    [InlineData("1.6")]
    [InlineData("1.7")]
    public async Task BOMs_of_every_kind_of_model_card_validate_and_carry_the_card(string version)
    {
        Assert.True(CycloneDxSpecVersions.TryParse(version, out var spec));
        using var tree = new TempTree();
        var cards = Path.Combine(RepositoryPaths.Root, "tests", "ModelGate.Formats.Tests", "ModelCards", "testdata");
        foreach (var card in Directory.GetFiles(cards, "*.md").Where(f => Path.GetFileName(f) != "README.md"))
        {
            var folder = Path.GetFileNameWithoutExtension(card);
            tree.Write($"{folder}/README.md", File.ReadAllText(card));
            tree.Write($"{folder}/config.json", """{"architectures":["LlamaForCausalLM"],"model_type":"llama"}""");
        }
        var report = await ScannerBuilder.CreateDefault().UseTimeProvider(new FixedClock(Now)).Build().ScanAsync(tree.Root, new ScanOptions());

        var bom = await BomAsync(report, spec);

        CycloneDxSchemas.AssertValid(bom);
        using var doc = JsonDocument.Parse(bom);
        var models = doc.RootElement.GetProperty("components").EnumerateArray().Where(c => c.GetProperty("type").GetString() == "machine-learning-model").ToList();
        Assert.Equal(report.Inventory.ModelCards.Count, models.Count);
        Assert.All(models, m => Assert.Equal("llama", m.GetProperty("modelCard").GetProperty("modelParameters").GetProperty("architectureFamily").GetString()));
        Assert.Contains(models, m => m.GetProperty("modelCard").TryGetProperty("quantitativeAnalysis", out _));
        Assert.Contains(models, m => m.TryGetProperty("licenses", out var l) && l[0].GetProperty("license").TryGetProperty("id", out _));
        Assert.Contains(doc.RootElement.GetProperty("components").EnumerateArray(), c => c.GetProperty("type").GetString() == "data");
    }

    [Fact]
    public void The_schema_check_rejects_a_component_without_a_name()
    {
        const string broken = """{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library"}]}""";

        Assert.NotEmpty(CycloneDxSchemas.Errors(broken));
    }

    [Fact]
    public async Task The_bert_sentiment_BOM_matches_the_golden_file()
    {
        Golden.AssertMatches(await BomAsync(await ScanExampleAsync("bert-sentiment")), "bert-sentiment.cdx.json");
    }

    [Fact]
    public async Task The_bert_sentiment_BOM_shows_the_model_with_hashes_its_packages_and_their_vulnerabilities()
    {
        using var doc = JsonDocument.Parse(await BomAsync(await ScanExampleAsync("bert-sentiment")));
        var components = doc.RootElement.GetProperty("components").EnumerateArray().ToList();

        var model = components.Single(c => c.GetProperty("type").GetString() == "machine-learning-model");
        Assert.Equal("pkg:huggingface/google-bert/bert-base-uncased@86b5e0934494bd15c9632b12f734a8a67f723594", model.GetProperty("purl").GetString());
        var files = model.GetProperty("components").EnumerateArray().ToList();
        Assert.Contains(files, f => f.GetProperty("name").GetString() == "model.safetensors" && f.GetProperty("hashes")[0].GetProperty("alg").GetString() == "SHA-256");
        Assert.All(files, f => Assert.Equal(64, f.GetProperty("hashes")[0].GetProperty("content").GetString()!.Length));

        var libraries = components.Where(c => c.GetProperty("type").GetString() == "library").Select(c => c.GetProperty("purl").GetString()).ToList();
        Assert.Equal(13, libraries.Count);
        Assert.Contains("pkg:pypi/requests@2.28.2", libraries);

        var vulnerabilities = doc.RootElement.GetProperty("vulnerabilities").EnumerateArray().ToList();
        var requests = vulnerabilities.Single(v => v.GetProperty("id").GetString() == "PYSEC-2023-74");
        Assert.Equal("pkg:pypi/requests@2.28.2", requests.GetProperty("affects")[0].GetProperty("ref").GetString());
        Assert.Equal("Upgrade requests to 2.31.0.", requests.GetProperty("recommendation").GetString());
        var scored = vulnerabilities.First(v => v.GetProperty("ratings")[0].TryGetProperty("vector", out _));
        Assert.Equal("CVSSv31", scored.GetProperty("ratings")[0].GetProperty("method").GetString());
    }

    [Fact]
    public async Task Every_reference_names_a_bom_ref_and_bom_refs_are_unique()
    {
        var bom = await BomAsync(ReportSamples.Failing());

        var read = Formats.CycloneDx.CycloneDxReader.Read(System.Text.Encoding.UTF8.GetBytes(bom));

        Assert.Empty(read.Problems);
    }

    [Fact]
    public async Task Reproducible_BOMs_are_byte_identical_and_carry_a_content_serial_number_and_no_timestamp()
    {
        var first = await BomAsync(ReportSamples.Failing());
        var second = await BomAsync(ReportSamples.Failing() with { Timestamp = Now.AddDays(3) });

        Assert.Equal(first, second);
        using var doc = JsonDocument.Parse(first);
        Assert.False(doc.RootElement.GetProperty("metadata").TryGetProperty("timestamp", out _));
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", doc.RootElement.GetProperty("serialNumber").GetString());
    }

    [Fact]
    public async Task A_different_content_gives_a_different_reproducible_serial_number()
    {
        var first = JsonDocument.Parse(await BomAsync(ReportSamples.Failing()));
        var second = JsonDocument.Parse(await BomAsync(ReportSamples.Passing()));

        Assert.NotEqual(first.RootElement.GetProperty("serialNumber").GetString(), second.RootElement.GetProperty("serialNumber").GetString());
    }

    [Fact]
    public async Task Without_reproducible_the_timestamp_is_the_scan_time_and_serial_numbers_differ()
    {
        var first = JsonDocument.Parse(await BomAsync(ReportSamples.Failing(), reproducible: false));
        var second = JsonDocument.Parse(await BomAsync(ReportSamples.Failing(), reproducible: false));

        Assert.Equal("2026-11-25T12:00:00Z", first.RootElement.GetProperty("metadata").GetProperty("timestamp").GetString());
        Assert.NotEqual(first.RootElement.GetProperty("serialNumber").GetString(), second.RootElement.GetProperty("serialNumber").GetString());
    }

    [Fact]
    public async Task A_waived_vulnerability_carries_the_waiver_as_its_analysis()
    {
        using var doc = JsonDocument.Parse(await BomAsync(ReportSamples.Failing()));

        var requests = doc.RootElement.GetProperty("vulnerabilities").EnumerateArray().Single(v => v.GetProperty("id").GetString() == "PYSEC-2023-74");
        var analysis = requests.GetProperty("analysis");
        Assert.Equal("exploitable", analysis.GetProperty("state").GetString());
        Assert.Equal("will_not_fix", analysis.GetProperty("response")[0].GetString());
        Assert.Contains("Not reachable", analysis.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("CVE-2023-32681", requests.GetProperty("references")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_model_scanner_finding_is_a_ModelGate_vulnerability_on_the_file_it_is_about()
    {
        using var doc = JsonDocument.Parse(await BomAsync(ReportSamples.Failing()));

        var pickle = doc.RootElement.GetProperty("vulnerabilities").EnumerateArray().Single(v => v.GetProperty("id").GetString() == "MG2001");
        Assert.Equal("ModelGate", pickle.GetProperty("source").GetProperty("name").GetString());
        Assert.Equal("critical", pickle.GetProperty("ratings")[0].GetProperty("severity").GetString());
        Assert.Equal([502], pickle.GetProperty("cwes").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal("file:models/payload.pkl", pickle.GetProperty("affects")[0].GetProperty("ref").GetString());
        Assert.Equal("finding:" + ReportSamples.PickleSystem.Fingerprint, pickle.GetProperty("bom-ref").GetString());
    }

    [Theory]
    [InlineData("PYSEC-2023-74", "PyPI Advisory Database", "https://osv.dev/vulnerability/PYSEC-2023-74")]
    [InlineData("GHSA-j8r2-6x86-q33q", "GitHub Advisory Database", "https://github.com/advisories/GHSA-j8r2-6x86-q33q")]
    [InlineData("CVE-2023-32681", "NVD", "https://nvd.nist.gov/vuln/detail/CVE-2023-32681")]
    [InlineData("OSV-2024-1", "OSV", "https://osv.dev/vulnerability/OSV-2024-1")]
    public void An_advisory_source_follows_the_id_prefix(string id, string name, string url)
    {
        Assert.Equal((name, url), CycloneDxReportWriter.SourceOf(id));
    }

    [Fact]
    public void The_content_serial_is_a_version_5_variant_1_uuid()
    {
        var serial = CycloneDxReportWriter.ContentSerial("x"u8);

        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", serial);
    }

    [Fact]
    public void The_format_is_registered_for_every_report_command()
    {
        Assert.IsType<CycloneDxReportWriter>(ReportWriters.Find("cyclonedx"));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
