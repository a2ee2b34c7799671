using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ModelGate.Signatures.Sigstore;

namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// Checks that a model signature was made by someone in a <see cref="ModelSigningTrust"/>, the way the reference
/// verifiers do, and only then reads the statement. Each rejection is a <see cref="ModelSignatureException"/>
/// naming the check.
/// </summary>
internal static class ModelSignatureVerifier
{
    /// <summary>Extended key usage "code signing" (RFC 5280 4.2.1.12).</summary>
    private const string CodeSigningOid = "1.3.6.1.5.5.7.3.3";

    public static VerifiedSignature Verify(ModelSignatureBundle bundle, ModelSigningTrust trust, ModelSigningLimits limits, TimeProvider? time = null)
    {
        if (trust.IsEmpty)
            throw new ModelSignatureException("trust", $"{bundle.File}: no trusted key, certificate chain or identity was given, so the signer cannot be checked");
        var failures = new Failures();
        if (trust.PublicKeys.Count > 0 && TryKeys(bundle, trust.PublicKeys, failures, limits) is { } byKey)
            return byKey;
        if (trust.CertificateChain.Count > 0 && TryCertificate(bundle, trust.CertificateChain, failures, limits) is { } byCertificate)
            return byCertificate;
        if (trust.Identities.Count > 0 && TrySigstore(bundle, trust, failures, limits, time ?? TimeProvider.System) is { } byIdentity)
            return byIdentity;
        // Made by someone else (another key, another CA, another identity) is "not trusted"; a signature that fails
        // with the very key or certificate that should have made it is "invalid".
        throw new ModelSignatureException(failures.OnlyMismatches ? "trust" : "signature", $"{bundle.File}: {failures}");
    }

    /// <summary>
    /// Sigstore mode (model_signing <c>verify sigstore</c>, which calls sigstore-python's <c>verify_dsse</c>): the
    /// bundle verifies against the trusted root — certificate chain to Fulcio, transparency log, timestamps — for
    /// the identity and issuer, and its DSSE statement's subject is the artifact. The model's "artifact" is its
    /// statement: the subject digest is the root digest over the resources, checked against them when the
    /// statement is parsed.
    /// </summary>
    private static VerifiedSignature? TrySigstore(ModelSignatureBundle bundle, ModelSigningTrust trust, Failures failures, ModelSigningLimits limits, TimeProvider time)
    {
        if (bundle.Certificates.Count == 0)
        {
            failures.Mismatch("the bundle is signed with a key, not a Sigstore certificate, so no identity can match it");
            return null;
        }
        SigstoreBundle sigstoreBundle;
        try
        {
            sigstoreBundle = SigstoreBundleReader.Read(bundle.Json, bundle.File);
        }
        catch (SigstoreVerificationException ex)
        {
            throw new ModelSignatureException("format", $"{bundle.File}: {ex.Message}", ex);
        }
        var unverified = Statement(bundle, limits);
        var subject = unverified.RootDigest.Length > 0 ? unverified.RootDigest : unverified.Resources[0].Digest;
        var artifact = ArtifactInput.FromSha256(Convert.FromHexString(subject));
        TrustedRoot root;
        try
        {
            var path = SigstoreTrustLocations.Resolve(trust.TrustedRootPath, SigstoreTrustLocations.Production);
            root = TrustedRootReader.Read(File.ReadAllBytes(path), path);
        }
        catch (Exception ex) when (ex is SigstoreVerificationException or IOException or UnauthorizedAccessException)
        {
            throw new ModelSignatureException("trusted-root", $"{bundle.File}: the Sigstore trusted root cannot be used: {ex.Message}", ex);
        }
        var verifier = new SigstoreVerifier(root, time);
        foreach (var identity in trust.Identities)
        {
            try
            {
                var result = verifier.Verify(sigstoreBundle, artifact, VerificationPolicy.ForIdentity(StringMatcher.Exact(identity.Identity), StringMatcher.Exact(identity.Issuer)));
                var when = result.VerifiedTimes.Count > 0 ? $", {result.VerifiedTimes[0]:yyyy-MM-ddTHH:mm:ssZ}" : string.Empty;
                return new VerifiedSignature(unverified, $"Sigstore identity {result.Identity} (issuer {result.Issuer}{when})", []);
            }
            catch (SigstoreVerificationException ex) when (ex.Check == SigstoreChecks.Identity)
            {
                failures.Mismatch($"not signed by {identity.Identity} ({identity.Issuer}): {ex.Message}");
            }
            catch (SigstoreVerificationException ex)
            {
                failures.Failed($"Sigstore verification failed at step '{ex.Check}': {ex.Message}");
                return null;
            }
        }
        return null;
    }

