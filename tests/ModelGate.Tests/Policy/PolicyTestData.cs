using ModelGate.Advisories;
using ModelGate.Artifacts;
using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Policy;
using ModelGate.Reporting;

namespace ModelGate.Tests.Policies;

/// <summary>Small reports shaped like real scans: a vulnerable pinned dependency, a pickle model, an unreadable file.</summary>
internal static class PolicyTestData
{
    public static readonly InventoryPackage Requests = new()
    {
        Ecosystem = "PyPI",
        Name = "requests",
        Version = "2.25.0",
        Specifier = "==2.25.0",
        Source = new SourceLocation("requirements.txt", 3),
        Direct = true,
    };

    public static Finding Vulnerability(string id = "PYSEC-2023-74", Severity severity = Severity.High) => new()
    {
        Rule = Rules.KnownVulnerability,
        Severity = severity,
        Title = $"requests 2.25.0: {id}",
        Message = "Unintended leak of Proxy-Authorization header",
        Location = new SourceLocation("requirements.txt", 3),
        Package = "requests",
        Discriminator = id,
    };

    public static Finding Pickle(string path = "model.pkl", Severity severity = Severity.Critical) => new()
    {
        Rule = Rules.DangerousCallable,
        Severity = severity,
        Title = "os.system",
        Message = $"{path} calls os.system",
        Location = new SourceLocation(path, null, 42),
        Artifact = path,
        Discriminator = "os.system",
    };

    public static Finding Unreadable(string path = "data/broken.txt") => new()
    {
        Rule = Rules.ParseError,
        Severity = Severity.High,
        Title = "Input could not be parsed",
        Message = $"{path}: bad line",
        Location = new SourceLocation(path, 1),
    };

    public static Finding Hygiene(Severity severity = Severity.Low) => new()
    {
        Rule = Rules.UnpinnedRequirement,
        Severity = severity,
        Title = "numpy is not pinned",
        Message = "numpy is not pinned",
        Location = new SourceLocation("requirements.txt", 1),
        Package = "numpy",
    };

    public static ScanReport Report(IEnumerable<Finding> findings, IReadOnlyList<ArtifactResult>? artifacts = null) => new()
    {
        Tool = ToolInfo.Current,
        Target = "project",
        Inventory = new ScanInventory { Packages = [Requests] },
        Vulnerabilities =
        [
            new Vulnerability { Package = Requests, Ids = ["PYSEC-2023-74", "CVE-2023-32681", "GHSA-j8r2-6x86-q33q"], Severity = Severity.High, Cvss = new CvssRating("CVSS:3.1/AV:N", 6.1) },
        ],
        Artifacts = artifacts ?? [],
        ArtifactsScanned = artifacts is not null,
        Findings = findings.Order(FindingOrder.Instance).ToList(),
        Decision = new PolicyDecision(Verdict.Pass, []),
        Timestamp = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero),
    };

    public static GatePolicy Gate(string yaml, DateOnly? today = null) =>
        GatePolicy.From(PolicyFile.Parse(yaml, "modelgate-policy.yaml"), "modelgate-policy.yaml").WithTime(new FakeTimeProvider(today ?? new DateOnly(2026, 6, 1)));
}
