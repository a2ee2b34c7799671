using System.Text;
using ModelGate.Artifacts;
using ModelGate.Policy;
using ModelGate.Reporting;
using ModelGate.Reporting.Json;
using ModelGate.Tests.Policies;

namespace ModelGate.Tests.Reporting;

public sealed class JsonReportReaderTests
{
    [Fact]
    public async Task A_written_report_reads_back_with_the_same_fingerprints_and_decision()
    {
        var policy = PolicyTestData.Gate("""
            version: 1
            lists:
              model-formats: { required: [safetensors] }
            waivers:
              - match: { advisory: PYSEC-2023-74 }
                reason: r
                owner: o
                expires: 2026-01-31
            """);
        var original = policy.Apply(PolicyTestData.Report(
            [PolicyTestData.Vulnerability(), PolicyTestData.Pickle("model.pkl"), PolicyTestData.Unreadable()],
            [new ArtifactResult("model.pkl", "pickle", 120, ArtifactVerdict.Malicious, "ab", ["os.system"], ["MG2001"])]));

        var read = JsonReportReader.Parse(await WriteAsync(original), "report.json");

        Assert.Equal(original.Findings.Select(f => (f.Fingerprint, f.Rule.Id, f.Severity, f.Location, f.Package, f.Artifact, f.Discriminator, f.Message)),
            read.Findings.Select(f => (f.Fingerprint, f.Rule.Id, f.Severity, f.Location, f.Package, f.Artifact, f.Discriminator, f.Message)));
        Assert.Equal(original.Inventory.Packages.Select(p => (p.Name, p.Version, p.Source, p.Direct, p.Specifier)), read.Inventory.Packages.Select(p => (p.Name, p.Version, p.Source, p.Direct, p.Specifier)));
        Assert.Equal(original.Vulnerabilities.Single().Ids, read.Vulnerabilities.Single().Ids);
        Assert.Equal(6.1, read.Vulnerabilities.Single().Cvss!.Score);
        Assert.True(read.ArtifactsScanned);
        Assert.Equal(original.Artifacts.Single() with { Findings = [], Rules = [] }, read.Artifacts.Single() with { Findings = [], Rules = [] });
        var again = policy.Evaluate(read).Decision;
        Assert.Equal(original.Decision.Verdict, again.Verdict);
        Assert.Equal(original.Decision.Reasons, again.Reasons);
        Assert.Equal(original.Decision.Outcomes, again.Outcomes);
    }

    [Fact]
    public async Task The_decision_carries_policy_waivers_and_each_finding_its_outcome()
    {
        var policy = PolicyTestData.Gate("version: 1\nwaivers:\n  - id: netrc\n    match: { advisory: PYSEC-2023-74 }\n    reason: not reachable\n    owner: alice\n    expires: 2027-01-31\n");
        var report = policy.Apply(PolicyTestData.Report([PolicyTestData.Vulnerability()]));

        var json = Encoding.UTF8.GetString((await WriteAsync(report)).Span);

        Assert.Contains("\"policy\": \"modelgate-policy.yaml\"", json, StringComparison.Ordinal);
        Assert.Contains("\"id\": \"netrc\",\n        \"status\": \"applied\",\n        \"matched\": 1,", json, StringComparison.Ordinal);
        Assert.Contains("\"discriminator\": \"PYSEC-2023-74\"", json, StringComparison.Ordinal);
        Assert.Contains("\"outcome\": {\n        \"action\": \"waived\",\n        \"by\": \"waiver netrc\",\n        \"message\": \"not reachable\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("[]", "$: expected an object")]
    [InlineData("{}", "'schemaVersion' is missing")]
    [InlineData("{\"schemaVersion\": 2}", "schema version 2 is not supported")]
    [InlineData("{\"schemaVersion\": \"1\"}", "$.schemaVersion: expected an integer")]
    [InlineData("{\"schemaVersion\": 1, \"findings\": {}}", "$.findings: expected an array")]
    [InlineData("{\"schemaVersion\": 1, \"findings\": [1]}", "$.findings[0]: expected an object")]
    [InlineData("{\"schemaVersion\": 1, \"findings\": [{\"ruleId\": \"MG1001\", \"severity\": \"severe\"}]}", "$.findings[0].severity: 'severe' is not a severity")]
    [InlineData("{\"schemaVersion\": 1, \"findings\": [{\"ruleId\": 7}]}", "$.findings[0].ruleId: expected a string")]
    [InlineData("{\"schemaVersion\": 1, \"findings\": [{\"ruleId\": \"MG1001\", \"severity\": \"high\", \"title\": \"t\", \"message\": \"m\", \"location\": {\"path\": \"a\", \"line\": 1.5}}]}", "$.findings[0].location.line: expected an integer")]
    [InlineData("{\"schemaVersion\": 1, \"vulnerabilities\": [{\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"x\"}, \"ids\": []}]}", "$.vulnerabilities[0].ids: a vulnerability needs at least one id")]
    [InlineData("{\"schemaVersion\": 1, \"artifacts\": [{\"path\": \"m\", \"format\": \"pickle\", \"size\": 1, \"verdict\": \"fine\"}]}", "$.artifacts[0].verdict: 'fine' is not an artifact verdict")]
    [InlineData("{\"schemaVersion\": 1, \"packages\": [{\"ecosystem\": \"PyPI\", \"name\": \"x\", \"source\": {\"path\": \"r\"}, \"direct\": \"yes\"}]}", "$.packages[0].direct: expected true or false")]
    public void A_report_that_lies_is_refused_naming_the_file_and_the_field(string json, string reason)
    {
        var ex = Assert.Throws<InvalidDataException>(() => JsonReportReader.Parse(Encoding.UTF8.GetBytes(json), "saved.json"));

        Assert.StartsWith("saved.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var json = "{\"schemaVersion\": 1, \"x\": " + new string('[', 200) + new string(']', 200) + "}";

        var ex = Assert.Throws<InvalidDataException>(() => JsonReportReader.Parse(Encoding.UTF8.GetBytes(json), "deep.json"));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_rule_id_from_a_newer_version_is_kept_with_its_kind()
    {
        var json = "{\"schemaVersion\": 1, \"findings\": [{\"ruleId\": \"MG9999\", \"kind\": \"card\", \"severity\": \"medium\", \"title\": \"t\", \"message\": \"m\", \"location\": null}]}";

        var report = JsonReportReader.Parse(Encoding.UTF8.GetBytes(json), "new.json");

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("MG9999", ModelGate.Findings.FindingKind.Card), (finding.Rule.Id, finding.Kind));
        Assert.Equal(Verdict.Warn, GatePolicy.Default.Evaluate(report).Decision.Verdict);
    }

    private static async Task<ReadOnlyMemory<byte>> WriteAsync(ScanReport report)
    {
        using var stream = new MemoryStream();
        await new JsonReportWriter().WriteAsync(report, stream, CancellationToken.None);
        return stream.ToArray();
    }
}
