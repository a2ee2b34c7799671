using ModelGate.Artifacts;
using ModelGate.Findings;
using ModelGate.Provenance;
using ModelGate.Threats;

namespace ModelGate.Tests.Threats;

public sealed class ThreatControlsTests
{
    private static ThreatEntry T(string id) => ThreatCatalog.Find(id)!;

    private static Finding F(Rule rule, string? artifact = null) => new()
    {
        Rule = rule,
        Severity = rule.DefaultSeverity,
        Title = rule.Title,
        Message = "m",
        Artifact = artifact,
        Threats = ThreatCatalog.For(rule),
    };

    private static ModelProvenance Model(ProvenancePin pin, string? lockFile, params ProvenanceFileStatus[] files) => new()
    {
        Repo = "org/model",
        Commit = new string('a', 40),
        Pin = pin,
        LockFile = lockFile,
        Files = [.. files.Select((s, i) => new ProvenanceFile($"f{i}", s))],
    };

    [Theory]
    [InlineData("safetensors", ArtifactVerdict.Clean, "Mitigated")]
    [InlineData("pickle", ArtifactVerdict.Clean, "Mitigated")]
    [InlineData("pickle", ArtifactVerdict.Suspicious, "NotDetermined")]
    [InlineData("pickle", null, "NotDetermined")]
    [InlineData("safetensors", null, "NotDetermined")]
    public void Code_execution_is_mitigated_only_by_a_clean_scan(string format, ArtifactVerdict? verdict, string expected)
    {
        var facts = new AssetFacts(AssetKind.WeightFile, "weights-code") { Format = format, Verdict = verdict };

        Assert.Equal(Enum.Parse<ThreatStatus>(expected), ThreatControls.Assess(T("AML.T0011.000"), facts).Status);
    }

    [Fact]
    public void A_finding_mapped_to_the_threat_is_evidence_citing_rules_and_counts()
    {
        var facts = new AssetFacts(AssetKind.WeightFile, "weights-code")
        {
            Format = "pickle",
            Verdict = ArtifactVerdict.Malicious,
            Findings = [F(Rules.DangerousCallable, "a.pkl"), F(Rules.DangerousCallable, "a.pkl"), F(Rules.UnknownCallable, "a.pkl")],
        };

        var result = ThreatControls.Assess(T("CWE-502"), facts);

        Assert.Equal(ThreatStatus.Evidence, result.Status);
        Assert.Equal("MG2001 ×2, MG2002 ×1", result.Detail);
    }

    [Fact]
    public void A_finding_not_mapped_to_the_threat_is_not_evidence_of_it()
    {
        var facts = new AssetFacts(AssetKind.WeightFile, "weights-data")
        {
            Format = "safetensors",
            Verdict = ArtifactVerdict.Error,
            Findings = [F(Rules.MalformedTensorLayout, "w.safetensors")],
        };

        Assert.Equal(ThreatStatus.Evidence, ThreatControls.Assess(T("AML.T0076"), facts).Status);
        Assert.Equal(ThreatStatus.NotDetermined, ThreatControls.Assess(T("AML.T0018.002"), facts).Status);
    }

    [Theory]
    [InlineData("AML.T0018.000")]
    [InlineData("ML10")]
    public void Weight_poisoning_is_never_mitigated_by_a_static_scan(string id)
    {
        var facts = new AssetFacts(AssetKind.WeightFile, "weights-data") { Format = "safetensors", Verdict = ArtifactVerdict.Clean, HashVerifiedByLock = true };

        var result = ThreatControls.Assess(T(id), facts);

        Assert.Equal(ThreatStatus.NotDetermined, result.Status);
        Assert.Contains("static analysis", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ProvenancePin.Lock, "modelgate.lock.json", "Mitigated")]
    [InlineData(ProvenancePin.Reference, null, "NotDetermined")]
    [InlineData(ProvenancePin.None, null, "NotDetermined")]
    public void Tampering_on_the_pull_is_mitigated_by_a_lock_whose_hashes_all_verify(ProvenancePin pin, string? lockFile, string expected)
    {
        var facts = new AssetFacts(AssetKind.Pipeline, "pipeline") { Provenance = [Model(pin, lockFile, ProvenanceFileStatus.Verified, ProvenanceFileStatus.Verified)] };

        Assert.Equal(Enum.Parse<ThreatStatus>(expected), ThreatControls.Assess(T("AML.T0010.003"), facts).Status);
    }

