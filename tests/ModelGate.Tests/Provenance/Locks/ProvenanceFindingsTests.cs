using ModelGate.Findings;
using ModelGate.Provenance;
using ModelGate.Provenance.Locks;

namespace ModelGate.Tests.Provenance.Locks;

public sealed class ProvenanceFindingsTests
{
    private const string Expected = "sha256:68d45e234eb4a928074dfd868cead0219ab85354cc53d20e772753c6bb9169d3";
    private const string Actual = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

    private static SnapshotVerification Verification(string? detectedCommit, params FileVerification[] files) =>
        new(LockSamples.BertModel(), "/tmp/bert", detectedCommit, files);

    [Fact]
    public void Changed_file_is_a_critical_finding_with_both_hashes_and_the_lock_as_evidence()
    {
        var finding = Assert.Single(ProvenanceFindings.FromVerification(
            Verification(null, new FileVerification("model.safetensors", FileVerificationStatus.Changed, Expected, Actual, null)), "modelgate.lock.json", "models/bert"));
        Assert.Equal("MG3003", finding.Rule.Id);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal("models/bert/model.safetensors", finding.Artifact);
        Assert.Equal("models/bert/model.safetensors", finding.Location!.Path);
        Assert.Equal(
            [$"expected {Expected}", $"actual {Actual}", "locked in modelgate.lock.json for google-bert/bert-base-uncased@86b5e09"],
            finding.Evidence);
        Assert.Equal($"models/bert/model.safetensors differs from modelgate.lock.json: expected {Expected}, found {Actual}.", finding.Message);
        Assert.Contains("Do not load this model", finding.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Missing", "MG3004")]
    [InlineData("Unexpected", "MG3005")]
    [InlineData("Unverifiable", "MG3008")]
    [InlineData("Changed", "MG3003")]
    public void Each_status_maps_to_its_rule(string statusName, string rule)
    {
        var status = Enum.Parse<FileVerificationStatus>(statusName);
        var finding = Assert.Single(ProvenanceFindings.FromVerification(
            Verification(null, new FileVerification("config.json", status, null, null, "why")), "modelgate.lock.json", null));
        Assert.Equal(rule, finding.Rule.Id);
        Assert.Equal("config.json", finding.Artifact);
        Assert.Contains("why", finding.Evidence);
    }

    [Fact]
    public void Verified_files_give_no_findings_and_a_different_commit_gives_one()
    {
        var findings = ProvenanceFindings.FromVerification(
            Verification(LockSamples.OtherCommit, new FileVerification("config.json", FileVerificationStatus.Verified, Expected, Expected, null)), "lock.json", null);
        var finding = Assert.Single(findings);
        Assert.Equal("MG3007", finding.Rule.Id);
        Assert.Contains($"expected commit {LockSamples.BertCommit}", finding.Evidence);
        Assert.Contains($"actual commit {LockSamples.OtherCommit}", finding.Evidence);
    }

    [Fact]
    public void Fingerprints_are_stable_across_runs_and_differ_when_the_bytes_differ()
    {
        FileVerification Changed(string actual) => new("model.safetensors", FileVerificationStatus.Changed, Expected, actual, null);
        var first = ProvenanceFindings.FromVerification(Verification(null, Changed(Actual)), "lock.json", null).Single();
        var again = ProvenanceFindings.FromVerification(Verification(null, Changed(Actual)), "lock.json", null).Single();
        var other = ProvenanceFindings.FromVerification(Verification(null, Changed(Expected)), "lock.json", null).Single();
        Assert.Equal(first.Fingerprint, again.Fingerprint);
        Assert.NotEqual(first.Fingerprint, other.Fingerprint);
    }
}
