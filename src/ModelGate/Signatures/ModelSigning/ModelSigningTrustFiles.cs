using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ModelGate.Signatures.ModelSigning;

/// <summary>Builds a <see cref="ModelSigningTrust"/> from the files and names a user gives.</summary>
internal static class ModelSigningTrustFiles
{
    /// <param name="publicKeys">PEM or DER public key files.</param>
    /// <param name="certificateChains">PEM files of certificates a signing certificate may chain to.</param>
    /// <param name="identities">Sigstore identities.</param>
    /// <param name="trustedRoot">A Sigstore trusted_root.json, or null.</param>
    public static ModelSigningTrust Load(IReadOnlyList<string> publicKeys, IReadOnlyList<string> certificateChains, IReadOnlyList<SigstoreIdentity> identities, string? trustedRoot)
    {
        var keys = new List<TrustedKey>();
        foreach (var path in publicKeys)
            keys.Add(new TrustedKey(path, EcKeys.LoadPublicKey(Read(path), path)));
        var certificates = new List<X509Certificate2>();
        foreach (var path in certificateChains)
        {
            var collection = new X509Certificate2Collection();
            try
            {
                collection.ImportFromPemFile(path);
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new ModelSignatureException("certificate", $"{path}: not a readable PEM certificate file: {ex.Message}", ex);
            }
            if (collection.Count == 0)
                throw new ModelSignatureException("certificate", $"{path}: holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
            certificates.AddRange(collection);
        }
        return new ModelSigningTrust { PublicKeys = keys, CertificateChain = certificates, Identities = identities, TrustedRootPath = trustedRoot };
    }

    private static byte[] Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > 1024 * 1024)
                throw new ModelSignatureException("key", $"{path}: larger than a public key can be");
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelSignatureException("key", $"{path}: cannot be read: {ex.Message}", ex);
        }
    }
}
