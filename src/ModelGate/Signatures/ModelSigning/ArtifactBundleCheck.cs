using ModelGate.Signatures.Sigstore;

namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// A Sigstore bundle next to one model file (<c>model.safetensors.sigstore.json</c>, as cosign and
/// sigstore-python write them), checked with the Sigstore verifier against the configured identities or keys.
/// Without configured trust nothing can be verified, so the file is "signed by someone not trusted".
/// </summary>
internal static class ArtifactBundleCheck
{
    /// <param name="artifactPath">The model file.</param>
    /// <param name="bundlePath">The bundle next to it.</param>
    /// <param name="trust">Who may sign.</param>
    /// <param name="time">The clock for the verifier.</param>
    /// <returns>The status, who signed (when verified), and why not (otherwise).</returns>
    public static (ModelSignatureStatus Status, string? Signer, string? Problem) Check(string artifactPath, string bundlePath, ModelSigningTrust trust, TimeProvider time)
    {
        if (trust.Identities.Count == 0 && trust.PublicKeys.Count == 0)
            return (ModelSignatureStatus.Untrusted, null, $"{bundlePath}: no trusted key or identity was given, so the bundle was not verified");
        SigstoreBundle bundle;
        ArtifactInput artifact;
        try
        {
            var info = new FileInfo(bundlePath);
            if (info.Length > SigstoreLimits.MaxBundleBytes)
                return (ModelSignatureStatus.Invalid, null, $"{bundlePath}: larger than {SigstoreLimits.MaxBundleBytes} bytes");
            bundle = SigstoreBundleReader.Read(File.ReadAllBytes(bundlePath), bundlePath);
            artifact = ArtifactInput.FromFile(artifactPath);
        }
        catch (SigstoreVerificationException ex)
        {
            return (ModelSignatureStatus.Invalid, null, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (ModelSignatureStatus.Unverifiable, null, $"{bundlePath}: cannot be read: {ex.Message}");
        }
        TrustedRoot root;
        try
        {
            var path = SigstoreTrustLocations.Resolve(trust.TrustedRootPath, SigstoreTrustLocations.Production);
            root = TrustedRootReader.Read(File.ReadAllBytes(path), path);
        }
        catch (Exception ex) when (ex is SigstoreVerificationException or IOException or UnauthorizedAccessException)
        {
            return (ModelSignatureStatus.Unverifiable, null, $"{bundlePath}: the Sigstore trusted root cannot be used: {ex.Message}");
        }
        var verifier = new SigstoreVerifier(root, time);
        var policies = trust.Identities.Select(i => (VerificationPolicy.ForIdentity(StringMatcher.Exact(i.Identity), StringMatcher.Exact(i.Issuer)), $"{i.Identity} ({i.Issuer})"))
            .Concat(trust.PublicKeys.Select(k => (VerificationPolicy.ForKey(SigstorePublicKey.FromSpki(k.Key.ExportSubjectPublicKeyInfo())), $"key {k.Display}")));
        var mismatches = new List<string>();
        foreach (var (policy, name) in policies)
        {
            try
            {
                var result = verifier.Verify(bundle, artifact, policy);
                return (ModelSignatureStatus.Verified, result.Identity is null ? name : $"Sigstore identity {result.Identity} (issuer {result.Issuer})", null);
            }
            catch (SigstoreVerificationException ex) when (ex.Check is SigstoreChecks.Identity or SigstoreChecks.PublicKey)
            {
                mismatches.Add($"not {name}: {ex.Message}");
            }
            catch (SigstoreVerificationException ex) when (ex.Check == SigstoreChecks.Signature && bundle.VerificationMaterial.LeafCertificate is null)
            {
                // A key-signed bundle names no key: a signature that fails with this key may be another key's.
                mismatches.Add($"not {name}: {ex.Message}");
            }
            catch (SigstoreVerificationException ex)
            {
                return (ModelSignatureStatus.Invalid, null, $"{bundlePath}: Sigstore verification failed at step '{ex.Check}': {ex.Message}");
            }
        }
        return (ModelSignatureStatus.Untrusted, null, $"{bundlePath}: {string.Join("; ", mismatches)}");
    }
}
