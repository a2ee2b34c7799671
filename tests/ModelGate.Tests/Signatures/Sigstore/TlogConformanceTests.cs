using ModelGate.Signatures.Sigstore;

namespace ModelGate.Tests.Signatures.Sigstore;

/// <summary>
/// Runs the transparency log and signed timestamp entry points over every conformance case. The cases whose
/// defect is in the log entry or the timestamps must fail with the named check; every other case must pass
/// these steps (its defect, if any, is for the certificate, signature or identity checks).
/// </summary>
public sealed class TlogConformanceTests
{
    /// <summary>Case → the check that must reject it.</summary>
    private static readonly Dictionary<string, string> Rejected = new(StringComparer.Ordinal)
    {
        ["bundle-from-wrong-instance_fail"] = TransparencyLogChecks.UnknownLog,
        ["checkpoint-bad-keyhint_fail"] = SigstoreChecks.Checkpoint,
        ["checkpoint-wrong-roothash_fail"] = SigstoreChecks.Checkpoint,
        ["dsse-invalid-sig_fail"] = SigstoreChecks.TlogBody,
        ["dsse-mismatch-envelope_fail"] = SigstoreChecks.TlogBody,
        ["dsse-mismatch-sig_fail"] = SigstoreChecks.TlogBody,
        ["inclusion-proof-corrupted-hash_fail"] = SigstoreChecks.InclusionProof,
        ["incorrect-public-key_fail"] = SigstoreChecks.TlogBody,
        ["intoto-log-entry-mismatch_fail"] = SigstoreChecks.TlogBody,
        ["intoto-missing-inclusion-proof_fail"] = SigstoreChecks.InclusionProof,
        ["invalid-checkpoint-signature_fail"] = SigstoreChecks.Checkpoint,
        ["invalid-inclusion-proof_fail"] = SigstoreChecks.InclusionProof,
        ["message-digest-mismatch_fail"] = SigstoreChecks.TlogBody,
        ["rekor2-checkpoint-missing-log-signature_fail"] = SigstoreChecks.Checkpoint,
        ["rekor2-checkpoint-missing-origin_fail"] = SigstoreChecks.Checkpoint,
        ["rekor2-checkpoint-missing-root-hash_fail"] = SigstoreChecks.Checkpoint,
        ["rekor2-checkpoint-missing-size_fail"] = SigstoreChecks.Checkpoint,
        ["rekor2-checkpoint-no-matching-signature_fail"] = SigstoreChecks.Checkpoint,
        ["rekor2-dsse-invalid-sig_fail"] = SigstoreChecks.TlogBody,
        ["rekor2-dsse-mismatch-envelope_fail"] = SigstoreChecks.TlogBody,
        ["rekor2-dsse-mismatch-sig_fail"] = SigstoreChecks.TlogBody,
        ["rekor2-no-inclusion-proof_fail"] = SigstoreChecks.InclusionProof,
        ["rekor2-timestamp-outside-trust-root-tsa-validity_fail"] = SigstoreChecks.Timestamp,
        ["rekor2-timestamp-outside-tsa-cert-validity_fail"] = SigstoreChecks.Timestamp,
        ["rekor2-timestamp-payload-mismatch_fail"] = SigstoreChecks.Timestamp,
        ["rekor2-timestamp-untrusted-tsa-with-embedded-cert_fail"] = SigstoreChecks.Timestamp,
        ["rekor2-timestamp-untrusted-tsa-without-embedded-cert_fail"] = SigstoreChecks.Timestamp,
        ["set-invalid-signature_fail"] = SigstoreChecks.TlogSet,
        ["signature-mismatch_fail"] = SigstoreChecks.TlogBody,
        ["wrong-hashedrekord-artifact_fail"] = SigstoreChecks.TlogBody,
        ["wrong-hashedrekord-cert-and-sig_fail"] = SigstoreChecks.TlogBody,
        ["wrong-hashedrekord-entry_fail"] = SigstoreChecks.TlogBody,
    };

    public static TheoryData<string> Cases => [.. SigstoreTestData.CaseNames];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tlog_and_timestamp_steps_decide_each_case_as_documented(string caseName)
    {
        var outcome = TlogConformance.Run(caseName);
        if (outcome is null)
        {
            // The bundle or trusted root is refused by its reader, or there is no key to verify with: the case
            // never reaches these steps, and it must be one that fails.
            Assert.EndsWith("_fail", caseName, StringComparison.Ordinal);
            Assert.False(Rejected.ContainsKey(caseName), caseName + " is expected to reach the tlog checks");
            return;
        }
        if (Rejected.TryGetValue(caseName, out var check))
        {
            var error = Assert.IsType<SigstoreVerificationException>(outcome.Error);
            Assert.Equal(check, error.Check);
            return;
        }
        Assert.Null(outcome.Error);
    }

