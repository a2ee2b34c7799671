using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using ModelGate.Findings;
using ModelGate.Policy;
using ModelGate.Reporting;
using ModelGate.Reporting.Sarif;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Reporting;

public sealed class SarifReportWriterTests
{
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    /// <summary>
    /// The official schema declares draft-04, which JsonSchema.Net does not evaluate. Its keywords are the
    /// draft-07 subset apart from the root "id" and it uses no boolean exclusiveMinimum or exclusiveMaximum,
    /// so declaring it draft-07 keeps its meaning. The id is dropped: its references are all local ("#/..."),
    /// and a fixed id would collide in the library's process-wide registry.
    /// </summary>
    private static JsonSchema LoadSchema()
    {
        var root = JsonNode.Parse(File.ReadAllText(SharedTestData.SarifSchema))!.AsObject();
        root["$schema"] = "http://json-schema.org/draft-07/schema#";
        root.Remove("id");
        return JsonSchema.FromText(root.ToJsonString());
    }

    private static async Task<JsonDocument> SarifAsync(ScanReport report) =>
        JsonDocument.Parse(await ReportSamples.WriteAsync(new SarifReportWriter(), report));

    private static void AssertValid(string sarif)
    {
        using var doc = JsonDocument.Parse(sarif);
        var result = Schema.Value.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
        Assert.True(result.IsValid, "SARIF does not validate:\n" + string.Join("\n", errors));
    }

    public static TheoryData<string> Samples => ["failing", "passing", "hostile", "no-outcomes"];

