using ModelGate.Analyzers;
using ModelGate.Extractors;
using ModelGate.Findings;
using ModelGate.Scanning;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Analyzers;

public sealed class RequirementHygieneAnalyzerTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private async Task<List<(string Rule, string Where)>> FindingsAsync(ScanOptions? options = null)
    {
        var builder = new ScannerBuilder().AddAnalyzer(new RequirementHygieneAnalyzer());
        foreach (var extractor in BuiltInExtractors.All)
            builder.AddExtractor(extractor);
        var report = await builder.Build().ScanAsync(_tree.Root, options ?? new ScanOptions());
        return report.Findings.Select(f => (f.Rule.Id, f.Location?.ToString() ?? "")).ToList();
    }

    [Fact]
    public async Task A_range_is_not_flagged_when_the_same_folder_pins_the_name()
    {
        _tree.Write("requirements.in", "requests\nflask>=2\n");
        _tree.Write("requirements.txt", "requests==2.32.3\n");

        var findings = await FindingsAsync();

        Assert.Contains((Rules.UnpinnedRequirement.Id, "requirements.in:2"), findings);
        Assert.DoesNotContain((Rules.UnpinnedRequirement.Id, "requirements.in:1"), findings);
    }

    [Fact]
    public async Task A_package_pinned_to_two_versions_is_one_finding_but_markers_may_separate_them()
    {
        _tree.Write("requirements.txt", "numpy==1.26.4\nscipy==1.11.0 ; python_version < \"3.12\"\nscipy==1.13.0 ; python_version >= \"3.12\"\n");
        _tree.Write("deploy/requirements.txt", "numpy==1.24.0\n");

        var findings = await FindingsAsync();

        Assert.Equal([(Rules.ConflictingPins.Id, "deploy/requirements.txt:1")], findings.Where(f => f.Rule == Rules.ConflictingPins.Id));
    }

    [Fact]
    public async Task In_a_hash_checked_file_each_pin_without_a_hash_is_a_finding()
    {
        _tree.Write("requirements.txt", "numpy==1.26.4 --hash=sha256:" + new string('a', 64) + "\npandas==2.2.0\n");

        var findings = await FindingsAsync();

        Assert.Equal([(Rules.PartiallyHashedRequirements.Id, "requirements.txt:2")], findings.Where(f => f.Rule.StartsWith("MG110", StringComparison.Ordinal) && f.Rule != Rules.ExtraIndexUrl.Id));
    }

    [Fact]
    public async Task Without_any_hash_one_finding_names_the_file_unless_hashes_are_required()
    {
        _tree.Write("requirements.txt", "numpy==1.26.4\npandas==2.2.0\n");

        var relaxed = await FindingsAsync();
        var strict = await FindingsAsync(new ScanOptions { RequireHashes = true });

        Assert.Equal([(Rules.UnhashedRequirement.Id, "requirements.txt")], relaxed);
        Assert.Equal([(Rules.PartiallyHashedRequirements.Id, "requirements.txt:1"), (Rules.PartiallyHashedRequirements.Id, "requirements.txt:2")], strict);
    }

    [Fact]
    public async Task An_extra_index_is_reported_once_per_file_with_credentials_redacted()
    {
        _tree.Write("requirements.txt", "--extra-index-url https://user:s3cret@pkgs.example/simple\nnumpy==1.26.4\npandas==2.2.0\n");

        var builder = new ScannerBuilder().AddAnalyzer(new RequirementHygieneAnalyzer());
        foreach (var extractor in BuiltInExtractors.All)
            builder.AddExtractor(extractor);
        var report = await builder.Build().ScanAsync(_tree.Root, new ScanOptions());

        var finding = Assert.Single(report.Findings, f => f.Rule.Id == Rules.ExtraIndexUrl.Id);
        Assert.DoesNotContain("s3cret", finding.Message, StringComparison.Ordinal);
        Assert.Contains("https://***@pkgs.example/simple", finding.Message, StringComparison.Ordinal);
    }
}
