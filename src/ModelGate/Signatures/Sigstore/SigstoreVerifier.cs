using System.Security.Cryptography.X509Certificates;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// Verifies a Sigstore bundle against a trusted root, an artifact and a policy, in the order of the Sigstore
/// client specification (and of sigstore-go's and sigstore-python's verifiers): bundle version rules, signer
/// material, the signed content, the transparency log and signed timestamps (which yield the verified times),
/// then the certificate at every verified time — validity, chain to a Fulcio CA, SCT — and the identity.
/// Throws <see cref="SigstoreVerificationException"/> naming the failed check; returns only when all pass.
/// </summary>
internal sealed class SigstoreVerifier(TrustedRoot root, TimeProvider time, ISigstoreLogEvidence? evidence = null)
{
    private readonly ISigstoreLogEvidence evidence = evidence ?? SigstoreLogEvidence.Instance;

    public SigstoreVerificationResult Verify(SigstoreBundle bundle, ArtifactInput artifact, VerificationPolicy policy)
    {
        CheckVersionRules(bundle);
        var material = bundle.VerificationMaterial;
        var leafDer = material.LeafCertificate;

        if (leafDer is null)
            return VerifyWithManagedKey(bundle, artifact, policy);

        if (policy.Key is not null)
        {
            throw new SigstoreVerificationException(
                SigstoreChecks.PublicKey, "the bundle is signed with a Fulcio certificate, not a managed key; verify it with an identity and issuer");
        }

        using var leaf = FulcioCertificate.Load(leafDer, "signing certificate");
        RejectRootInBundleChain(material);
        var key = SigstorePublicKey.FromSpki(leaf.PublicKey.ExportSubjectPublicKeyInfo());

        var payloadType = SignedContentVerification.Verify(bundle, key, artifact);
        var tlogTimes = evidence.VerifyTransparencyLog(bundle, root, leafDer, isCertificate: true, time.GetUtcNow());
        var tsaTimes = evidence.VerifySignedTimestamps(bundle, root, bundle.SignatureBytes);
        var times = tlogTimes.Select(t => (Time: t, Source: "the transparency log's integrated time"))
            .Concat(tsaTimes.Select(t => (Time: t, Source: "an RFC 3161 timestamp")))
            .OrderBy(t => t.Time)
            .ToList();
        if (times.Count == 0)
        {
            throw new SigstoreVerificationException(
                SigstoreChecks.VerifiedTime,
                "no verified time: the bundle has neither a transparency-log entry with a signed entry timestamp nor an RFC 3161 timestamp, so the short-lived certificate cannot be checked");
        }

        X509Certificate2? issuer = null;
        try
        {
            foreach (var (verifiedTime, source) in times)
            {
                var notBefore = new DateTimeOffset(leaf.NotBefore.ToUniversalTime());
                var notAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime());
                if (verifiedTime < notBefore || verifiedTime > notAfter)
                {
                    throw new SigstoreVerificationException(
                        SigstoreChecks.VerifiedTime,
                        $"the signing certificate (valid {FulcioCertificate.Describe(notBefore)} to {FulcioCertificate.Describe(notAfter)}) was not valid at the verified time {FulcioCertificate.Describe(verifiedTime)} ({source})");
                }

                issuer?.Dispose();
                issuer = CertificateChainVerification.Verify(leaf, root, verifiedTime);
            }

            FulcioCertificate.RequireCodeSigning(leaf);
            SctVerification.Verify(leaf, issuer!, root);
        }
        finally
        {
            issuer?.Dispose();
        }

