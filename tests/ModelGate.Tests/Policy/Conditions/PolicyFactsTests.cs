using ModelGate.Policy.Conditions;
using Xunit;

namespace ModelGate.Tests.Policy.Conditions;

public sealed class PolicyFactsTests
{
    private static PolicyFacts FactsFor(ModelGate.Findings.Finding finding, params ModelGate.Provenance.ModelProvenance[] provenance) =>
        PolicyFacts.For(finding, PolicyFactsIndex.Build(ConditionSamples.Report(provenance)));

    [Fact]
    public void VulnerabilityFindingCarriesAdvisoryCvssAndItsOwnDeclaration()
    {
        var facts = FactsFor(ConditionSamples.VulnerabilityFinding);
        Assert.Equal(ConditionSamples.VulnerabilityFinding.Fingerprint, facts.Get("finding", "id"));
        Assert.Equal("MG1001", facts.Get("finding", "rule"));
        Assert.Equal("vulnerability", facts.Get("finding", "kind"));
        Assert.Equal("medium", facts.Get("finding", "severity"));
        Assert.Equal(2L, facts.Get("finding", "severity_rank"));
        Assert.Equal(3L, facts.Get("finding", "line"));
        Assert.Equal("PYSEC-2023-74", facts.Get("finding", "advisory"));
        Assert.Equal(new object?[] { "CVE-2023-32681", "GHSA-j8r2-6x86-q33q" }, facts.Get("finding", "aliases"));
        Assert.Equal(6.1, facts.Get("finding", "cvss"));
        Assert.Equal(true, facts.Get("finding", "fixed"));
        Assert.Equal(new object?[] { "ML06", "CWE-200" }, facts.Get("finding", "threats"));
        Assert.Equal("requests", facts.Get("package", "name"));
        Assert.Equal("2.19.0", facts.Get("package", "version"));
        Assert.Equal(true, facts.Get("package", "direct"));
        Assert.Equal("requirements.txt", facts.Get("package", "source"));
        Assert.Equal(string.Empty, facts.Get("package", "group"));
        Assert.Equal(new object?[] { "socks" }, facts.Get("package", "extras"));
        Assert.Equal(string.Empty, facts.Get("artifact", "path"));
        Assert.Equal(string.Empty, facts.Get("model", "repo"));
    }

    [Fact]
    public void PackageDeclaredTwiceResolvesToTheDeclarationInTheFindingsFile()
    {
        var finding = ConditionSamples.VulnerabilityFinding with { Location = ConditionSamples.RequestsInTests.Source, Rule = ModelGate.Findings.Rules.UnpinnedRequirement };
        var facts = FactsFor(finding);
        Assert.Equal(false, facts.Get("package", "direct"));
        Assert.Equal("dev", facts.Get("package", "group"));
        Assert.Equal(string.Empty, facts.Get("finding", "advisory"));
        Assert.Equal(0.0, facts.Get("finding", "cvss"));
    }

    [Fact]
    public void ArtifactMemberResolvesToItsOwnEntryAndItsArchivesModel()
    {
        var facts = FactsFor(ConditionSamples.MemberFinding, ConditionSamples.Bert, ConditionSamples.Other);
        Assert.Equal("models/bert/model.pt!archive/data.pkl", facts.Get("artifact", "path"));
        Assert.Equal("models/bert/model.pt", facts.Get("artifact", "container"));
        Assert.Equal("pickle", facts.Get("artifact", "format"));
        Assert.Equal("malicious", facts.Get("artifact", "verdict"));
        Assert.Equal(512L, facts.Get("artifact", "size"));
        Assert.Equal("cd34", facts.Get("artifact", "sha256"));
        Assert.Equal(120L, facts.Get("finding", "offset"));
        Assert.Equal("google-bert/bert-base-uncased", facts.Get("model", "repo"));
        Assert.Equal(string.Empty, facts.Get("package", "name"));
    }

    [Fact]
    public void ProvenanceFileResolvesToItsRecordByPathSuffix()
    {
        var facts = FactsFor(ConditionSamples.ProvenanceFinding, ConditionSamples.Other, ConditionSamples.Bert);
        Assert.Equal("google-bert/bert-base-uncased", facts.Get("model", "repo"));
        Assert.Equal("google-bert", facts.Get("model", "organization"));
        Assert.Equal("86b5e0934494bd15c9632b12f734a8a67f723594", facts.Get("model", "commit"));
        Assert.Equal("lock", facts.Get("model", "pinned_by"));
        Assert.Equal("main", facts.Get("model", "revision"));
        Assert.Equal("modelgate.lock", facts.Get("model", "lock_file"));
        Assert.Equal("provenance", facts.Get("finding", "kind"));
    }

    [Fact]
    public void SingleProvenanceRecordAppliesToEveryFinding()
    {
        var facts = FactsFor(ConditionSamples.HygieneFinding, ConditionSamples.Other);
        Assert.Equal("acme/other", facts.Get("model", "repo"));
        Assert.Equal("none", facts.Get("model", "pinned_by"));
    }

    [Fact]
    public void PolicyFindingWithoutPackageHasEmptyValuesEverywhere()
    {
        var facts = FactsFor(ConditionSamples.HygieneFinding, ConditionSamples.Bert, ConditionSamples.Other);
        Assert.Equal("policy", facts.Get("finding", "kind"));
        Assert.Equal("modelgate-policy.yaml", facts.Get("finding", "path"));
        Assert.Equal(12L, facts.Get("finding", "line"));
        Assert.Equal(string.Empty, facts.Get("finding", "package"));
        foreach (var field in PolicyFactSchema.Fields.Where(f => f.Variable != "finding"))
            Assert.Equal(field.Empty, facts.Get(field.Variable, field.Name));
    }

    public static TheoryData<string, string> EveryField()
    {
        var data = new TheoryData<string, string>();
        foreach (var f in PolicyFactSchema.Fields)
            data.Add(f.Variable, f.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryField))]
    public void EveryDocumentedFieldIsPresentWithItsTypeAndReadableFromCel(string variable, string field)
    {
        var schema = PolicyFactSchema.Find(variable, field)!;
        var facts = FactsFor(ConditionSamples.HygieneFinding);
        var value = facts.Get(variable, field);
        Assert.IsType(schema.Empty.GetType(), value);
        var probe = schema.Type switch
        {
            PolicyFactType.String => $"{variable}.{field} == {variable}.{field} + ''",
            PolicyFactType.Int => $"{variable}.{field} + 1 > {variable}.{field}",
            PolicyFactType.Double => $"{variable}.{field} + 1.0 > {variable}.{field}",
            PolicyFactType.Bool => $"{variable}.{field} || !{variable}.{field}",
            _ => $"size({variable}.{field}) >= 0",
        };
        Assert.True(PolicyCondition.Compile(probe).Evaluate(facts));
    }

    [Fact]
    public void ReadmeDocumentsEveryField()
    {
        var readme = File.ReadAllText(Path.Combine(Support.RepositoryPaths.Root, "src/ModelGate/Policy/Conditions/README.md"));
        foreach (var f in PolicyFactSchema.Fields)
            Assert.Contains($"| `{f.Variable}.{f.Name}` |", readme, StringComparison.Ordinal);
    }
}
