using ModelGate.Findings;
using ModelGate.Policy;

namespace ModelGate.Tests.Policies;

/// <summary>
/// Rules compile their <c>when</c> with <see cref="ModelGate.Policy.Conditions.PolicyCondition"/>, which the CEL
/// work provides: these tests exercise the loader and the evaluator with real conditions.
/// </summary>
public sealed class PolicyRuleTests
{
    private const string Rules = """
        version: 1
        rules:
          - id: high-cvss-direct
            when: finding.kind == 'vulnerability' && package.direct
            action: fail
            message: Direct dependencies must not carry known vulnerabilities
          - id: quiet-hygiene
            when: finding.kind == 'hygiene'
            action: ignore
          - id: pickles-warn
            when: finding.kind == 'artifact'
            action: warn
            message: Pickles are reviewed by hand
        """;

    [Fact]
    public void Rules_load_in_order_with_their_lines()
    {
        var document = PolicyFile.Parse(Rules, "p.yaml");

        Assert.Equal(["high-cvss-direct", "quiet-hygiene", "pickles-warn"], document.Rules.Select(r => r.Id));
        Assert.Equal([FindingAction.Fail, FindingAction.Ignore, FindingAction.Warn], document.Rules.Select(r => r.Action));
        Assert.Equal([3, 7, 10], document.Rules.Select(r => r.Line));
    }

    [Fact]
    public void A_condition_that_does_not_compile_is_refused_at_its_when_line()
    {
        var ex = Assert.Throws<PolicyException>(() => PolicyFile.Parse("version: 1\nrules:\n  - id: broken\n    when: finding.kind ==\n    action: fail\n", "p.yaml"));

        Assert.StartsWith("p.yaml:4:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rule broken: the condition does not compile", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_rule_id_is_refused()
    {
        var ex = Assert.Throws<PolicyException>(() => PolicyFile.Parse("version: 1\nrules:\n  - id: a\n    when: 'true'\n    action: fail\n  - id: a\n    when: 'true'\n    action: warn\n", "p.yaml"));

        Assert.StartsWith("p.yaml:6:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("duplicate rule id 'a'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_rule_that_holds_decides_and_its_message_is_the_reason()
    {
        var policy = PolicyTestData.Gate(Rules);
        var report = PolicyTestData.Report([PolicyTestData.Vulnerability(severity: Severity.Low), PolicyTestData.Hygiene(Severity.High), PolicyTestData.Pickle()]);

        var decision = policy.Evaluate(report).Decision;

        Assert.Equal(Verdict.Fail, decision.Verdict);
        Assert.Equal(["1 finding fails by rule high-cvss-direct: Direct dependencies must not carry known vulnerabilities"], decision.Reasons);
        var byRule = decision.Outcomes.ToDictionary(o => o.Fingerprint);
        Assert.Equal((FindingAction.Fail, "rule high-cvss-direct"), (byRule[PolicyTestData.Vulnerability().Fingerprint].Action, byRule[PolicyTestData.Vulnerability().Fingerprint].By));
        Assert.Equal(FindingAction.Ignore, byRule[PolicyTestData.Hygiene().Fingerprint].Action);
        Assert.Equal(FindingAction.Warn, byRule[PolicyTestData.Pickle().Fingerprint].Action);
    }

    [Fact]
    public void A_waiver_takes_precedence_over_rules()
    {
        var policy = PolicyTestData.Gate(Rules + """

            waivers:
              - match: { advisory: CVE-2023-32681 }
                reason: Not reachable
                owner: alice@example.com
                expires: 2027-01-31
            """);

        var decision = policy.Evaluate(PolicyTestData.Report([PolicyTestData.Vulnerability()])).Decision;

        Assert.Equal(Verdict.Pass, decision.Verdict);
        Assert.Equal(FindingAction.Waived, Assert.Single(decision.Outcomes).Action);
    }

    [Fact]
    public void A_condition_that_fails_at_run_time_names_the_rule_its_line_and_the_finding()
    {
        var policy = PolicyTestData.Gate("version: 1\nrules:\n  - id: divides\n    when: 1 / (finding.line - finding.line) == 1\n    action: fail\n");
        var finding = PolicyTestData.Vulnerability();

        var ex = Assert.Throws<PolicyException>(() => policy.Evaluate(PolicyTestData.Report([finding])));

        Assert.StartsWith("modelgate-policy.yaml:3:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rule divides failed on finding " + finding.Fingerprint, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fifty_rules_over_ten_thousand_findings_evaluate()
    {
        var yaml = "version: 1\nrules:\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"  - id: r{i}\n    when: finding.severity == 'never-{i}'\n    action: fail\n"));
        var policy = PolicyTestData.Gate(yaml);
        var findings = Enumerable.Range(0, 10_000).Select(i => PolicyTestData.Vulnerability($"PYSEC-{i}", Severity.Low));

        var decision = policy.Evaluate(PolicyTestData.Report(findings)).Decision;

        Assert.Equal(10_000, decision.Outcomes.Count);
        Assert.All(decision.Outcomes, o => Assert.StartsWith("threshold", o.By, StringComparison.Ordinal));
    }
}