    [Fact]
    public void One_unverified_file_keeps_tampering_undetermined()
    {
        var facts = new AssetFacts(AssetKind.Pipeline, "pipeline") { Provenance = [Model(ProvenancePin.Lock, "l.json", ProvenanceFileStatus.Verified, ProvenanceFileStatus.Unverifiable)] };

        var result = ThreatControls.Assess(T("CWE-494"), facts);

        Assert.Equal(ThreatStatus.NotDetermined, result.Status);
        Assert.Equal("1 of 2 files verified against the lock", result.Detail);
    }

    [Theory]
    [InlineData(ProvenancePin.Lock, "Mitigated")]
    [InlineData(ProvenancePin.Reference, "Mitigated")]
    [InlineData(ProvenancePin.None, "NotDetermined")]
    public void Rug_pull_is_mitigated_by_a_pinned_commit(ProvenancePin pin, string expected)
    {
        var facts = new AssetFacts(AssetKind.Pipeline, "pipeline") { Provenance = [Model(pin, null, ProvenanceFileStatus.Verified)] };

        Assert.Equal(Enum.Parse<ThreatStatus>(expected), ThreatControls.Assess(T("AML.T0109"), facts).Status);
    }

    [Fact]
    public void Unpinned_revision_finding_is_rug_pull_evidence()
    {
        var facts = new AssetFacts(AssetKind.Pipeline, "pipeline") { Provenance = [Model(ProvenancePin.None, null)], Findings = [F(Rules.RevisionNotPinned)] };

        Assert.Equal(ThreatStatus.Evidence, ThreatControls.Assess(T("AML.T0109"), facts).Status);
    }

    [Fact]
    public void Without_recorded_origin_the_pipeline_cannot_be_judged()
    {
        var result = ThreatControls.Assess(T("AML.T0109"), new AssetFacts(AssetKind.Pipeline, "pipeline"));

        Assert.Equal(ThreatStatus.NotDetermined, result.Status);
        Assert.Contains("no lock file", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Signatures_are_not_verified_yet_so_authenticity_stays_undetermined()
    {
        var facts = new AssetFacts(AssetKind.Model, "model") { Provenance = [Model(ProvenancePin.Lock, "l.json", ProvenanceFileStatus.Verified)] };

        Assert.Equal(ThreatStatus.NotDetermined, ThreatControls.Assess(T("CWE-345"), facts).Status);
        Assert.Equal(ThreatStatus.Mitigated, ThreatControls.Assess(T("AML.T0010.003"), facts).Status);
    }

    [Theory]
    // declarations, pinned, hashed, advisories consulted, threat, expected
    [InlineData(5, 5, 5, true, "CWE-1395", "Mitigated")]
    [InlineData(5, 4, 5, true, "CWE-1395", "NotDetermined")]
    [InlineData(5, 5, 5, false, "CWE-1395", "NotDetermined")]
    [InlineData(5, 5, 5, false, "CWE-494", "Mitigated")]
    [InlineData(5, 5, 4, true, "CWE-494", "NotDetermined")]
    [InlineData(5, 5, 0, true, "AML.T0109", "Mitigated")]
    [InlineData(5, 3, 0, true, "AML.T0109", "NotDetermined")]
    [InlineData(5, 5, 5, true, "AML.T0011.001", "NotDetermined")]
    [InlineData(5, 5, 5, true, "ML06", "Mitigated")]
    [InlineData(5, 5, 4, true, "ML06", "NotDetermined")]
    public void Package_controls_come_from_pins_hashes_and_advisories(int count, int pinned, int hashed, bool advisories, string threat, string expected)
    {
        var facts = new AssetFacts(AssetKind.Packages, "packages")
        {
            PackageCount = count,
            PinnedCount = pinned,
            HashedCount = hashed,
            AdvisorySource = advisories ? "OSV files" : null,
        };

        Assert.Equal(Enum.Parse<ThreatStatus>(expected), ThreatControls.Assess(T(threat), facts).Status);
    }

    [Fact]
    public void Datasets_are_never_judged_until_model_cards_are_read()
    {
        Assert.All(ThreatCatalog.ForAsset("dataset"), t =>
            Assert.Equal(ThreatStatus.NotDetermined, ThreatControls.Assess(t, new AssetFacts(AssetKind.Dataset, "dataset")).Status));
    }

    [Theory]
    [InlineData("a|b", "a\\|b")]
    [InlineData("<script>", "&lt;script&gt;")]
    [InlineData("x\ny", "x y")]
    [InlineData("`code`", "'code'")]
    public void Names_from_the_target_cannot_break_a_table_cell(string text, string cell) =>
        Assert.Equal(cell, ThreatModelMarkdown.Cell(text));
}
