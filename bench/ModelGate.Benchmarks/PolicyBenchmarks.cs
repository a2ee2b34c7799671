using BenchmarkDotNet.Attributes;
using ModelGate.Advisories;
using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Policy;
using ModelGate.Policy.Conditions;
using ModelGate.Reporting;

namespace ModelGate.Benchmarks;

/// <summary>
/// The yardstick: a policy of 50 rules over 10,000 findings "well under a second". Every rule is
/// evaluated for every finding (the worst case: no rule matches early). Findings mix 500 packages, five kinds
/// and all severities; each rule compiles fresh per iteration so the memo starts empty.
/// </summary>
[MemoryDiagnoser]
public class PolicyBenchmarks
{
    private const int FindingCount = 10_000;

    private static readonly string[] Conditions =
    [
        "finding.kind == 'vulnerability' && finding.cvss >= 7.0 && package.direct",
        "finding.kind == 'vulnerability' && finding.cvss >= 9.0",
        "finding.kind == 'vulnerability' && !finding.fixed",
        "finding.kind == 'vulnerability' && finding.aliases.exists(a, a.startsWith('GHSA-'))",
        "finding.kind == 'vulnerability' && package.group == 'dev'",
        "finding.severity == 'critical'",
        "finding.severity_rank >= 3 && package.direct",
        "finding.severity_rank <= 1",
        "finding.rule == 'MG1101' && package.group != ''",
        "finding.rule in ['MG1102', 'MG1105']",
        "package.ecosystem == 'conda'",
        "package.name in ['requests', 'urllib3', 'certifi']",
        "package.name.startsWith('torch')",
        "package.origin == 'lockfile' && !package.direct",
        "package.editable",
        "package.url != '' && !package.url.startsWith('https://')",
        "size(package.extra_index_urls) > 0",
        "finding.kind == 'artifact' && artifact.verdict == 'malicious'",
        "finding.kind == 'artifact' && artifact.format == 'pickle'",
        "artifact.container != '' && finding.severity_rank >= 2",
        "artifact.size > 1000000000",
        "finding.kind == 'provenance' && model.pinned_by == 'none'",
        "model.organization in ['google-bert', 'meta-llama']",
        "finding.kind == 'license' && card.license == ''",
        "finding.kind == 'card'",
        "finding.kind == 'parse-error'",
        "finding.kind == 'hygiene' && finding.severity_rank >= 2",
        "finding.cvss > 4.0 && finding.cvss < 7.0",
        "finding.threats.exists(t, t == 'CWE-502')",
        "'ML06' in finding.threats",
        "finding.kind == 'vulnerability' ? finding.cvss >= 8.0 : false",
        "finding.rule.startsWith('MG2') && artifact.verdict != 'clean'",
        "finding.rule.startsWith('MG3')",
        "finding.rule.matches('^MG5[0-9]{3}$')",
        "package.version.startsWith('0.')",
        "package.specifier == '' && package.direct",
        "finding.kind == 'vulnerability' && package.name.contains('-')",
        "finding.severity == 'high' && finding.kind == 'artifact'",
        "finding.severity == 'medium' && package.group.startsWith('optional:')",
        "!(finding.kind in ['vulnerability', 'hygiene'])",
        "finding.kind == 'vulnerability' && size(finding.aliases) > 2",
        "package.marker != ''",
        "size(package.hashes) == 0 && package.origin == 'manifest'",
        "finding.severity_rank == 4 || (finding.severity_rank == 3 && package.direct)",
        "package.extractor == 'python/uv-lock'",
        "model.repo != '' && model.commit == ''",
        "finding.kind == 'vulnerability' && finding.cvss == 0.0",
        "card.tags.exists(t, t == 'not-for-all-audiences')",
        "finding.kind == 'artifact' && finding.rule == 'MG2004'",
        "package.direct && package.name.endsWith('-dev')",
    ];

