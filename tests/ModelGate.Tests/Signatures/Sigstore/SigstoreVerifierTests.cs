using ModelGate.Signatures.Sigstore;

namespace ModelGate.Tests.Signatures.Sigstore;

public sealed class SigstoreVerifierTests
{
    private static readonly TimeProvider Now = TimeProvider.System;

    /// <summary>Happy cases whose trust rests on integrated times (no RFC 3161 timestamp needed).</summary>
    [Theory]
    [InlineData("happy-path-v0.1")]
    [InlineData("happy-path-v0.2")]
    [InlineData("happy-path-v0.3")]
    [InlineData("happy-path-v0.3-new-mediaType")]
    [InlineData("happy-path-intoto-in-dsse-v3")]
    [InlineData("intoto-with-custom-trust-root")]
    [InlineData("trust-root-tlog-validity-end-inclusive")]
    [InlineData("managed-key-happy-path")]
    [InlineData("managed-key-and-trusted-root")]
    public void Certificate_signature_and_identity_steps_accept_the_happy_cases(string caseName)
    {
        var c = new ConformanceCase(caseName);
        foreach (var artifact in new[] { ArtifactInput.FromFile(c.ArtifactPath), ArtifactInput.TryParseDigest(c.ArtifactDigest)! })
        {
            var result = Verifier(c).Verify(Bundle(c), artifact, c.Policy);
            Assert.Equal(c.KeyPath is null, result.SignedWithCertificate);
            if (c.KeyPath is null)
            {
                Assert.Equal(c.Identity, result.Identity);
                Assert.Equal(c.Issuer, result.Issuer);
                Assert.NotEmpty(result.VerifiedTimes);
            }
        }
    }

    /// <summary>Failing cases whose defect these steps find on their own, with the check that must name it.</summary>
    [Theory]
    [InlineData("bundle-with-root-cert_fail", SigstoreChecks.CertificateChain, "includes a root certificate")]
    [InlineData("bundle-from-wrong-instance_fail", SigstoreChecks.CertificateChain, "does not chain to a Fulcio CA")]
    [InlineData("dsse-invalid-sig_fail", SigstoreChecks.Signature, "DSSE envelope's signature does not verify")]
    [InlineData("signature-mismatch_fail", SigstoreChecks.Signature, "message signature does not verify")]
    [InlineData("wrong-material_fail", SigstoreChecks.ArtifactDigest, "is not the artifact's SHA2_256 digest")]
    [InlineData("message-digest-mismatch_fail", SigstoreChecks.ArtifactDigest, "is not the artifact's SHA2_256 digest")]
    [InlineData("managed-key-no-key_fail", SigstoreChecks.Identity, "signed with a managed public key")]
    