    [Theory]
    [InlineData("checkpoint-bad-keyhint_fail", "no signature line is from the log rekor.sigstore.dev (key ID c0d23d6a)")]
    [InlineData("checkpoint-wrong-roothash_fail", "the checkpoint is for a tree of 75610772 leaves")]
    [InlineData("invalid-checkpoint-signature_fail", "does not verify with the log's key")]
    [InlineData("rekor2-checkpoint-missing-origin_fail", "origin, tree size and root hash are required")]
    [InlineData("rekor2-checkpoint-missing-size_fail", "origin, tree size and root hash are required")]
    [InlineData("rekor2-checkpoint-missing-root-hash_fail", "origin, tree size and root hash are required")]
    [InlineData("rekor2-checkpoint-missing-log-signature_fail", "no signature lines")]
    [InlineData("rekor2-checkpoint-no-matching-signature_fail", "no signature line is from the log log2025-alpha1.rekor.sigstage.dev")]
    [InlineData("inclusion-proof-corrupted-hash_fail", "is not the proof's root")]
    [InlineData("intoto-log-entry-mismatch_fail", "the DSSE envelope has a signature the entry does not record")]
    [InlineData("wrong-hashedrekord-entry_fail", "records a different certificate")]
    [InlineData("rekor2-timestamp-payload-mismatch_fail", "message imprint")]
    [InlineData("rekor2-timestamp-outside-trust-root-tsa-validity_fail", "sigstore-tsa-selfsigned is not valid at 2025-06-12T12:02:20")]
    [InlineData("rekor2-timestamp-untrusted-tsa-with-embedded-cert_fail", "does not chain to it")]
    [InlineData("rekor2-timestamp-untrusted-tsa-without-embedded-cert_fail", "its certificates did not sign the token")]
    [InlineData("rekor2-timestamp-outside-tsa-cert-validity_fail", "was not valid at its genTime")]
    public void Rejections_say_what_is_wrong(string caseName, string reason)
    {
        var outcome = TlogConformance.Run(caseName);
        Assert.NotNull(outcome);
        Assert.Contains(reason, Assert.IsType<SigstoreVerificationException>(outcome.Error).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("happy-path-v0.1", 1689177396)]
    [InlineData("happy-path-v0.3", 1710869186)]
    [InlineData("happy-path-intoto-in-dsse-v3", 1734374576)]
    [InlineData("intoto-with-custom-trust-root", 1675209600)]
    [InlineData("managed-key-happy-path", 1766077479)]
    public void Rekor_v1_entries_give_their_verified_integrated_time(string caseName, long integratedTime)
    {
        var outcome = TlogConformance.Run(caseName);
        Assert.NotNull(outcome);
        Assert.Null(outcome.Error);
        Assert.Equal([DateTimeOffset.FromUnixTimeSeconds(integratedTime)], outcome.IntegratedTimes);
    }

    [Theory]
    [InlineData("rekor2-happy-path", "2025-06-12T12:02:20Z")]
    [InlineData("trust-root-tsa-validity-end-inclusive", "2025-06-12T12:02:20Z")]
    public void Rekor_v2_entries_give_no_integrated_time_and_the_timestamp_gives_gen_time(string caseName, string genTime)
    {
        var outcome = TlogConformance.Run(caseName);
        Assert.NotNull(outcome);
        Assert.Null(outcome.Error);
        Assert.Empty(outcome.IntegratedTimes);
        Assert.Equal([DateTimeOffset.Parse(genTime, System.Globalization.CultureInfo.InvariantCulture)], outcome.TimestampTimes);
    }

    [Theory]
    [InlineData("rekor2-timestamp-with-embedded-cert")]
    [InlineData("rekor2-timestamp-without-embedded-cert")]
    [InlineData("rekor2-timestamp-with-expired-cert-chain")]
    [InlineData("intoto-with-custom-trust-root")]
    [InlineData("managed-key-happy-path")]
    public void Timestamps_from_trusted_authorities_verify(string caseName)
    {
        var outcome = TlogConformance.Run(caseName);
        Assert.NotNull(outcome);
        Assert.Null(outcome.Error);
        Assert.Single(outcome.TimestampTimes);
    }
}
