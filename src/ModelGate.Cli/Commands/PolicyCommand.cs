using System.CommandLine;
using System.Globalization;
using ModelGate.Policy;
using ModelGate.Reporting;
using ModelGate.Reporting.Json;

namespace ModelGate.Cli.Commands;

/// <summary>
/// <c>modelgate policy show-default | check FILE | test DIR</c>: print the built-in policy, validate a policy
/// file, and test a policy against saved JSON reports with expected decisions (docs/policy.md, "Testing a
/// policy"), the way <c>opa test</c> and <c>conftest verify</c> do.
/// </summary>
internal static class PolicyCommand
{
    private const long MaxExpectationBytes = 64 * 1024;

    public static Command Create(TextWriter stdout, TextWriter stderr) =>
        new("policy", "Show, check and test policy files (modelgate-policy.yaml).")
        {
            ShowDefault(stdout),
            Check(stdout, stderr),
            Test(stdout, stderr),
        };

    private static Command ShowDefault(TextWriter stdout)
    {
        var command = new Command("show-default", "Print the built-in policy, a starting point for modelgate-policy.yaml.");
        command.SetAction(async (_, _) =>
        {
            await stdout.WriteAsync(PolicyFile.DefaultText).ConfigureAwait(false);
            return (int)ExitCode.Pass;
        });
        return command;
    }

    private static Command Check(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "The policy file." };
        var command = new Command("check", "Load a policy file and report the first problem with its line (exit 2), or how many rules and waivers it has.") { file };
        command.SetAction(async (parse, _) =>
        {
            try
            {
                var document = PolicyFile.Load(parse.GetValue(file)!);
                await stdout.WriteLineAsync($"ok: {Count(document.Rules.Length, "rule")}, {Count(document.Waivers.Length, "waiver")}").ConfigureAwait(false);
                return (int)ExitCode.Pass;
            }
            catch (PolicyException ex)
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
        });
        return command;
    }

    private static Command Test(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("dir") { Description = "A folder of JSON reports (written with --format json), each with NAME.expected beside NAME.json." };
        var policyFile = new Option<string?>("--policy") { Description = "The policy to test (default: modelgate-policy.yaml in DIR, else the built-in policy)." };
        var date = new Option<string?>("--date") { Description = "Judge waiver expiry as on this day, YYYY-MM-DD (default: today, UTC), so tests of waivers keep their meaning." };
        var command = new Command("test", "Run the policy over saved JSON reports and compare each decision with NAME.expected (exit 0 all pass, 1 any failed, 2 error).")
        {
            dir, policyFile, date,
        };
        command.SetAction(async (parse, _) =>
        {
            var folder = parse.GetValue(dir)!;
            if (!Directory.Exists(folder))
            {
                await stderr.WriteLineAsync($"modelgate: '{folder}' is not a folder").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
            GatePolicy policy;
            try
            {
                policy = PolicyOptions.Load(parse.GetValue(policyFile), folder);
            }
            catch (PolicyException ex)
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
            if (parse.GetValue(date) is { } dateText)
            {
                if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    await stderr.WriteLineAsync($"modelgate: --date '{dateText}' is not a date written YYYY-MM-DD").ConfigureAwait(false);
                    return (int)ExitCode.Error;
                }
                policy = policy.WithTime(new FixedTime(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)));
            }
            var reports = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
            if (reports.Count == 0)
            {
                await stderr.WriteLineAsync($"modelgate: no *.json reports in {folder}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
            int passed = 0, failed = 0;
            foreach (var report in reports)
            {
                var name = Path.GetFileNameWithoutExtension(report);
                string[] problems;
                try
                {
                    problems = RunCase(policy, report, Path.ChangeExtension(report, ".expected"));
                }
                catch (PolicyException ex)
                {
                    await stderr.WriteLineAsync($"modelgate: {name}: {ex.Message}").ConfigureAwait(false);
                    return (int)ExitCode.Error;
                }
                if (problems.Length == 0)
                {
                    passed++;
                    await stdout.WriteLineAsync($"PASS {name}").ConfigureAwait(false);
                }
                else
                {
                    failed++;
                    await stdout.WriteLineAsync($"FAIL {name}: {string.Join("; ", problems)}").ConfigureAwait(false);
                }
            }
            await stdout.WriteLineAsync($"{passed} passed, {failed} failed").ConfigureAwait(false);
            return failed == 0 ? (int)ExitCode.Pass : (int)ExitCode.Fail;
        });
        return command;
    }

    /// <summary>What is wrong with one case (empty when it passes). A report or expectation that cannot be read fails the case.</summary>
    /// <exception cref="PolicyException">A rule failed at run time: the policy is broken, not the case.</exception>
    private static string[] RunCase(GatePolicy policy, string reportPath, string expectedPath)
    {
        Expectation expected;
        ScanReport report;
        try
        {
            var info = new FileInfo(expectedPath);
            if (!info.Exists)
                return [$"no {Path.GetFileName(expectedPath)} beside the report"];
            if (info.Length > MaxExpectationBytes)
                return [$"{Path.GetFileName(expectedPath)} is larger than {MaxExpectationBytes / 1024} KiB"];
            expected = Expectation.Parse(File.ReadAllLines(expectedPath), Path.GetFileName(expectedPath));
            report = JsonReportReader.Read(reportPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return [ex.Message];
        }
        var decision = policy.Evaluate(report).Decision;
        var problems = new List<string>();
        if (decision.Verdict != expected.Verdict)
            problems.Add($"expected {ReportNames.Of(expected.Verdict)}, got {ReportNames.Of(decision.Verdict)} ({string.Join("; ", decision.Reasons)})");
        foreach (var reason in expected.Reasons)
        {
            if (!decision.Reasons.Any(r => r.Contains(reason, StringComparison.Ordinal)))
                problems.Add($"no reason contains '{reason}' (reasons: {string.Join("; ", decision.Reasons)})");
        }
        return [.. problems];
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>NAME.expected: the verdict on the first line, then <c>reason: TEXT</c> lines; blank lines and <c>#</c> comments are skipped.</summary>
    private sealed record Expectation(Verdict Verdict, IReadOnlyList<string> Reasons)
    {
        /// <exception cref="InvalidDataException">Not in that form.</exception>
        public static Expectation Parse(string[] lines, string file)
        {
            Verdict? verdict = null;
            var reasons = new List<string>();
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                    continue;
                if (verdict is null)
                {
                    verdict = line switch
                    {
                        "pass" => Verdict.Pass,
                        "warn" => Verdict.Warn,
                        "fail" => Verdict.Fail,
                        _ => throw new InvalidDataException($"{file}:{i + 1}: the first line must be pass, warn or fail, not '{line}'"),
                    };
                }
                else if (line.StartsWith("reason:", StringComparison.Ordinal) && line.Length > "reason:".Length)
                {
                    reasons.Add(line["reason:".Length..].Trim());
                }
                else
                {
                    throw new InvalidDataException($"{file}:{i + 1}: expected 'reason: TEXT', found '{line}'");
                }
            }
            return new Expectation(verdict ?? throw new InvalidDataException($"{file}: empty; the first line must be pass, warn or fail"), reasons);
        }
    }

    /// <summary>A clock stopped at one instant (for <c>--date</c>).</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