    [InlineData("invalid-ct-key_fail", SigstoreChecks.Sct, "no embedded SCT verifies")]
    [InlineData("integrated-time-in-future_fail", SigstoreChecks.VerifiedTime, "was not valid at the verified time")]
    [InlineData("intoto-set-outside-signing-cert-validity_fail", SigstoreChecks.VerifiedTime, "was not valid at the verified time")]
    [InlineData("intoto-expired-certificate_fail", SigstoreChecks.VerifiedTime, "was not valid at the verified time")]
    [InlineData("intoto-missing-inclusion-proof_fail", SigstoreChecks.BundleVersion, "needs an inclusion proof")]
    [InlineData("rekor2-no-inclusion-proof_fail", SigstoreChecks.BundleVersion, "needs an inclusion proof")]
    [InlineData("rekor2-no-timestamp_fail", SigstoreChecks.VerifiedTime, "no verified time")]
    public void Failing_cases_are_rejected_by_the_named_check(string caseName, string check, string reason)
    {
        var c = new ConformanceCase(caseName);
        var error = Assert.Throws<SigstoreVerificationException>(() => Verifier(c).Verify(Bundle(c), ArtifactInput.FromFile(c.ArtifactPath), c.Policy));
        Assert.Equal(check, error.Check);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_is_not_a_curve_point_is_refused_as_a_key()
    {
        var c = new ConformanceCase("managed-key-wrong-key_fail");
        var error = Assert.Throws<SigstoreVerificationException>(() => c.Policy);
        Assert.Equal(SigstoreChecks.PublicKey, error.Check);
    }

    [Fact]
    public void Identity_and_issuer_mismatches_name_what_the_certificate_says()
    {
        var c = new ConformanceCase("happy-path-v0.3");
        var verifier = Verifier(c);
        var bundle = Bundle(c);
        var artifact = ArtifactInput.FromFile(c.ArtifactPath);

        var wrongIdentity = Assert.Throws<SigstoreVerificationException>(() => verifier.Verify(bundle, artifact,
            VerificationPolicy.ForIdentity(StringMatcher.Exact("https://github.com/evil/repo"), StringMatcher.Exact(c.Issuer))));
        Assert.Equal(SigstoreChecks.Identity, wrongIdentity.Check);
        Assert.Contains(c.Identity, wrongIdentity.Message, StringComparison.Ordinal);

        var wrongIssuer = Assert.Throws<SigstoreVerificationException>(() => verifier.Verify(bundle, artifact,
            VerificationPolicy.ForIdentity(StringMatcher.Exact(c.Identity), StringMatcher.Exact("https://accounts.google.com"))));
        Assert.Contains("OIDC issuer 'https://token.actions.githubusercontent.com' does not match", wrongIssuer.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://github.com/sigstore-conformance/.*", "https://token\\.actions\\.githubusercontent\\.com", true)]
    [InlineData("https://github.com/sigstore-conformance/", "https://token.actions.githubusercontent.com", false)]
    [InlineData(".*@refs/heads/main", "https://token.actions.githubusercontent.com", true)]
    [InlineData(".*", "token.actions.githubusercontent.com", false)]
    [InlineData("evil.example/https://github.com/.*", ".*", false)]
    public void Regular_expressions_match_the_whole_value(string identity, string issuer, bool verifies)
    {
        var c = new ConformanceCase("happy-path-v0.3");
        var policy = VerificationPolicy.ForIdentity(StringMatcher.Regex(identity), StringMatcher.Regex(issuer));
        var verify = () => Verifier(c).Verify(Bundle(c), ArtifactInput.FromFile(c.ArtifactPath), policy);
        if (verifies)
            Assert.Equal(c.Identity, verify().Identity);
        else
            Assert.Equal(SigstoreChecks.Identity, Assert.Throws<SigstoreVerificationException>(verify).Check);
    }

    [Fact]
    public void Certificate_bundle_is_not_accepted_for_a_managed_key_policy()
    {
        var c = new ConformanceCase("happy-path-v0.3");
        var key = SigstorePublicKey.FromPem(File.ReadAllText(new ConformanceCase("managed-key-happy-path").KeyPath!));
        var error = Assert.Throws<SigstoreVerificationException>(() =>
            Verifier(c).Verify(Bundle(c), ArtifactInput.FromFile(c.ArtifactPath), VerificationPolicy.ForKey(key)));
        Assert.Equal(SigstoreChecks.PublicKey, error.Check);
    }

    [Fact]
    public void The_production_verifier_runs_the_log_checks_too()
    {
        var c = new ConformanceCase("set-invalid-signature_fail");
        var root = TrustedRootReader.Read(File.ReadAllBytes(c.TrustedRootPath), c.TrustedRootPath);
        Verifier(c).Verify(Bundle(c), ArtifactInput.FromFile(c.ArtifactPath), c.Policy);
        var error = Assert.Throws<SigstoreVerificationException>(() =>
            new SigstoreVerifier(root, Now).Verify(Bundle(c), ArtifactInput.FromFile(c.ArtifactPath), c.Policy));
        Assert.Equal(SigstoreChecks.TlogSet, error.Check);
    }

    private static SigstoreVerifier Verifier(ConformanceCase c) =>
        new(TrustedRootReader.Read(File.ReadAllBytes(c.TrustedRootPath), c.TrustedRootPath), Now, new IntegratedTimeEvidence());

    private static SigstoreBundle Bundle(ConformanceCase c) => SigstoreBundleReader.Read(File.ReadAllBytes(c.BundlePath), c.BundlePath);
}