    private PolicyFactsIndex _index = null!;
    private Finding[] _findings = [];
    private PolicyFacts[] _facts = [];
    private PolicyCondition[] _compiled = [];
    private ScanReport _report = null!;
    private GatePolicy _policy = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(9);
        var packages = Enumerable.Range(0, 500).Select(i => new InventoryPackage
        {
            Ecosystem = i % 10 == 0 ? Ecosystems.Conda : Ecosystems.PyPI,
            Name = $"package-{i}",
            Version = $"{i % 4}.{i % 7}.0",
            Source = new SourceLocation(i % 3 == 0 ? "uv.lock" : "requirements.txt", i + 1),
            Direct = i % 2 == 0,
            Group = (i % 5) switch { 0 => "dev", 1 => "optional:gpu", _ => null },
            Origin = i % 3 == 0 ? PackageOrigin.Lockfile : PackageOrigin.Manifest,
        }).ToArray();
        var rules = new[] { Rules.KnownVulnerability, Rules.UnpinnedRequirement, Rules.UnhashedRequirement, Rules.DangerousCallable, Rules.FileHashMismatch, Rules.WaiverStale };
        var vulnerabilities = new List<Vulnerability>();
        var findings = new List<Finding>();
        for (var i = 0; i < FindingCount; i++)
        {
            var rule = rules[random.Next(rules.Length)];
            var package = packages[random.Next(packages.Length)];
            var severity = (Severity)random.Next(5);
            var finding = new Finding { Rule = rule, Severity = severity, Title = $"finding {i}", Message = $"message {i}" };
            if (rule == Rules.KnownVulnerability)
            {
                var id = $"PYSEC-2024-{i}";
                vulnerabilities.Add(new Vulnerability
                {
                    Package = package,
                    Ids = [id, $"CVE-2024-{i}", $"GHSA-{i:x4}"],
                    Severity = severity,
                    Cvss = new CvssRating("CVSS:3.1/AV:N", Math.Round(random.NextDouble() * 10, 1)),
                    Fixed = i % 3 == 0 ? [] : ["9.9.9"],
                });
                finding = finding with { Package = package.Name, Location = package.Source, Discriminator = id, Threats = [new ThreatReference("OWASP-ML", "ML06", "AI supply chain attacks")] };
            }
            else if (rule.Kind == FindingKind.Hygiene && rule != Rules.WaiverStale)
            {
                finding = finding with { Package = package.Name, Location = package.Source };
            }
            else if (rule.Kind is FindingKind.Artifact or FindingKind.Provenance)
            {
                var path = $"models/m{i % 40}/model.pt";
                finding = finding with { Artifact = path, Location = new SourceLocation(path, Offset: i), Threats = [new ThreatReference("CWE", "CWE-502", "Deserialization")] };
            }
            findings.Add(finding);
        }
        var report = new ScanReport
        {
            Tool = ToolInfo.Current,
            Target = ".",
            Inventory = new ScanInventory { Packages = packages },
            Vulnerabilities = vulnerabilities,
            Findings = findings,
            Decision = new PolicyDecision(Verdict.Pass, []),
            Timestamp = DateTimeOffset.UnixEpoch,
        };
        _report = report;
        _index = PolicyFactsIndex.Build(report);
        _findings = [.. findings];
        _facts = Array.ConvertAll(_findings, f => PolicyFacts.For(f, _index));
    }

    [IterationSetup]
    public void CompileFresh()
    {
        _compiled = Array.ConvertAll(Conditions, PolicyCondition.Compile);
        // The same 50 conditions as a policy file's rules (fail, warn, ignore in turn), loaded fresh so no memo carries over.
        var yaml = new System.Text.StringBuilder("version: 1\nrules:\n");
        for (var i = 0; i < Conditions.Length; i++)
        {
            var action = (i % 3) switch { 0 => "fail", 1 => "warn", _ => "ignore" };
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - id: rule-{i}\n    when: \"{Conditions[i].Replace("\"", "\\\"", StringComparison.Ordinal)}\"\n    action: {action}\n    message: rule {i}\n");
        }
        _policy = GatePolicy.From(PolicyFile.Parse(yaml.ToString(), "bench-policy.yaml"), "bench-policy.yaml");
    }

    /// <summary>The whole decision: a policy of 50 rules over a report of 10,000 findings (facts, first matching rule, thresholds, reasons).</summary>
    [Benchmark]
    public Verdict DecidePolicyOf50RulesOver10000Findings() => _policy.Evaluate(_report).Decision.Verdict;

    /// <summary>50 rules × 10,000 findings, facts prebuilt.</summary>
    [Benchmark]
    public int Evaluate50RulesOver10000Findings()
    {
        var holds = 0;
        foreach (var facts in _facts)
        {
            foreach (var condition in _compiled)
            {
                if (condition.Evaluate(facts))
                    holds++;
            }
        }
        return holds;
    }

    /// <summary>The same, building each finding's facts too (what the decision does).</summary>
    [Benchmark]
    public int BuildFactsAndEvaluate50RulesOver10000Findings()
    {
        var holds = 0;
        foreach (var finding in _findings)
        {
            var facts = PolicyFacts.For(finding, _index);
            foreach (var condition in _compiled)
            {
                if (condition.Evaluate(facts))
                    holds++;
            }
        }
        return holds;
    }

    /// <summary>Compiling the 50 conditions (once per policy load).</summary>
    [Benchmark]
    public int Compile50() => Array.ConvertAll(Conditions, PolicyCondition.Compile).Length;
}
