using ModelGate.Policy;
using ModelGate.Reporting.Json;

namespace ModelGate.Cli.Tests;

/// <summary><c>modelgate policy ...</c> and the gate commands with a policy file, end to end.</summary>
public sealed class PolicyRunTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "modelgate-cli-tests", Guid.NewGuid().ToString("N"));

    public PolicyRunTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "testdata", .. parts]);

    [Fact]
    public async Task Show_default_prints_the_built_in_policy()
    {
        var (code, stdout, _) = await CliRunner.RunAsync("policy", "show-default");

        Assert.Equal(0, code);
        Assert.Equal(PolicyFile.DefaultText, stdout);
        Assert.Contains("default: { fail: high, warn: medium }", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_counts_rules_and_waivers_of_a_good_policy()
    {
        var (code, stdout, _) = await CliRunner.RunAsync("policy", "check", Fixture("policy-test", "passing", "modelgate-policy.yaml"));

        Assert.Equal(0, code);
        Assert.Equal("ok: 0 rules, 1 waiver\n", stdout.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("version: 1\nthresholds:\n  default: { fail: severe }\n", ":3:", "'severe' is not a severity")]
    [InlineData("version: !!python/object/apply:os.system ['id']\n", ":1:", "type tags are not allowed")]
    [InlineData("version: 1\nwaivers: [\n", ":3:", "YAML syntax error")]
    public async Task Check_refuses_a_bad_policy_with_file_line_and_reason(string yaml, string line, string reason)
    {
        var path = Path.Combine(_dir, "modelgate-policy.yaml");
        await File.WriteAllTextAsync(path, yaml);

        var (code, stdout, stderr) = await CliRunner.RunAsync("policy", "check", path);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains(path + line, stderr, StringComparison.Ordinal);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_test_passes_when_every_expectation_holds()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("policy", "test", Fixture("policy-test", "passing"), "--date", "2026-06-01");

        Assert.Equal("", stderr);
        Assert.Equal(0, code);
        Assert.Equal("PASS clean\nPASS dangerous-pickle\nPASS extra-index\nPASS waived-advisory\n4 passed, 0 failed\n", stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Policy_test_fails_on_a_wrong_verdict_or_a_missing_reason()
    {
        var (code, stdout, _) = await CliRunner.RunAsync("policy", "test", Fixture("policy-test", "failing"), "--date", "2026-06-01");

        Assert.Equal(1, code);
        var lines = stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal("PASS clean", lines[0]);
        Assert.StartsWith("FAIL dangerous-pickle: expected warn, got fail (1 MG2001 finding at or above high (artifact threshold))", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("FAIL extra-index: no reason contains 'extra index is fine'", lines[2], StringComparison.Ordinal);
        Assert.Equal("1 passed, 2 failed", lines[3]);
    }

    [Fact]
    public async Task Policy_test_after_the_waiver_expires_fails_the_waived_case()
    {
        var (code, stdout, _) = await CliRunner.RunAsync("policy", "test", Fixture("policy-test", "passing"), "--date", "2027-02-01");

        Assert.Equal(1, code);
        Assert.Contains("FAIL waived-advisory: expected pass, got fail", stdout, StringComparison.Ordinal);
        Assert.Contains("waiver requests-netrc expired on 2027-01-31 (alice@example.com) — its 1 finding count again", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_test_counts_an_unreadable_report_or_a_missing_expectation_as_failed()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "truncated.json"), "{\"schemaVersion\": 1, \"findings\": [");
        await File.WriteAllTextAsync(Path.Combine(_dir, "truncated.expected"), "pass\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "lonely.json"), "{\"schemaVersion\": 1}");

        var (code, stdout, _) = await CliRunner.RunAsync("policy", "test", _dir);

        Assert.Equal(1, code);
        Assert.Contains("FAIL lonely: no lonely.expected beside the report", stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL truncated: " + Path.Combine(_dir, "truncated.json") + ": not valid JSON", stdout, StringComparison.Ordinal);
        Assert.EndsWith("0 passed, 2 failed\n", stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--date", "31/01/2027")]
    [InlineData("--policy", "missing.yaml")]
    public async Task Policy_test_errors_exit_2(string option, string value)
    {
        var (code, _, stderr) = await CliRunner.RunAsync("policy", "test", Fixture("policy-test", "passing"), option, value);

        Assert.Equal(2, code);
        Assert.Contains(value, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_test_on_a_folder_without_reports_exits_2()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("policy", "test", _dir);

        Assert.Equal(2, code);
        Assert.Contains("no *.json reports", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("version: 1\nthresholds:\n  default: { fail: critical, warn: critical }\n", 0, "built-in default")]
    [InlineData("version: 1\nthresholds:\n  default: { fail: critical, warn: critical }\n  parse-error: { fail: high }\n", 1, "MG0001")]
    public async Task Scan_uses_the_policy_in_the_target_folder(string yaml, int expected, string _)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "requirements.txt"), "numpy==1.26.4\nthis is not a requirement ((\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "modelgate-policy.yaml"), yaml);

        var (code, stdout, stderr) = await CliRunner.RunAsync("scan", _dir, "--format", "json", "--db", Fixture("advisories"));

        Assert.True(expected == code, stderr + stdout);
        Assert.Contains($"\"policy\": \"{Path.Combine(_dir, "modelgate-policy.yaml")}\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_with_policy_option_and_fail_on_override()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "requirements.txt"), "numpy==1.26.4\n");
        var policy = Path.Combine(_dir, "lenient.yaml");
        await File.WriteAllTextAsync(policy, "version: 1\nthresholds:\n  default: { fail: critical, warn: critical }\n");

        var lenient = await CliRunner.RunAsync("scan", _dir, "--format", "json", "--db", Fixture("advisories"), "--policy", policy);
        var strict = await CliRunner.RunAsync("scan", _dir, "--format", "json", "--db", Fixture("advisories"), "--policy", policy, "--fail-on", "info");

        Assert.Equal(0, lenient.ExitCode);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains($"\"policy\": \"{policy} (--fail-on info)\"", strict.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_table_names_the_policy_and_each_waiver()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "requirements.txt"), "numpy==1.26.4\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "modelgate-policy.yaml"), "version: 1\nwaivers:\n  - id: old\n    match: { package: left-pad }\n    reason: r\n    owner: carol\n    expires: 2099-12-31\n");

        var (code, stdout, _) = await CliRunner.RunAsync("scan", _dir, "--db", Fixture("advisories"));

        Assert.Equal(0, code);
        Assert.Contains($"Policy: {Path.Combine(_dir, "modelgate-policy.yaml")}", stdout, StringComparison.Ordinal);
        Assert.Contains("waiver old: stale, 0 finding(s) matched (owner carol, until 2099-12-31)", stdout, StringComparison.Ordinal);
        Assert.Contains("MG5002", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("deps")]
    [InlineData("model")]
    public async Task A_bad_policy_stops_the_gate_with_exit_2(string command)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "requirements.txt"), "numpy==1.26.4\n");
        var policy = Path.Combine(_dir, "bad.yaml");
        await File.WriteAllTextAsync(policy, "version: 1\nrulez: []\n");

        var (code, stdout, stderr) = await CliRunner.RunAsync(command, _dir, "--policy", policy);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains($"{policy}:2:1: unknown field 'rulez' in the policy", stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// Tried as a new user would: fail on high vulnerabilities, allow only permissive licences, waive one advisory
    /// until a date — on the bundled example, before and after the waiver expires.
    /// </summary>
    [Theory]
    [InlineData("2027-01-31", "applied")]
    [InlineData("2027-02-01", "expired")]
    public async Task A_new_users_policy_decides_the_example_before_and_after_its_waiver_expires(string today, string status)
    {
        var target = RepoExamples.Path("sklearn-pandas");
        var policyPath = Path.Combine(_dir, "modelgate-policy.yaml");
        await File.WriteAllTextAsync(policyPath, """
            version: 1
            thresholds:
              default: { fail: critical, warn: medium }
              vulnerability: { fail: high, warn: medium }
            lists:
              licenses: { allow: [permissive] }
            waivers:
              - id: joblib-pickle
                match: { advisory: PYSEC-2022-288, package: joblib }
                reason: We only load models we trained ourselves
                owner: ml-platform@example.com
                expires: 2027-01-31
            """);
        var (code, stdout, stderr) = await CliRunner.RunAsync("scan", target, "--format", "json", "--db", Path.Combine(target, "advisories"), "--policy", policyPath);
        Assert.True(code == 1, stderr);
        var report = JsonReportReader.Parse(System.Text.Encoding.UTF8.GetBytes(stdout), "scan.json");

        var policy = GatePolicy.From(PolicyFile.Load(policyPath), policyPath).WithTime(new FixedClock(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
        var evaluation = policy.Evaluate(report);

        var waiver = Assert.Single(evaluation.Decision.Waivers);
        Assert.Equal((status, 1), (Reporting.ReportNames.Of(waiver.Status), waiver.Matched));
        Assert.Equal(Verdict.Fail, evaluation.Decision.Verdict);
        var joblib = report.Findings.Single(f => f.Discriminator == "PYSEC-2022-288");
        var outcome = evaluation.Decision.Outcomes.Single(o => o.Fingerprint == joblib.Fingerprint);
        if (status == "applied")
        {
            Assert.Equal(FindingAction.Waived, outcome.Action);
            Assert.Equal("27 MG1001 findings at or above high (vulnerability threshold)", Assert.Single(evaluation.Decision.Reasons));
            Assert.Empty(evaluation.PolicyFindings);
        }
        else
        {
            Assert.Equal(FindingAction.Fail, outcome.Action);
            Assert.Equal(["28 MG1001 findings at or above high (vulnerability threshold)", "waiver joblib-pickle expired on 2027-01-31 (ml-platform@example.com) — its 1 finding count again"], evaluation.Decision.Reasons);
            Assert.Equal("MG5001", Assert.Single(evaluation.PolicyFindings).Rule.Id);
        }
    }

    [Theory]
    [InlineData("2027-01-31", 0)]
    [InlineData("2027-02-01", 1)]
    public async Task Waiving_the_only_advisory_turns_the_gate_until_the_date(string today, int exitCode)
    {
        var example = RepoExamples.Path("sklearn-pandas");
        await File.WriteAllTextAsync(Path.Combine(_dir, "requirements.txt"), "joblib==0.14.1\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "modelgate-policy.yaml"), """
            version: 1
            thresholds:
              vulnerability: { fail: high }
            waivers:
              - match: { advisory: PYSEC-2022-288 }
                reason: We only load models we trained ourselves
                owner: ml-platform@example.com
                expires: 2027-01-31
            """);
        var (_, stdout, stderr) = await CliRunner.RunAsync("scan", _dir, "--format", "json", "--db", Path.Combine(example, "advisories"));
        var saved = Path.Combine(_dir, "reports");
        Directory.CreateDirectory(saved);
        await File.WriteAllTextAsync(Path.Combine(saved, "joblib.json"), stdout);
        await File.WriteAllTextAsync(Path.Combine(saved, "joblib.expected"), exitCode == 0 ? "pass\n" : "fail\nreason: expired on 2027-01-31\n");

        var (code, output, _) = await CliRunner.RunAsync("policy", "test", saved, "--policy", Path.Combine(_dir, "modelgate-policy.yaml"), "--date", today);

        Assert.True(stderr.Length == 0 || !stderr.Contains("modelgate:", StringComparison.Ordinal), stderr);
        Assert.Equal(0, code);
        Assert.Contains("1 passed, 0 failed", output, StringComparison.Ordinal);
    }

    private sealed class FixedClock(DateOnly day) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
    }
}
