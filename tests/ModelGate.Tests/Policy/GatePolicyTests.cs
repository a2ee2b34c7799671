using ModelGate.Artifacts;
using ModelGate.Findings;
using ModelGate.Policy;
using static ModelGate.Tests.Policies.PolicyTestData;

namespace ModelGate.Tests.Policies;

public sealed class GatePolicyTests
{
    private const string Waiver = """
        version: 1
        waivers:
          - id: requests-netrc
            match: { advisory: PYSEC-2023-74 }
            reason: Not reachable; we never send credentials through proxies
            owner: alice@example.com
            expires: 2027-01-31
        """;

    [Theory]
    [InlineData(Severity.Critical, Verdict.Fail)]
    [InlineData(Severity.High, Verdict.Fail)]
    [InlineData(Severity.Medium, Verdict.Warn)]
    [InlineData(Severity.Low, Verdict.Pass)]
    public void The_default_fails_at_high_and_warns_at_medium(Severity severity, Verdict verdict)
    {
        Assert.Equal(verdict, GatePolicy.Default.Decide([Vulnerability(severity: severity)]).Verdict);
    }

    [Theory]
    [InlineData("vulnerability", Severity.Low, Verdict.Warn)]
    [InlineData("vulnerability", Severity.High, Verdict.Fail)]
    [InlineData("artifact", Severity.High, Verdict.Warn)]
    [InlineData("artifact", Severity.Critical, Verdict.Fail)]
    [InlineData("hygiene", Severity.Critical, Verdict.Pass)]
    [InlineData("parse-error", Severity.Medium, Verdict.Fail)]
    public void Thresholds_apply_per_kind(string kind, Severity severity, Verdict verdict)
    {
        var policy = Gate("""
            version: 1
            thresholds:
              default: { fail: critical, warn: high }
              vulnerability: { fail: high, warn: low }
              hygiene: { fail: none, warn: none }
              parse-error: { fail: medium }
            """);
        var finding = kind switch
        {
            "vulnerability" => Vulnerability(severity: severity),
            "artifact" => Pickle(severity: severity),
            "hygiene" => Hygiene(severity),
            _ => Unreadable() with { Severity = severity },
        };

        Assert.Equal(verdict, policy.Evaluate(Report([finding])).Decision.Verdict);
    }

    [Fact]
    public void Reasons_name_the_rule_count_threshold_and_kind()
    {
        var decision = Default.Evaluate(Report([Pickle("a.pkl"), Pickle("b.pkl"), Vulnerability(), Hygiene(Severity.Medium)])).Decision;

        Assert.Equal(Verdict.Fail, decision.Verdict);
        Assert.Equal(["1 MG1001 finding at or above high (vulnerability threshold)", "2 MG2001 findings at or above high (artifact threshold)"], decision.Reasons);
        Assert.Equal("built-in default", decision.Policy);
        Assert.Equal(4, decision.Outcomes.Count);
    }

    [Theory]
    [InlineData(Severity.Info, Verdict.Fail, "1 MG1101 finding at or above info (hygiene threshold)")]
    [InlineData(Severity.Critical, Verdict.Pass, "no finding reaches a warn or fail threshold")]
    public void Fail_on_overrides_every_kind(Severity failOn, Verdict verdict, string reason)
    {
        var policy = Gate("version: 1\nthresholds:\n  default: { fail: critical, warn: critical }\n  hygiene: { fail: none, warn: none }\n").WithFailOn(failOn);

        var decision = policy.Evaluate(Report([Hygiene(Severity.Low), Vulnerability()])).Decision;

        Assert.Equal(verdict, decision.Verdict);
        Assert.Contains(reason, decision.Reasons);
        Assert.Equal($"modelgate-policy.yaml (--fail-on {failOn.ToString().ToLowerInvariant()})", decision.Policy);
    }

    [Fact]
    public void Fail_on_on_the_default_keeps_the_old_pair()
    {
        var policy = GatePolicy.Default.WithFailOn(Severity.Low);

        Assert.Equal((Severity.Low, Severity.Low), (policy.FailAt, policy.WarnAt));
        Assert.Equal(Verdict.Fail, policy.Decide([Hygiene(Severity.Low)]).Verdict);
    }