    private static ScanReport Sample(string name) => name switch
    {
        "failing" => ReportSamples.Failing(),
        "passing" => ReportSamples.Passing(),
        "hostile" => ReportSamples.Failing(hostile: true),
        "no-outcomes" => ReportSamples.Failing() with { Decision = GatePolicy.Default.Decide(ReportSamples.Failing().Findings) },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Every_sample_validates_against_the_official_schema(string sample)
    {
        AssertValid(await ReportSamples.WriteAsync(new SarifReportWriter(), Sample(sample)));
    }

    [Fact]
    public void The_schema_check_rejects_a_result_without_a_message()
    {
        const string broken = """{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"MG0001"}]}]}""";
        using var doc = JsonDocument.Parse(broken);

        Assert.False(Schema.Value.Evaluate(doc.RootElement).IsValid);
    }

    [Fact]
    public async Task The_report_matches_the_golden_file()
    {
        Golden.AssertMatches(await ReportSamples.WriteAsync(new SarifReportWriter(), ReportSamples.Failing()), "failing.sarif");
    }

    [Fact]
    public async Task Equal_reports_give_equal_bytes()
    {
        var first = await ReportSamples.WriteAsync(new SarifReportWriter(), ReportSamples.Failing());
        var second = await ReportSamples.WriteAsync(new SarifReportWriter(), ReportSamples.Failing());

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Rules_are_those_with_results_in_id_order_and_results_point_at_them()
    {
        using var doc = await SarifAsync(ReportSamples.Failing());
        var run = doc.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();

        Assert.Equal(["MG1001", "MG1101", "MG2001", "MG2002", "MG5002"], rules);
        foreach (var result in run.GetProperty("results").EnumerateArray())
            Assert.Equal(result.GetProperty("ruleId").GetString(), rules[result.GetProperty("ruleIndex").GetInt32()]);
    }

    [Theory]
    [InlineData("MG2001", "error")]
    [InlineData("MG2002", "error")]
    [InlineData("MG5002", "note")]
    [InlineData("MG1101", "note")]
    public async Task The_level_follows_the_policy_outcome(string ruleId, string level)
    {
        using var doc = await SarifAsync(ReportSamples.Failing());

        var result = Results(doc).Single(r => r.GetProperty("ruleId").GetString() == ruleId);
        Assert.Equal(level, result.GetProperty("level").GetString());
    }

    [Fact]
    public async Task A_warned_finding_is_a_warning_and_a_waived_one_an_accepted_suppression()
    {
        using var doc = await SarifAsync(ReportSamples.Failing());
        var vulnerabilities = Results(doc).Where(r => r.GetProperty("ruleId").GetString() == "MG1001").ToList();

        var numpy = vulnerabilities.Single(r => r.GetProperty("properties").GetProperty("package").GetString() == "numpy==1.19.5");
        Assert.Equal("warning", numpy.GetProperty("level").GetString());
        Assert.False(numpy.TryGetProperty("suppressions", out _));

        var requests = vulnerabilities.Single(r => r.GetProperty("properties").GetProperty("package").GetString() == "requests==2.19.0");
        var suppression = Assert.Single(requests.GetProperty("suppressions").EnumerateArray());
        Assert.Equal("external", suppression.GetProperty("kind").GetString());
        Assert.Equal("accepted", suppression.GetProperty("status").GetString());
        Assert.Equal("Not reachable: we never send credentials through proxies", suppression.GetProperty("justification").GetString());
    }

    [Theory]
    [InlineData(Severity.Critical, "error")]
    [InlineData(Severity.High, "error")]
    [InlineData(Severity.Medium, "warning")]
    [InlineData(Severity.Low, "note")]
    [InlineData(Severity.Info, "note")]
    public async Task Without_outcomes_the_level_falls_back_to_the_severity(Severity severity, string level)
    {
        var finding = ReportSamples.Unpinned with { Severity = severity };
        var report = ReportSamples.Passing() with { Findings = [finding], Decision = new PolicyDecision(Verdict.Pass, ["by hand"]) };

        using var doc = await SarifAsync(report);

        Assert.Equal(level, Assert.Single(Results(doc)).GetProperty("level").GetString());
    }

    [Theory]
    [InlineData(Severity.Critical, "9.5")]
    [InlineData(Severity.High, "8.0")]
    [InlineData(Severity.Medium, "5.5")]
    [InlineData(Severity.Low, "3.0")]
    [InlineData(Severity.Info, "0.0")]
    public async Task Rules_carry_a_security_severity_for_code_scanning(Severity severity, string score)
    {
        var report = ReportSamples.Passing() with { Findings = [ReportSamples.Unpinned with { Severity = severity }] };

        using var doc = await SarifAsync(report);

        var rule = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules")[0];
        Assert.Equal(score, rule.GetProperty("properties").GetProperty("security-severity").GetString());
    }

    [Fact]
    public async Task Rule_tags_hold_the_kind_and_the_threat_ids()
    {
        using var doc = await SarifAsync(ReportSamples.Failing());

        var rule = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "MG2001");
        var tags = rule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Equal(["security", "artifact", "AML.T0011.000", "CWE-502", "ML06"], tags);
        Assert.Equal(Rules.DangerousCallable.Help, rule.GetProperty("help").GetProperty("text").GetString());
        Assert.Contains("CWE-502", rule.GetProperty("help").GetProperty("markdown").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_finding_has_a_line_and_an_artifact_finding_a_byte_offset()
    {
        using var doc = await SarifAsync(ReportSamples.Failing());
        var results = Results(doc);

        var manifest = Location(results.Single(r => r.GetProperty("ruleId").GetString() == "MG1101"));
        Assert.Equal("requirements.txt", manifest.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", manifest.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(4, manifest.GetProperty("region").GetProperty("startLine").GetInt32());

        var artifact = Location(results.Single(r => r.GetProperty("ruleId").GetString() == "MG2001"));
        Assert.Equal("models/payload.pkl", artifact.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(2, artifact.GetProperty("region").GetProperty("byteOffset").GetInt64());
        Assert.False(artifact.GetProperty("region").TryGetProperty("startLine", out _));
    }

    [Fact]
    public async Task An_archive_member_is_located_at_its_archive_with_the_member_as_logical_location()
    {
        using var doc = await SarifAsync(ReportSamples.Failing());

        var location = Results(doc).Single(r => r.GetProperty("ruleId").GetString() == "MG2002").GetProperty("locations")[0];
        Assert.Equal("models/model%20weights.pt", location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("models/model weights.pt!archive/data.pkl", location.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
    }

    [Theory]
    [InlineData("requirements.txt", "requirements.txt")]
    [InlineData("a b/c#d.txt", "a%20b/c%23d.txt")]
    [InlineData("sub\\dir/x?.pkl", "sub/dir/x%3F.pkl")]
    [InlineData("100%/é.bin", "100%25/%C3%A9.bin")]
    public void Paths_become_relative_uri_references(string path, string uri)
    {
        Assert.Equal(uri, SarifReportWriter.RelativeUri(path));
    }

    [Fact]
    public async Task Fingerprints_are_the_findings_fingerprints()
    {
        var report = ReportSamples.Failing();
        using var doc = await SarifAsync(report);

        var fingerprints = Results(doc).Select(r => r.GetProperty("partialFingerprints").GetProperty("modelgate/v1").GetString()).ToList();
        Assert.Equal(report.Findings.Select(f => f.Fingerprint), fingerprints);
    }

    [Fact]
    public async Task The_invocation_carries_the_decision_with_policy_and_waivers()
    {
        using var doc = await SarifAsync(ReportSamples.Failing());

        var invocation = doc.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.True(invocation.GetProperty("executionSuccessful").GetBoolean());
        var decision = invocation.GetProperty("properties").GetProperty("decision");
        Assert.Equal("fail", decision.GetProperty("verdict").GetString());
        Assert.Equal(2, decision.GetProperty("reasons").GetArrayLength());
        Assert.Equal("modelgate-policy.yaml", decision.GetProperty("policy").GetString());
        var stale = decision.GetProperty("waivers")[1];
        Assert.Equal("old-torch", stale.GetProperty("id").GetString());
        Assert.Equal("stale", stale.GetProperty("status").GetString());
        Assert.Equal("2027-06-30", stale.GetProperty("expires").GetString());
    }

    [Fact]
    public async Task Hostile_text_is_escaped_for_viewers_that_embed_it_in_web_pages()
    {
        var sarif = await ReportSamples.WriteAsync(new SarifReportWriter(), ReportSamples.Failing(hostile: true));

        Assert.DoesNotContain("<script>", sarif, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(sarif);
        Assert.Contains(Results(doc), r => r.GetProperty("message").GetProperty("text").GetString() == ReportSamples.HostileMessage);
    }

    [Fact]
    public void The_writer_is_registered_for_the_sarif_format()
    {
        Assert.IsType<SarifReportWriter>(ReportWriters.Find("sarif"));
    }

    private static List<JsonElement> Results(JsonDocument doc) =>
        doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();

    private static JsonElement Location(JsonElement result) => result.GetProperty("locations")[0].GetProperty("physicalLocation");
}
