using ModelGate.Advisories;
using ModelGate.Advisories.Sources;
using ModelGate.Analyzers;
using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Reporting.CycloneDx;
using ModelGate.Scanning;
using ModelGate.Tests.Reporting;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Sbom;

/// <summary><c>scan BOM</c> and <c>bom audit BOM</c>: the BOM extractor turns a BOM into the inventory the scan audits.</summary>
public sealed class BomAuditTests
{
    private static readonly string BertAdvisories = Path.Combine(RepositoryPaths.Root, "examples", "bert-sentiment", "advisories");

    private static Scanner AuditScanner() =>
        ScannerBuilder.CreateDefault().UseAdvisories(new FileAdvisoryProvider(BertAdvisories), new VulnerabilityOptions()).Build();

    [Fact]
    public async Task Scanning_our_own_BOM_finds_the_same_packages_and_vulnerabilities_as_scanning_the_project()
    {
        var project = await CycloneDxReportWriterTests.ScanExampleAsync("bert-sentiment");
        using var tree = new TempTree();
        var bom = tree.Write("bom.cdx.json", await ReportSamples.WriteAsync(new CycloneDxReportWriter(reproducible: true), project));

        var report = await AuditScanner().ScanAsync(bom, new ScanOptions());

        Assert.Equal(project.Inventory.Packages.Select(p => $"{p.Name}=={p.Version}").Order(), report.Inventory.Packages.Select(p => $"{p.Name}=={p.Version}").Order());
        Assert.All(report.Inventory.Packages, p => Assert.Equal(("sbom/cyclonedx", "bom.cdx.json", true), (p.Extractor, p.Source.Path, p.Direct)));
        Assert.Equal(
            project.Vulnerabilities.Select(v => $"{v.Package.Name} {v.Ids[0]}").Order(),
            report.Vulnerabilities.Select(v => $"{v.Package.Name} {v.Ids[0]}").Order());
        Assert.Equal(project.Decision.Verdict, report.Decision.Verdict);
    }

