using System.Security.Cryptography.X509Certificates;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// Chains a signing certificate to a Fulcio CA of the trusted root, at a verified time (never "now"): only the
/// trusted root's certificates are trusted, nothing is downloaded, revocation is not consulted (Fulcio
/// certificates live minutes), and the CA's own validity period in the trusted root must cover the time.
/// </summary>
internal static class CertificateChainVerification
{
    /// <summary>Returns the issuing certificate's DER (needed for the SCT's issuer key hash).</summary>
    public static X509Certificate2 Verify(X509Certificate2 leaf, TrustedRoot root, DateTimeOffset time)
    {
        if (root.CertificateAuthorities.Count == 0)
            throw new SigstoreVerificationException(SigstoreChecks.CertificateChain, "the trusted root lists no certificate authority");

        var reasons = new List<string>();
        foreach (var authority in root.CertificateAuthorities)
        {
            var name = authority.Uri ?? authority.SubjectCommonName ?? "a certificate authority";

            // Checked before building: a chain build costs milliseconds, and a CA outside its period cannot vouch.
            if (!authority.IsValidAt(time))
            {
                reasons.Add($"{name}: the CA is not valid at {FulcioCertificate.Describe(time)} by the trusted root (valid {Period(authority.ValidFrom, authority.ValidTo)})");
                continue;
            }

            var certificates = authority.CertChainDer.Select((der, i) => FulcioCertificate.Load(der, $"trusted root CA certificate {i} of {name}")).ToList();
            try
            {
                using var chain = new X509Chain();
                var policy = chain.ChainPolicy;
                policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                policy.CustomTrustStore.Add(certificates[^1]);
                policy.ExtraStore.AddRange(certificates.SkipLast(1).ToArray());
                policy.RevocationMode = X509RevocationMode.NoCheck;
                policy.DisableCertificateDownloads = true;
                policy.VerificationTime = time.UtcDateTime;
                policy.VerificationTimeIgnored = false;
                policy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(FulcioCertificate.CodeSigningEku));
                if (!chain.Build(leaf))
                {
                    var status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
                    reasons.Add($"{name}: {(status.Length == 0 ? "no chain" : status)}");
                    continue;
                }

                if (chain.ChainElements.Count < 2)
                {
                    reasons.Add($"{name}: the signing certificate is itself a CA root");
                    continue;
                }

                return X509CertificateLoader.LoadCertificate(chain.ChainElements[1].Certificate.RawData);
            }
            finally
            {
                foreach (var certificate in certificates)
                    certificate.Dispose();
            }
        }

        throw new SigstoreVerificationException(
            SigstoreChecks.CertificateChain,
            $"the signing certificate does not chain to a Fulcio CA of the trusted root at {FulcioCertificate.Describe(time)}: {string.Join(" | ", reasons)}");
    }

    private static string Period(DateTimeOffset? from, DateTimeOffset? to) =>
        $"{(from is { } f ? FulcioCertificate.Describe(f) : "?")} to {(to is { } t ? FulcioCertificate.Describe(t) : "open")}";
}
