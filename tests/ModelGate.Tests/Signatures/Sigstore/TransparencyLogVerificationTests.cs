using ModelGate.Signatures.Sigstore;

namespace ModelGate.Tests.Signatures.Sigstore;

/// <summary>Hostile variants of a good Rekor v1 bundle (happy-path-v0.2: SET, proof and checkpoint) at the entry point.</summary>
public sealed class TransparencyLogVerificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static (SigstoreBundle Bundle, TrustedRoot Root, TransparencyLogEntry Entry) Good()
    {
        var path = SigstoreTestData.CaseFile("happy-path-v0.2", "bundle.sigstore.json");
        var bundle = SigstoreBundleReader.Read(File.ReadAllBytes(path), path);
        var root = TrustedRootReader.Read(File.ReadAllBytes(SigstoreTestData.ProductionTrustedRoot), SigstoreTestData.ProductionTrustedRoot);
        return (bundle, root, bundle.VerificationMaterial.TlogEntries[0]);
    }

    private static SigstoreBundle With(SigstoreBundle bundle, params TransparencyLogEntry[] entries) =>
        bundle with { VerificationMaterial = bundle.VerificationMaterial with { TlogEntries = entries } };

    private static SigstoreVerificationException Reject(SigstoreBundle bundle, TrustedRoot root, DateTimeOffset? now = null) =>
        Assert.Throws<SigstoreVerificationException>(() =>
            TransparencyLogVerification.Verify(bundle, root, bundle.VerificationMaterial.LeafCertificate!, isCertificate: true, now ?? Now));

    [Fact]
    public void The_good_bundle_verifies_and_gives_its_integrated_time()
    {
        var (bundle, root, entry) = Good();
        var times = TransparencyLogVerification.Verify(bundle, root, bundle.VerificationMaterial.LeafCertificate!, isCertificate: true, Now);
        Assert.Equal([DateTimeOffset.FromUnixTimeSeconds(entry.IntegratedTime!.Value)], times);
    }

    [Fact]
    public void An_integrated_time_more_than_a_minute_ahead_of_now_is_in_the_future()
    {
        var (bundle, root, entry) = Good();
        var integrated = DateTimeOffset.FromUnixTimeSeconds(entry.IntegratedTime!.Value);

        Assert.Single(TransparencyLogVerification.Verify(bundle, root, bundle.VerificationMaterial.LeafCertificate!, true, integrated.AddSeconds(-59)));
        var error = Reject(bundle, root, integrated.AddMinutes(-2));

        Assert.Equal(TransparencyLogChecks.IntegratedTime, error.Check);
        Assert.Contains("in the future", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_not_yet_valid_at_the_integrated_time_is_not_trusted_for_it()
    {
        var (bundle, root, entry) = Good();
        var integrated = DateTimeOffset.FromUnixTimeSeconds(entry.IntegratedTime!.Value);
        var late = root with { Tlogs = [.. root.Tlogs.Select(log => log with { ValidFrom = integrated.AddSeconds(1) })] };

        Assert.Equal(TransparencyLogChecks.IntegratedTime, Reject(bundle, late).Check);
    }

    [Fact]
    public void An_entry_from_a_log_the_trusted_root_does_not_know_is_rejected()
    {
        var (bundle, root, entry) = Good();
        Assert.Equal(TransparencyLogChecks.UnknownLog, Reject(With(bundle, entry with { LogKeyId = new byte[32] }), root).Check);
    }

    public static TheoryData<string, string> Variants() => new()
    {
        { "no-entries", SigstoreChecks.InclusionProof },
        { "too-many-entries", SigstoreChecks.BundleFormat },
        { "kind-mismatch", SigstoreChecks.TlogBody },
        { "version-mismatch", SigstoreChecks.TlogBody },
        { "no-proof", SigstoreChecks.InclusionProof },
        { "v0.1-without-set", SigstoreChecks.TlogSet },
        { "set-on-other-index", SigstoreChecks.TlogSet },
        { "proof-index-past-size", SigstoreChecks.InclusionProof },
        { "proof-ten-thousand-hashes", SigstoreChecks.InclusionProof },
        { "proof-missing-hash", SigstoreChecks.InclusionProof },
        { "proof-other-root", SigstoreChecks.InclusionProof },
        { "body-reformatted", SigstoreChecks.TlogSet },
        { "no-checkpoint", SigstoreChecks.Checkpoint },
        { "checkpoint-garbage", SigstoreChecks.Checkpoint },
        { "set-zero-time", TransparencyLogChecks.IntegratedTime },
        { "second-entry-bad", SigstoreChecks.TlogSet },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Hostile_variants_are_rejected_by_the_named_check(string variant, string check)
    {
        var (bundle, root, entry) = Good();
        var proof = entry.Proof!;
        var hostile = variant switch
        {
            "no-entries" => With(bundle),
            "too-many-entries" => With(bundle, [.. Enumerable.Repeat(entry, SigstoreLimits.MaxTlogEntries + 1)]),
            "kind-mismatch" => With(bundle, entry with { Kind = "dsse" }),
            "version-mismatch" => With(bundle, entry with { KindVersion = "0.0.2" }),
            "no-proof" => With(bundle, entry with { Proof = null }),
            "v0.1-without-set" => With(bundle, entry with { SignedEntryTimestamp = null }) with { BundleVersion = "0.1" },
            "set-on-other-index" => With(bundle, entry with { LogIndex = entry.LogIndex + 1 }),
            "proof-index-past-size" => With(bundle, entry with { Proof = proof with { LogIndex = proof.TreeSize } }),
            "proof-ten-thousand-hashes" => With(bundle, entry with { Proof = proof with { Hashes = [.. Enumerable.Repeat(new byte[32], 10_000)] } }),
            "proof-missing-hash" => With(bundle, entry with { Proof = proof with { Hashes = [.. proof.Hashes.Skip(1)] } }),
            "proof-other-root" => With(bundle, entry with { Proof = proof with { RootHash = new byte[32] } }),
            "body-reformatted" => With(bundle, entry with { CanonicalizedBody = [.. entry.CanonicalizedBody, (byte)' '] }),
            "no-checkpoint" => With(bundle, entry with { Proof = proof with { Checkpoint = null } }),
            "checkpoint-garbage" => With(bundle, entry with { Proof = proof with { Checkpoint = new string('\u2014', 100_000) } }),
            "set-zero-time" => With(bundle, entry with { IntegratedTime = 0 }),
            "second-entry-bad" => With(bundle, entry, entry with { SignedEntryTimestamp = [.. entry.SignedEntryTimestamp!.Reverse()] }),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };

        var error = Reject(hostile, root);

        Assert.Equal(check, error.Check);
        if (variant == "second-entry-bad")
            Assert.StartsWith("tlog entry 1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_managed_key_bundle_does_not_verify_against_a_certificate_or_another_key()
    {
        var path = SigstoreTestData.CaseFile("managed-key-happy-path", "bundle.sigstore.json");
        var bundle = SigstoreBundleReader.Read(File.ReadAllBytes(path), path);
        var root = TrustedRootReader.Read(File.ReadAllBytes(SigstoreTestData.ProductionTrustedRoot), SigstoreTestData.ProductionTrustedRoot);
        var key = SigstorePublicKey.FromPem(File.ReadAllText(SigstoreTestData.CaseFile("managed-key-happy-path", "key.pub"))).Spki;

        Assert.Single(TransparencyLogVerification.Verify(bundle, root, key, isCertificate: false, Now));
        var asCertificate = Assert.Throws<SigstoreVerificationException>(() => TransparencyLogVerification.Verify(bundle, root, key, isCertificate: true, Now));
        Assert.Contains("records a public key, but the bundle is signed with a certificate", asCertificate.Message, StringComparison.Ordinal);
        var otherKey = Assert.Throws<SigstoreVerificationException>(() => TransparencyLogVerification.Verify(bundle, root, [.. key.SkipLast(1), 0], isCertificate: false, Now));
        Assert.Contains("different public key", otherKey.Message, StringComparison.Ordinal);
    }
}