    [Theory]
    [InlineData("syft-python.cdx.json", "pyyaml==5.3.1 requests==2.28.2 urllib3==1.26.15")]
    [InlineData("trivy-python.cdx.json", "jinja2==2.11.2 markupsafe==2.0.1")]
    [InlineData("cyclonedx-py-requirements.cdx.json", "fastapi==0.95.0 starlette==0.26.1")]
    public async Task Other_tools_BOMs_give_their_pypi_packages(string fixture, string expected)
    {
        using var tree = new TempTree();
        var bom = tree.Write(fixture, File.ReadAllText(FormatsFixture(fixture)));

        var report = await AuditScanner().ScanAsync(bom, new ScanOptions());

        Assert.Equal(expected, string.Join(' ', report.Inventory.Packages.Select(p => $"{p.Name}=={p.Version}").Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task A_Trivy_BOM_marks_direct_what_its_manifest_component_depends_on()
    {
        using var tree = new TempTree();
        var bom = tree.Write("trivy.cdx.json", File.ReadAllText(FormatsFixture("trivy-python.cdx.json")));

        var inventory = await AuditScanner().InventoryAsync(bom, new ScanOptions());

        Assert.Equal(["jinja2 True", "markupsafe False"], inventory.Packages.Select(p => $"{p.Name} {p.Direct}"));
    }

    [Fact]
    public async Task A_cyclonedx_py_component_without_a_version_is_reported_not_audited()
    {
        using var tree = new TempTree();
        var bom = tree.Write("py.cdx.json", File.ReadAllText(FormatsFixture("cyclonedx-py-requirements.cdx.json")));

        var report = await AuditScanner().ScanAsync(bom, new ScanOptions());

        var finding = Assert.Single(report.Findings, f => f.Rule == Rules.UnauditableBomComponent);
        Assert.Contains("$.components[2]", finding.Message, StringComparison.Ordinal);
        Assert.Contains("pkg:pypi/uvicorn", finding.Message, StringComparison.Ordinal);
        Assert.Equal("optional", report.Inventory.Packages.Single(p => p.Name == "starlette").Group);
        Assert.Equal(["sha256:daf74bfe7adf12fc4ab1fb8f1f8e3f2a5c8a63d8e0e4e4d6a5c2b1a0f9e8d7c6"], report.Inventory.Packages.Single(p => p.Name == "fastapi").Hashes);
    }

    [Theory]
    [InlineData("""{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"a","bom-ref":"x","purl":"pkg:pypi/a@1"},{"type":"library","name":"b","bom-ref":"x","purl":"pkg:pypi/b@1"}]}""", "MG1090", "bom-ref 'x' is already used")]
    [InlineData("""{"bomFormat":"CycloneDX","specVersion":"1.6","dependencies":[{"ref":"nowhere"}]}""", "MG1090", "names no bom-ref")]
    [InlineData("""{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"a","purl":7}]}""", "MG0001", "$.components[0].purl")]
    [InlineData("""{"bomFormat":"CycloneDX","specVersion":"1.6","components":[""", "MG0001", "not valid JSON")]
    public async Task A_broken_BOM_fails_closed_with_a_finding_that_names_the_place(string json, string rule, string message)
    {
        using var tree = new TempTree();
        var bom = tree.Write("bad.cdx.json", json);

        var report = await AuditScanner().ScanAsync(bom, new ScanOptions());

        var finding = Assert.Single(report.Findings, f => f.Rule.Id == rule);
        Assert.Contains(message, finding.Message, StringComparison.Ordinal);
        Assert.Equal("bad.cdx.json", finding.Location!.Path);
    }

    [Theory]
    [InlineData("""{"type":"machine-learning-model","name":"m"}""", true)]
    [InlineData("""{"type":"machine-learning-model","name":"m","purl":"pkg:huggingface/o/m"}""", true)]
    [InlineData("""{"type":"machine-learning-model","name":"m","purl":"pkg:huggingface/o/m@main"}""", true)]
    [InlineData("""{"type":"machine-learning-model","name":"m","purl":"pkg:huggingface/o/m@86B5E0934494BD15C9632B12F734A8A67F723594"}""", false)]
    [InlineData("""{"type":"machine-learning-model","name":"m","bom-ref":"m","components":[{"type":"file","name":"w.safetensors","hashes":[{"alg":"SHA-256","content":"00"}]}]}""", false)]
    public async Task A_BOM_model_without_commit_or_hashes_is_reported(string model, bool reported)
    {
        using var tree = new TempTree();
        var bom = tree.Write("model.cdx.json", $$"""{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{{model}}]}""");

        var report = await AuditScanner().ScanAsync(bom, new ScanOptions());

        Assert.Equal(reported, report.Findings.Any(f => f.Rule == Rules.UnpinnedBomModel && f.Message.Contains("$.components[0]", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_official_ML_example_is_audited_and_its_unpinned_model_reported()
    {
        var report = await AuditScanner().ScanAsync(Path.Combine(SharedTestData.CycloneDxFolder, "examples", "valid-machine-learning-1.6.json"), new ScanOptions());

        Assert.Contains(report.Findings, f => f.Rule == Rules.UnpinnedBomModel && f.Message.Contains("stable-diffusion", StringComparison.Ordinal));
        Assert.Empty(report.Inventory.Packages);
    }

    [Fact]
    public async Task A_BOM_inside_a_project_folder_is_not_read_again()
    {
        using var tree = new TempTree();
        tree.Write("requirements.txt", "requests==2.28.2\n");
        tree.Write("bom.cdx.json", File.ReadAllText(FormatsFixture("syft-python.cdx.json")));

        var inventory = await AuditScanner().InventoryAsync(tree.Root, new ScanOptions());

        Assert.Equal(["requests"], inventory.Packages.Select(p => p.Name));
    }

    private static string FormatsFixture(string name) =>
        Path.Combine(RepositoryPaths.Root, "tests", "ModelGate.Formats.Tests", "CycloneDx", "testdata", name);
}