    /// <summary>Key mode (<c>sign_ec_key.Verifier</c>): the hint, when present, must name the key; the DSSE signature must verify with it.</summary>
    private static VerifiedSignature? TryKeys(ModelSignatureBundle bundle, IReadOnlyList<TrustedKey> keys, Failures failures, ModelSigningLimits limits)
    {
        if (!HasKeyModeMediaType(bundle, failures))
            return null;
        if (bundle.Certificates.Count > 0 && bundle.PublicKeyHint is null && bundle.PublicKeyPem is null)
        {
            failures.Mismatch("the bundle is signed with a certificate, not a bare key");
            return null;
        }
        foreach (var trusted in keys)
        {
            var hint = EcKeys.Hint(trusted.Key);
            var warnings = new List<string>();
            if (bundle.PublicKeyHint is { Length: > 0 } bundleHint)
            {
                if (!string.Equals(bundleHint, hint, StringComparison.OrdinalIgnoreCase))
                {
                    failures.Mismatch($"key mismatch: the bundle names key {bundleHint}, not {trusted.Display} ({hint})");
                    continue;
                }
            }
            else
            {
                warnings.Add("the signature predates key hints (model_signing 1.0.0 or older); re-sign to record which key signed it");
            }
            if (VerifyDsse(bundle, trusted.Key, warnings))
                return new VerifiedSignature(Statement(bundle, limits), $"key {trusted.Display} ({hint})", warnings);
            failures.Failed($"the DSSE signature does not verify with {trusted.Display}");
        }
        return null;
    }

    /// <summary>
    /// Certificate mode (<c>sign_certificate.Verifier</c>): the bundle's leaf certificate chains, through the bundle's
    /// other certificates, to the given ones, checked at the leaf's notBefore (the reference sets the store time so:
    /// there is no trusted timestamp to say when it signed); the leaf may sign (key usage digitalSignature, or
    /// extended key usage codeSigning); the DSSE signature verifies with its key.
    /// </summary>
    private static VerifiedSignature? TryCertificate(ModelSignatureBundle bundle, IReadOnlyList<X509Certificate2> anchors, Failures failures, ModelSigningLimits limits)
    {
        if (!HasKeyModeMediaType(bundle, failures))
            return null;
        if (bundle.Certificates.Count == 0)
        {
            failures.Mismatch("the bundle has no certificate chain (it was not signed in certificate mode)");
            return null;
        }
        var loaded = new List<X509Certificate2>();
        try
        {
            foreach (var der in bundle.Certificates)
            {
                try
                {
                    loaded.Add(X509CertificateLoader.LoadCertificate(der));
                }
                catch (CryptographicException ex)
                {
                    throw new ModelSignatureException("certificate", $"{bundle.File}: $.verificationMaterial.x509CertificateChain.certificates[{loaded.Count}]: not a DER certificate: {ex.Message}", ex);
                }
            }
            var leaf = loaded[0];
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = leaf.NotBefore;
            chain.ChainPolicy.VerificationTimeIgnored = false;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            foreach (var anchor in anchors)
            {
                // OpenSSL's store (the reference) treats every given certificate as trusted; .NET anchors only
                // self-issued ones, so the others join the pool of intermediates.
                if (anchor.SubjectName.RawData.AsSpan().SequenceEqual(anchor.IssuerName.RawData))
                    chain.ChainPolicy.CustomTrustStore.Add(anchor);
                else
                    chain.ChainPolicy.ExtraStore.Add(anchor);
            }
            foreach (var intermediate in loaded.Skip(1))
                chain.ChainPolicy.ExtraStore.Add(intermediate);
            if (!chain.Build(leaf))
            {
                var status = string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
                failures.Mismatch($"the signing certificate ({leaf.Subject}) does not chain to the given certificates at {leaf.NotBefore.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}: {status}");
                return null;
            }
            if (!CanSign(leaf))
            {
                failures.Failed($"the signing certificate ({leaf.Subject}) is not for signing (no digitalSignature key usage, no codeSigning extended key usage)");
                return null;
            }
            using var key = leaf.GetECDsaPublicKey();
            if (key is null)
            {
                failures.Failed($"the signing certificate ({leaf.Subject}) does not hold an elliptic-curve key");
                return null;
            }
            var warnings = new List<string>();
            if (!VerifyDsse(bundle, key, warnings))
            {
                failures.Failed($"the DSSE signature does not verify with the key of {leaf.Subject}");
                return null;
            }
            return new VerifiedSignature(Statement(bundle, limits), $"certificate {leaf.Subject} (SHA-256 {leaf.GetCertHashString(HashAlgorithmName.SHA256)})", warnings);
        }
        finally
        {
            foreach (var certificate in loaded)
                certificate.Dispose();
        }
    }

