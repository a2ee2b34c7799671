using ModelGate.Advisories;
using ModelGate.Artifacts;
using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Policy;
using ModelGate.Provenance;
using ModelGate.Reporting;

namespace ModelGate.Tests.Policy.Conditions;

/// <summary>A small report with one finding of each shape the facts resolve differently.</summary>
internal static class ConditionSamples
{
    public static readonly InventoryPackage Requests = new()
    {
        Ecosystem = Ecosystems.PyPI,
        Name = "requests",
        Version = "2.19.0",
        Specifier = "==2.19.0",
        Source = new SourceLocation("requirements.txt", 3),
        Direct = true,
        Extras = ["socks"],
        Extractor = "python/requirements",
    };

    public static readonly InventoryPackage RequestsInTests = Requests with { Source = new SourceLocation("tests/requirements.txt", 1), Direct = false, Group = "dev" };

    public static readonly Vulnerability RequestsVulnerability = new()
    {
        Package = Requests,
        Ids = ["PYSEC-2023-74", "CVE-2023-32681", "GHSA-j8r2-6x86-q33q"],
        Severity = Severity.Medium,
        Cvss = new CvssRating("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N", 6.1),
        Fixed = ["2.31.0"],
    };

    public static readonly Finding VulnerabilityFinding = new()
    {
        Rule = Rules.KnownVulnerability,
        Severity = Severity.Medium,
        Title = "requests 2.19.0: PYSEC-2023-74",
        Message = "Requests forwards proxy credentials to destination servers.",
        Location = Requests.Source,
        Package = "requests",
        Discriminator = "PYSEC-2023-74",
        Evidence = ["ids: PYSEC-2023-74, CVE-2023-32681, GHSA-j8r2-6x86-q33q", "fixed in: 2.31.0"],
        Threats = [new ThreatReference("OWASP-ML", "ML06", "AI supply chain attacks"), new ThreatReference("CWE", "CWE-200", "Exposure")],
    };

    public static readonly Finding MemberFinding = new()
    {
        Rule = Rules.DangerousCallable,
        Severity = Severity.Critical,
        Title = Rules.DangerousCallable.Title,
        Message = "model.pt!archive/data.pkl calls os.system",
        Location = new SourceLocation("models/bert/model.pt", Offset: 120),
        Artifact = "models/bert/model.pt!archive/data.pkl",
        Evidence = ["GLOBAL os system"],
        Discriminator = "os.system",
    };

    public static readonly Finding ProvenanceFinding = new()
    {
        Rule = Rules.FileHashMismatch,
        Severity = Severity.Critical,
        Title = Rules.FileHashMismatch.Title,
        Message = "config.json differs from its pinned hash",
        Location = new SourceLocation("models/bert/config.json"),
        Artifact = "models/bert/config.json",
        Discriminator = "config.json",
    };

    public static readonly Finding HygieneFinding = new()
    {
        Rule = Rules.WaiverStale,
        Severity = Severity.Low,
        Title = Rules.WaiverStale.Title,
        Message = "Waiver 'old-one' matches nothing",
        Location = new SourceLocation("modelgate-policy.yaml", 12),
    };

    public static readonly ModelProvenance Bert = new()
    {
        Repo = "google-bert/bert-base-uncased",
        Commit = "86b5e0934494bd15c9632b12f734a8a67f723594",
        RequestedRevision = "main",
        Pin = ProvenancePin.Lock,
        Source = "https://huggingface.co",
        LockFile = "modelgate.lock",
        Files = [new ProvenanceFile("config.json", ProvenanceFileStatus.Changed), new ProvenanceFile("model.pt", ProvenanceFileStatus.Verified)],
    };

    public static readonly ModelProvenance Other = new()
    {
        Repo = "acme/other",
        Commit = "0000000000000000000000000000000000000001",
        Files = [new ProvenanceFile("weights.bin", ProvenanceFileStatus.Verified)],
    };

    public static ScanReport Report(params ModelProvenance[] provenance) => new()
    {
        Tool = ToolInfo.Current,
        Target = ".",
        Inventory = new ScanInventory
        {
            Packages = [Requests, RequestsInTests],
            ModelArtifacts = [new ModelArtifact(new SourceLocation("models/bert/model.pt"), "pytorch-zip", 4096, new Dictionary<string, string> { ["sha256"] = "ab12" })],
        },
        Vulnerabilities = [RequestsVulnerability],
        Artifacts =
        [
            new ArtifactResult("models/bert/model.pt", "pytorch-zip", 4096, ArtifactVerdict.Malicious, "ab12", [], ["MG2001"]),
            new ArtifactResult("models/bert/model.pt!archive/data.pkl", "pickle", 512, ArtifactVerdict.Malicious, "cd34", [], ["MG2001"]),
        ],
        ArtifactsScanned = true,
        Provenance = provenance,
        Findings = [VulnerabilityFinding, MemberFinding, ProvenanceFinding, HygieneFinding],
        Decision = new PolicyDecision(Verdict.Fail, []),
        Timestamp = DateTimeOffset.UnixEpoch,
    };
}
