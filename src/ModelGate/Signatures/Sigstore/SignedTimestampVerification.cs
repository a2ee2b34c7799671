using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// Verifies the bundle's RFC 3161 signed timestamps (Sigstore client spec, "Timestamps"): each token's CMS
/// signature verifies with a timestamp authority of the trusted root, whose chain (embedded or from the trusted
/// root) is valid at the token's genTime and whose leaf may sign timestamps; genTime lies in the authority's
/// validity period in the trusted root; the message imprint is the digest of the signature bytes.
/// </summary>
internal static class SignedTimestampVerification
{
    /// <summary>id-kp-timeStamping (RFC 5280 §4.2.1.12), which RFC 3161 §2.3 requires of the TSA certificate.</summary>
    private const string TimeStampingEku = "1.3.6.1.5.5.7.3.8";

    /// <summary>
    /// Returns the genTime of every timestamp, all of which must verify; a bundle without timestamps gives an
    /// empty list (whether a time source is required is the caller's rule). Also checks, through
    /// <see cref="TransparencyLogVerification.VerifyLogValidity"/>, that the logs of entries without a signed
    /// entry timestamp were valid at those times.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Verify(SigstoreBundle bundle, TrustedRoot root, ReadOnlySpan<byte> signatureBytes)
    {
        var responses = bundle.VerificationMaterial.Rfc3161Timestamps;
        if (responses.Count > SigstoreLimits.MaxTimestamps)
            throw new SigstoreVerificationException(SigstoreChecks.Timestamp, $"the bundle has {responses.Count} RFC 3161 timestamps, more than {SigstoreLimits.MaxTimestamps}.");
        var times = new List<DateTimeOffset>(responses.Count);
        for (var i = 0; i < responses.Count; i++)
            times.Add(VerifyOne(responses[i], i, root, signatureBytes));

        // The times vouch for the tlog entries that carry no signed entry timestamp (Rekor v2): their log's key
        // must have been valid then. Without times the caller's "no verified time" rule decides.
        if (times.Count > 0)
            TransparencyLogVerification.VerifyLogValidity(bundle, root, times);
        return times;
    }

    private static DateTimeOffset VerifyOne(byte[] response, int index, TrustedRoot root, ReadOnlySpan<byte> signatureBytes)
    {
        var token = TimestampResponse.ReadToken(response, index);
        var info = token.TokenInfo;
        var genTime = info.Timestamp;

        var algorithm = info.HashAlgorithmId.Value switch
        {
            "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
            "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
            "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
            var other => throw Fail(index, $"its message imprint uses hash algorithm {other}; SHA-256, SHA-384 and SHA-512 are supported"),
        };
        var expected = algorithm == HashAlgorithmName.SHA256 ? SHA256.HashData(signatureBytes)
            : algorithm == HashAlgorithmName.SHA384 ? SHA384.HashData(signatureBytes)
            : SHA512.HashData(signatureBytes);
        if (!CryptographicOperations.FixedTimeEquals(info.GetMessageHash().Span, expected))
            throw Fail(index, "its message imprint is not the digest of the bundle's signature");

        if (root.TimestampAuthorities.Count == 0)
            throw Fail(index, "the trusted root has no timestamp authorities");
        var reasons = new List<string>();
        foreach (var authority in root.TimestampAuthorities)
        {
            var name = authority.SubjectCommonName ?? authority.Uri ?? "(unnamed)";
            if (!authority.IsValidAt(genTime))
            {
                reasons.Add($"{name} is not valid at {genTime:O} in the trusted root");
                continue;
            }
            if (TrySigner(token, expected, info.HashAlgorithmId, authority, genTime, out var reason))
                return genTime;
            reasons.Add($"{name}: {reason}");
        }
        throw Fail(index, $"no timestamp authority of the trusted root signed it at {genTime:O} ({string.Join("; ", reasons)})");
    }

    private static bool TrySigner(Rfc3161TimestampToken token, byte[] hash, Oid hashAlgorithm, CertificateAuthority authority, DateTimeOffset genTime, out string reason)
    {
        if (authority.CertChainDer.Count == 0)
        {
            reason = "it has no certificates";
            return false;
        }
        var chainCertificates = new X509Certificate2Collection();
        try
        {
            foreach (var der in authority.CertChainDer)
                chainCertificates.Add(X509CertificateLoader.LoadCertificate(der));
        }
        catch (CryptographicException e)
        {
            DisposeAll(chainCertificates);
            reason = "a certificate of its chain is malformed: " + e.Message;
            return false;
        }

        X509Certificate2? signer = null;
        try
        {
            // Checks the CMS signature, the message imprint again, and the ESS signing-certificate binding; the
            // signer is found among the token's own certificates or the authority's.
            if (!token.VerifySignatureForHash(hash, hashAlgorithm, out signer, chainCertificates) || signer is null)
            {
                reason = "its certificates did not sign the token";
                return false;
            }
            if (!HasTimeStampingEku(signer))
            {
                reason = "the signing certificate lacks the id-kp-timeStamping extended key usage";
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = genTime.UtcDateTime;
            chain.ChainPolicy.VerificationTimeIgnored = false;
            chain.ChainPolicy.CustomTrustStore.Add(chainCertificates[^1]);
            for (var i = 0; i < chainCertificates.Count - 1; i++)
                chain.ChainPolicy.ExtraStore.Add(chainCertificates[i]);
            if (!chain.Build(signer))
            {
                var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
                reason = $"the signing certificate does not chain to it at {genTime:O} ({status})";
                return false;
            }
            reason = "";
            return true;
        }
        catch (CryptographicException e)
        {
            reason = "the token could not be checked: " + e.Message;
            return false;
        }
        finally
        {
            signer?.Dispose();
            DisposeAll(chainCertificates);
        }
    }

    private static bool HasTimeStampingEku(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509EnhancedKeyUsageExtension eku)
                return eku.EnhancedKeyUsages.Cast<Oid>().Any(oid => oid.Value == TimeStampingEku);
        }
        return false;
    }

    private static void DisposeAll(IEnumerable<X509Certificate2> certificates)
    {
        foreach (var certificate in certificates)
            certificate.Dispose();
    }

    private static SigstoreVerificationException Fail(int index, string message) =>
        new(SigstoreChecks.Timestamp, $"RFC 3161 timestamp {index}: {message}.");
}