    private static bool CanSign(X509Certificate2 leaf)
    {
        // The reference requires the key usage extension and accepts digitalSignature, or else codeSigning.
        var usage = leaf.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is null)
            return false;
        if (usage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature))
            return true;
        var extended = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        return extended is not null && extended.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == CodeSigningOid);
    }

    /// <summary>The DSSE signature over the PAE, or over model_signing 0.2's mistaken encoding, which its verifiers still accept.</summary>
    internal static bool VerifyDsse(ModelSignatureBundle bundle, ECDsa key, List<string> warnings)
    {
        var hash = EcKeys.HashFor(key);
        if (Verify(key, Dsse.Pae(bundle.PayloadType, bundle.Payload), bundle.Signature, hash))
            return true;
        if (Verify(key, Dsse.PaeCompat(ModelSigningFormat.PayloadType, bundle.Payload), bundle.Signature, hash))
        {
            warnings.Add("signed over model_signing 0.2's non-standard DSSE encoding");
            return true;
        }
        return false;
    }

    private static bool Verify(ECDsa key, byte[] data, byte[] signature, HashAlgorithmName hash)
    {
        try
        {
            return key.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The reference's key and certificate verifiers accept only v0.3 bundles (<c>sign_sigstore_pb.Verifier</c>).</summary>
    private static bool HasKeyModeMediaType(ModelSignatureBundle bundle, Failures failures)
    {
        if (bundle.MediaType == ModelSigningFormat.BundleMediaType)
            return true;
        failures.Mismatch($"$.mediaType is '{bundle.MediaType}'; key and certificate signatures are {ModelSigningFormat.BundleMediaType} bundles");
        return false;
    }

    /// <summary>The statement of a verified envelope: only now is it trusted enough to read.</summary>
    internal static ModelSignatureStatement Statement(ModelSignatureBundle bundle, ModelSigningLimits limits)
    {
        if (bundle.PayloadType != ModelSigningFormat.PayloadType)
            throw new ModelSignatureException("format", $"{bundle.File}: $.dsseEnvelope.payloadType: expected {ModelSigningFormat.PayloadType}, found '{bundle.PayloadType}'");
        return ModelSignatureReader.ParseStatement(bundle.Payload, bundle.File, limits);
    }

    /// <summary>Why no configured signer verified the bundle: mismatches (someone else signed) or failures (it does not verify).</summary>
    private sealed class Failures
    {
        private readonly List<string> _messages = [];

        public bool OnlyMismatches { get; private set; } = true;

        public void Mismatch(string message) => _messages.Add(message);

        public void Failed(string message)
        {
            _messages.Add(message);
            OnlyMismatches = false;
        }

        public override string ToString() => string.Join("; ", _messages);
    }
}