    [Theory]
    [InlineData("finding: FINGERPRINT", true)]
    [InlineData("rule: MG1001", true)]
    [InlineData("rule: mg1001", true)]
    [InlineData("rule: MG2001", false)]
    [InlineData("advisory: PYSEC-2023-74", true)]
    [InlineData("advisory: GHSA-j8r2-6x86-q33q", true)]
    [InlineData("advisory: PYSEC-2000-1", false)]
    [InlineData("package: requests", true)]
    [InlineData("package: Requests", true)]
    [InlineData("package: requests==2.25.0", true)]
    [InlineData("package: requests==2.31.0", false)]
    [InlineData("package: urllib3", false)]
    [InlineData("path: requirements.txt", true)]
    [InlineData("path: '*.txt'", true)]
    [InlineData("path: '**/requirements.txt'", true)]
    [InlineData("path: 'sub/*.txt'", false)]
    [InlineData("{ rule: MG1001, package: requests }", true)]
    [InlineData("{ rule: MG1001, package: numpy }", false)]
    [InlineData("{ advisory: CVE-2023-32681, path: requirements.txt }", true)]
    public void Each_match_key_selects_findings(string match, bool waived)
    {
        var finding = Vulnerability();
        var matchText = match.StartsWith('{') ? match : "{ " + match + " }";
        var policy = Gate($"version: 1\nwaivers:\n  - match: {matchText.Replace("FINGERPRINT", finding.Fingerprint, StringComparison.Ordinal)}\n    reason: r\n    owner: o\n    expires: 2027-01-31\n");

        var decision = policy.Evaluate(Report([finding])).Decision;

        Assert.Equal(waived ? Verdict.Pass : Verdict.Fail, decision.Verdict);
        Assert.Equal(waived ? WaiverStatus.Applied : WaiverStatus.Stale, Assert.Single(decision.Waivers).Status);
    }

    [Fact]
    public void A_waiver_in_force_waives_and_reports_its_reason()
    {
        var evaluation = Gate(Waiver).Evaluate(Report([Vulnerability()]));

        Assert.Equal(Verdict.Pass, evaluation.Decision.Verdict);
        var outcome = Assert.Single(evaluation.Decision.Outcomes);
        Assert.Equal(new FindingOutcome(Vulnerability().Fingerprint, FindingAction.Waived, "waiver requests-netrc") { Message = "Not reachable; we never send credentials through proxies" }, outcome);
        Assert.Equal(new WaiverOutcome("requests-netrc", WaiverStatus.Applied, 1) { Reason = "Not reachable; we never send credentials through proxies", Owner = "alice@example.com", Expires = new DateOnly(2027, 1, 31) }, Assert.Single(evaluation.Decision.Waivers));
        Assert.Empty(evaluation.PolicyFindings);
    }

    [Theory]
    [InlineData("2027-01-30", false)]
    [InlineData("2027-01-31", false)]
    [InlineData("2027-02-01", true)]
    public void A_waiver_applies_through_its_expiry_day(string today, bool expired)
    {
        var evaluation = Gate(Waiver, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)).Evaluate(Report([Vulnerability()]));

