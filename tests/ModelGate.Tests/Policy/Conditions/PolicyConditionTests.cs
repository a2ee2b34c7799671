using ModelGate.Findings;
using ModelGate.Policy.Conditions;
using Xunit;

namespace ModelGate.Tests.Policy.Conditions;

public sealed class PolicyConditionTests
{
    private static PolicyFacts Sample(string name)
    {
        Finding finding = name switch
        {
            "vulnerability" => ConditionSamples.VulnerabilityFinding,
            "member" => ConditionSamples.MemberFinding,
            "provenance" => ConditionSamples.ProvenanceFinding,
            "hygiene" => ConditionSamples.HygieneFinding,
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        return PolicyFacts.For(finding, PolicyFactsIndex.Build(ConditionSamples.Report(ConditionSamples.Bert, ConditionSamples.Other)));
    }

    [Theory]
    // kinds and severities
    [InlineData("finding.kind == 'vulnerability'", "vulnerability", true)]
    [InlineData("finding.kind == 'vulnerability'", "member", false)]
    [InlineData("finding.kind in ['artifact', 'provenance']", "provenance", true)]
    [InlineData("finding.kind == 'policy' && finding.rule == 'MG5002'", "hygiene", true)]
    [InlineData("finding.severity == 'critical'", "member", true)]
    [InlineData("finding.severity_rank >= 3", "vulnerability", false)]
    [InlineData("finding.severity_rank >= 3", "provenance", true)]
    // cvss, the example, numbers
    [InlineData("finding.kind == 'vulnerability' && finding.cvss >= 7.0 && package.direct", "vulnerability", false)]
    [InlineData("finding.kind == 'vulnerability' && finding.cvss >= 6.0 && package.direct", "vulnerability", true)]
    [InlineData("finding.cvss > 6.0 && finding.cvss < 6.2", "vulnerability", true)]
    [InlineData("finding.cvss == 0.0", "hygiene", true)]
    [InlineData("finding.fixed", "vulnerability", true)]
    [InlineData("!finding.fixed", "member", true)]
    [InlineData("finding.line == 3 && package.line == 3", "vulnerability", true)]
    [InlineData("artifact.size > 256 && artifact.size <= 512", "member", true)]
    [InlineData("finding.line > 2.5", "vulnerability", true)]
    // lists: in, exists, all, size
    [InlineData("'CVE-2023-32681' in finding.aliases", "vulnerability", true)]
    [InlineData("'CVE-2099-0001' in finding.aliases", "vulnerability", false)]
    [InlineData("finding.aliases.exists(a, a.startsWith('GHSA-'))", "vulnerability", true)]
    [InlineData("finding.aliases.exists(a, a.startsWith('GHSA-'))", "hygiene", false)]
    [InlineData("finding.aliases.all(a, a.contains('-'))", "vulnerability", true)]
    [InlineData("finding.aliases.exists_one(a, a.startsWith('CVE'))", "vulnerability", true)]
    [InlineData("size(finding.aliases) == 2", "vulnerability", true)]
    [InlineData("finding.aliases.size() == 0", "member", true)]
    [InlineData("finding.threats.exists(t, t == 'ML06')", "vulnerability", true)]
    [InlineData("finding.evidence.filter(e, e.startsWith('fixed')).size() == 1", "vulnerability", true)]
    [InlineData("'socks' in package.extras", "vulnerability", true)]
    [InlineData("size(card.tags) == 0 && card.license == ''", "vulnerability", true)]
    // strings
    [InlineData("finding.path.startsWith('models/')", "member", true)]
    [InlineData("finding.path.endsWith('.txt')", "vulnerability", true)]
    [InlineData("finding.message.contains('proxy credentials')", "vulnerability", true)]
    [InlineData("finding.artifact.matches('!archive/.*\\\\.pkl$')", "member", true)]
    [InlineData("artifact.path.matches('^models/')", "hygiene", false)]
    [InlineData("size(finding.title) > 10", "vulnerability", true)]
    [InlineData("artifact.container != '' && artifact.format == 'pickle'", "member", true)]
    // package, model
    [InlineData("package.name == 'requests' && package.version == '2.19.0' && package.ecosystem == 'PyPI'", "vulnerability", true)]
    [InlineData("package.name == ''", "hygiene", true)]
    [InlineData("model.organization in ['google-bert', 'meta-llama']", "provenance", true)]
    [InlineData("model.pinned_by != 'none'", "member", true)]
    [InlineData("model.repo == ''", "vulnerability", true)]
    // other CEL forms
    [InlineData("finding['kind'] == 'vulnerability'", "vulnerability", true)]
    [InlineData("finding.kind == 'x' ? false : true", "vulnerability", true)]
    [InlineData("has(finding.kind)", "hygiene", true)]
    [InlineData("(finding.kind == 'artifact' || finding.kind == 'provenance') && !(artifact.verdict == 'clean')", "member", true)]
    [InlineData("int(finding.cvss) == 6", "vulnerability", true)]
    public void ConditionHoldsAsExpected(string expression, string sample, bool expected)
    {
        var condition = PolicyCondition.Compile(expression);
        var facts = Sample(sample);
        Assert.Equal(expected, condition.Evaluate(facts));
        Assert.Equal(expected, condition.EvaluateUncached(facts));
        Assert.Equal(expected, condition.Evaluate(facts));
    }

    [Theory]
    [InlineData("finding.kind ==", "syntax error")]
    [InlineData("finding.kind == 'a' )", "syntax error")]
    [InlineData("finding.kind == 'unterminated", "syntax error")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("finding.cvs >= 7.0", "'finding' has no field 'cvs'")]
    [InlineData("package.direkt", "'package' has no field 'direkt'")]
    [InlineData("finding['kindd'] == 'x'", "'finding' has no field 'kindd'")]
    [InlineData("false && model.repos == 'x'", "'model' has no field 'repos'")]
    [InlineData("findings.kind == 'x'", "unknown variable 'findings'")]
    [InlineData("request.auth == 'x'", "unknown variable 'request'")]
    [InlineData("finding.kind", "not a boolean")]
    [InlineData("finding.cvss + 1.0", "not a boolean")]
    [InlineData("finding.aliases", "not a boolean")]
    [InlineData("'text'", "not a boolean")]
    [InlineData("finding.line", "not a boolean")]
    [InlineData("finding.kind.lowerAscii() == 'x'", "unknown function 'lowerAscii'")]
    [InlineData("exec('rm') == 1", "unknown function 'exec'")]
    [InlineData("finding.cvss > 'x'", "No overload")]
    [InlineData("size(finding.cvss) == 1", "No overload")]
    [InlineData("finding.kind.matches('[')", "Invalid pattern")]
    [InlineData("finding.aliases.exists(finding, finding == 'x')", "hides the policy variable")]
    [InlineData("google.protobuf.Duration{seconds: 1} == google.protobuf.Duration{seconds: 1}", "not supported")]
    public void ConditionIsRefusedWithItsReason(string expression, string reason)
    {
        var ex = Assert.Throws<PolicyConditionException>(() => PolicyCondition.Compile(expression));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("finding.cvs >= 7.0", "column 9")]
    [InlineData("finding.kind == 'a' )", "1:20")]
    public void CompileErrorsNameTheColumn(string expression, string column)
    {
        var ex = Assert.Throws<PolicyConditionException>(() => PolicyCondition.Compile(expression));
        Assert.Contains(column, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(33, true)]
    [InlineData(32, false)]
    public void DeepNestingIsRefusedBeforeParsing(int depth, bool refused)
    {
        var expression = new string('(', depth) + "true" + new string(')', depth);
        if (refused)
            Assert.Contains("nested", Assert.Throws<PolicyConditionException>(() => PolicyCondition.Compile(expression)).Message, StringComparison.Ordinal);
        else
            Assert.True(PolicyCondition.Compile(expression).Evaluate(Sample("hygiene")));
    }

    [Fact]
    public void LongChainsAreRefusedNotOverflowTheStack()
    {
        var expression = string.Join(" + ", Enumerable.Repeat("1", 1000)) + " > 0";
        var ex = Assert.Throws<PolicyConditionException>(() => PolicyCondition.Compile(expression));
        Assert.Contains("too deeply", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverlongConditionIsRefused()
    {
        var expression = "finding.kind == '" + new string('a', PolicyCondition.MaxLength) + "'";
        Assert.Contains("characters long", Assert.Throws<PolicyConditionException>(() => PolicyCondition.Compile(expression)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10 / finding.line > 1", "member", "divide")]
    [InlineData("finding.line % finding.offset == 0", "vulnerability", "modulus")]
    [InlineData("finding.aliases[0] == 'CVE-2023-32681'", "hygiene", "out of range")]
    public void RuntimeErrorsAreConditionErrorsWithTheReason(string expression, string sample, string reason)
    {
        var condition = PolicyCondition.Compile(expression);
        var ex = Assert.Throws<PolicyConditionException>(() => condition.Evaluate(Sample(sample)));
        Assert.Contains(reason, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(expression, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsListsOnlyTheFieldsTheConditionSelects()
    {
        var condition = PolicyCondition.Compile("finding.kind == 'vulnerability' && finding.aliases.exists(a, a.startsWith('GHSA')) && package.direct");
        Assert.Equal(["finding.aliases", "finding.kind", "package.direct"], condition.Reads);
    }

    [Fact]
    public void MemoDoesNotMixFindingsThatDifferInAReadField()
    {
        var condition = PolicyCondition.Compile("finding.path.startsWith('models/')");
        Assert.True(condition.Evaluate(Sample("member")));
        Assert.False(condition.Evaluate(Sample("vulnerability")));
        Assert.True(condition.Evaluate(Sample("provenance")));
        Assert.False(condition.Evaluate(Sample("hygiene")));
    }

    [Fact]
    public void ConditionsEvaluateConcurrently()
    {
        var condition = PolicyCondition.Compile("finding.severity_rank >= 3 && finding.path.contains('/')");
        var samples = new[] { "vulnerability", "member", "provenance", "hygiene" }.Select(Sample).ToArray();
        var expected = samples.Select(condition.EvaluateUncached).ToArray();
        Parallel.For(0, 400, i => Assert.Equal(expected[i % 4], condition.EvaluateUncached(samples[i % 4])));
    }
}