        var (identity, oidcIssuer) = CheckIdentity(leaf, policy);
        return new SigstoreVerificationResult(
            bundle.BundleVersion, SignedWithCertificate: true, identity, oidcIssuer, [.. times.Select(t => t.Time)], artifact.Sha256, payloadType,
            material.TlogEntries.Count, material.Rfc3161Timestamps.Count);
    }

    private SigstoreVerificationResult VerifyWithManagedKey(SigstoreBundle bundle, ArtifactInput artifact, VerificationPolicy policy)
    {
        var key = policy.Key ?? throw new SigstoreVerificationException(
            SigstoreChecks.Identity,
            "the bundle is signed with a managed public key, not a Fulcio certificate: there is no identity to match; verify it with the signer's public key (--key)");
        var payloadType = SignedContentVerification.Verify(bundle, key, artifact);
        var tlogTimes = evidence.VerifyTransparencyLog(bundle, root, key.Spki, isCertificate: false, time.GetUtcNow());
        var tsaTimes = evidence.VerifySignedTimestamps(bundle, root, bundle.SignatureBytes);
        var material = bundle.VerificationMaterial;
        return new SigstoreVerificationResult(
            bundle.BundleVersion, SignedWithCertificate: false, null, null, [.. tlogTimes.Concat(tsaTimes).Order()], artifact.Sha256, payloadType,
            material.TlogEntries.Count, material.Rfc3161Timestamps.Count);
    }

    /// <summary>protobuf-specs sigstore_bundle.proto: v0.1 entries carry an inclusion promise, v0.2+ an inclusion proof; v0.3 has a single leaf certificate.</summary>
    private static void CheckVersionRules(SigstoreBundle bundle)
    {
        var material = bundle.VerificationMaterial;
        if (material.TlogEntries.Count == 0)
            throw new SigstoreVerificationException(SigstoreChecks.BundleVersion, "the bundle has no transparency-log entry; offline verification needs one");

        for (var i = 0; i < material.TlogEntries.Count; i++)
        {
            var entry = material.TlogEntries[i];
            if (bundle.BundleVersion == "0.1" && entry.SignedEntryTimestamp is null)
                throw new SigstoreVerificationException(SigstoreChecks.BundleVersion, $"tlog entry {i}: a v0.1 bundle needs an inclusion promise (signed entry timestamp)");
            if (bundle.BundleVersion != "0.1" && entry.Proof is null)
                throw new SigstoreVerificationException(SigstoreChecks.BundleVersion, $"tlog entry {i}: a v{bundle.BundleVersion} bundle needs an inclusion proof");
        }

        if (bundle.BundleVersion == "0.3" && material.X509CertificateChain is not null)
            throw new SigstoreVerificationException(SigstoreChecks.BundleVersion, "a v0.3 bundle carries the signing certificate in 'certificate', not 'x509CertificateChain'");
        if (bundle.BundleVersion != "0.3" && material.Certificate is not null)
            throw new SigstoreVerificationException(SigstoreChecks.BundleVersion, $"a v{bundle.BundleVersion} bundle carries the signing certificate in 'x509CertificateChain'; 'certificate' is v0.3");
    }

    /// <summary>Trust comes only from the trusted root: a bundle that ships its own root (self-issued certificate) is refused.</summary>
    private static void RejectRootInBundleChain(VerificationMaterial material)
    {
        if (material.X509CertificateChain is not { } chain)
            return;
        for (var i = 0; i < chain.Count; i++)
        {
            using var certificate = FulcioCertificate.Load(chain[i], $"bundle certificate {i}");
            if (FulcioCertificate.IsSelfIssued(certificate))
            {
                throw new SigstoreVerificationException(
                    SigstoreChecks.CertificateChain,
                    $"the bundle's certificate chain includes a root certificate (element {i}, {certificate.Subject}); a bundle must not carry its own trust anchor");
            }
        }
    }

    private static (string Identity, string Issuer) CheckIdentity(X509Certificate2 leaf, VerificationPolicy policy)
    {
        var expectedIdentity = policy.Identity!;
        var expectedIssuer = policy.Issuer!;
        var names = FulcioCertificate.SubjectAlternativeNames(leaf);
        var identity = names.FirstOrDefault(expectedIdentity.Matches) ?? throw new SigstoreVerificationException(
            SigstoreChecks.Identity,
            $"the certificate identity {(names.Count == 0 ? "(none)" : string.Join(", ", names.Select(n => $"'{n}'")))} does not match the expected {expectedIdentity}");
        var issuer = FulcioCertificate.OidcIssuer(leaf) ?? throw new SigstoreVerificationException(
            SigstoreChecks.Identity, $"the certificate has no OIDC issuer extension ({FulcioCertificate.IssuerV2Oid} or {FulcioCertificate.IssuerV1Oid})");
        if (!expectedIssuer.Matches(issuer))
            throw new SigstoreVerificationException(SigstoreChecks.Identity, $"the certificate's OIDC issuer '{issuer}' does not match the expected {expectedIssuer}");
        return (identity, issuer);
    }
}