        Assert.Equal(expired ? Verdict.Fail : Verdict.Pass, evaluation.Decision.Verdict);
        Assert.Equal(expired ? WaiverStatus.Expired : WaiverStatus.Applied, evaluation.Decision.Waivers[0].Status);
        Assert.Equal(1, evaluation.Decision.Waivers[0].Matched);
        Assert.Equal(expired ? 1 : 0, evaluation.PolicyFindings.Count);
    }

    [Fact]
    public void An_expired_waiver_is_an_MG5001_finding_at_its_line_and_a_reason()
    {
        var evaluation = Gate(Waiver, new DateOnly(2027, 3, 1)).Evaluate(Report([Vulnerability(), Vulnerability("PYSEC-2023-74") with { Location = new("sub/requirements.txt", 1) }]));

        var finding = Assert.Single(evaluation.PolicyFindings);
        Assert.Equal(Rules.WaiverExpired, finding.Rule);
        Assert.Equal(new ModelGate.Inventory.SourceLocation("modelgate-policy.yaml", 3), finding.Location);
        Assert.Contains("waiver requests-netrc expired on 2027-01-31 (alice@example.com) — its 2 findings count again", evaluation.Decision.Reasons);
        Assert.Equal(FindingAction.Warn, evaluation.Decision.Outcomes.Single(o => o.Fingerprint == finding.Fingerprint).Action);
    }

    [Fact]
    public void A_waiver_that_matches_nothing_is_stale_MG5002()
    {
        var evaluation = Gate(Waiver).Evaluate(Report([Pickle()]));

        Assert.Equal(WaiverStatus.Stale, evaluation.Decision.Waivers[0].Status);
        var finding = Assert.Single(evaluation.PolicyFindings);
        Assert.Equal(Rules.WaiverStale, finding.Rule);
        Assert.Equal(3, finding.Location!.Line);
    }

    [Fact]
    public void Policy_findings_are_decided_by_policy_thresholds_and_cannot_be_waived()
    {
        var policy = Gate("""
            version: 1
            thresholds:
              policy: { fail: low }
            waivers:
              - match: { advisory: PYSEC-1 }
                reason: r
                owner: o
                expires: 2027-01-31
              - match: { rule: MG5002 }
                reason: silence stale waivers
                owner: o
                expires: 2027-01-31
            """);

        var evaluation = policy.Evaluate(Report([]));

        Assert.Equal(Verdict.Fail, evaluation.Decision.Verdict);
        Assert.Equal(2, evaluation.PolicyFindings.Count);
        Assert.All(evaluation.Decision.Outcomes, o => Assert.Equal(FindingAction.Fail, o.Action));
    }

    [Fact]
    public void Evaluating_again_replaces_earlier_policy_findings()
    {
        var policy = Gate(Waiver, new DateOnly(2027, 3, 1));
        var once = policy.Apply(Report([Vulnerability()]));

        var twice = policy.Apply(once);

        Assert.Equal(once.Findings.Select(f => f.Fingerprint), twice.Findings.Select(f => f.Fingerprint));
        Assert.Equal(once.Decision.Outcomes, twice.Decision.Outcomes);
        Assert.Single(twice.Findings, f => f.Rule == Rules.WaiverExpired);
    }

    [Theory]
    [InlineData("safetensors", "model.safetensors", "safetensors", false)]
    [InlineData("safetensors", "model.bin", "pytorch-zip", true)]
    [InlineData("pickle", "model.bin", "pytorch-zip", false)]
    [InlineData("pickle", "m.joblib", "joblib-zlib", false)]
    [InlineData("pytorch", "m.pt", "pytorch-legacy", false)]
    [InlineData("pytorch", "m.pkl", "pickle", true)]
    [InlineData("keras", "m.h5", "hdf5", false)]
    [InlineData("tensorflow", "saved_model.pb", "tensorflow-savedmodel", false)]
    [InlineData("onnx", "m.gguf", "gguf", true)]
    [InlineData("numpy-npz", "w.npz", "numpy-npz", false)]
    public void MG5003_flags_top_level_files_in_formats_not_required(string required, string path, string format, bool flagged)
    {
        var policy = Gate($"version: 1\nlists:\n  model-formats: {{ required: [{required}] }}\n");
        var artifacts = new List<ArtifactResult>
        {
            new(path, format, 100, ArtifactVerdict.Clean, null, [], []),
            new(path + "!archive/data.pkl", "pickle", 10, ArtifactVerdict.Clean, null, [], []),
        };

        var evaluation = policy.Evaluate(Report([], artifacts));

        if (flagged)
        {
            var finding = Assert.Single(evaluation.PolicyFindings);
            Assert.Equal(Rules.ModelFormatNotAllowed, finding.Rule);
            Assert.Equal(path, finding.Artifact);
            Assert.Equal(Verdict.Fail, evaluation.Decision.Verdict);
        }
        else
        {
            Assert.Empty(evaluation.PolicyFindings);
        }
    }

    [Fact]
    public void MG5003_findings_can_be_waived_by_path()
    {
        var policy = Gate("version: 1\nlists:\n  model-formats: { required: [safetensors] }\nwaivers:\n  - match: { path: 'legacy/**' }\n    reason: old model, replaced in Q3\n    owner: o\n    expires: 2027-01-31\n");

        var evaluation = policy.Evaluate(Report([], [new("legacy/v1/model.bin", "pytorch-zip", 100, ArtifactVerdict.Clean, null, [], [])]));

        Assert.Equal(Verdict.Pass, evaluation.Decision.Verdict);
        Assert.Equal(FindingAction.Waived, Assert.Single(evaluation.Decision.Outcomes).Action);
    }

    [Fact]
    public void Fifty_waivers_over_ten_thousand_findings_decide_each_finding_once()
    {
        var yaml = "version: 1\nwaivers:\n" + string.Concat(Enumerable.Range(0, 50).Select(i =>
            $"  - match: {{ advisory: PYSEC-{i * 200}, package: requests==2.25.0, path: '**/*.txt' }}\n    reason: r\n    owner: o\n    expires: 2027-01-31\n"));
        var findings = Enumerable.Range(0, 10_000).Select(i => Vulnerability($"PYSEC-{i}"));

        var decision = Gate(yaml).Evaluate(Report(findings)).Decision;

        Assert.Equal(10_000, decision.Outcomes.Count);
        Assert.Equal(50, decision.Outcomes.Count(o => o.Action == FindingAction.Waived));
        Assert.All(decision.Waivers, w => Assert.Equal((WaiverStatus.Applied, 1), (w.Status, w.Matched)));
    }

    [Fact]
    public void Decide_without_a_report_keeps_working()
    {
        var decision = GatePolicy.Default.Decide([]);

        Assert.Equal(Verdict.Pass, decision.Verdict);
        Assert.Equal(["no findings"], decision.Reasons);
    }

    private static GatePolicy Default => GatePolicy.Default;
}
