using System.Security.Cryptography;
using System.Text;

namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// Elliptic-curve keys as model_signing's key mode uses them (<c>_signing/sign_ec_key.py</c>): NIST P-256, P-384
/// and P-521, each signing with the hash of its size, and the key hint it records in the bundle.
/// </summary>
internal static class EcKeys
{
    /// <summary>A PKCS#8 (<c>PRIVATE KEY</c>) or SEC1 (<c>EC PRIVATE KEY</c>) PEM private key on a supported curve.</summary>
    public static ECDsa LoadPrivateKey(string pem, string file)
    {
        if (pem.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
            throw new ModelSignatureException("key", $"{file}: encrypted private keys are not supported; decrypt it first (openssl pkcs8 -in {file} -out plain.pem)");
        if (!pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            throw new ModelSignatureException("key", $"{file}: not a PEM private key (expected -----BEGIN PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----)");
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            _ = key.ExportParameters(includePrivateParameters: true);
            Check(key, file);
            return key;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new ModelSignatureException("key", $"{file}: not an elliptic-curve private key ModelGate can use: {ex.Message}", ex);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>A public key as PEM (<c>PUBLIC KEY</c>, SubjectPublicKeyInfo) or DER SubjectPublicKeyInfo.</summary>
    public static ECDsa LoadPublicKey(byte[] bytes, string file)
    {
        var key = ECDsa.Create();
        try
        {
            var text = Encoding.ASCII.GetString(bytes);
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                if (!text.Contains("-----BEGIN PUBLIC KEY-----", StringComparison.Ordinal))
                    throw new ModelSignatureException("key", $"{file}: expected a PEM public key (-----BEGIN PUBLIC KEY-----)");
                key.ImportFromPem(text);
            }
            else
            {
                key.ImportSubjectPublicKeyInfo(bytes, out var read);
                if (read != bytes.Length)
                    throw new ModelSignatureException("key", $"{file}: {bytes.Length - read} bytes after the DER public key");
            }
            Check(key, file);
            return key;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new ModelSignatureException("key", $"{file}: not an elliptic-curve public key (PEM or DER SubjectPublicKeyInfo): {ex.Message}", ex);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The hash ECDSA uses with this key: SHA-256 for P-256, SHA-384 for P-384, SHA-512 for P-521 (<c>get_ec_key_hash</c>).</summary>
    public static HashAlgorithmName HashFor(ECDsa key) => key.KeySize switch
    {
        256 => HashAlgorithmName.SHA256,
        384 => HashAlgorithmName.SHA384,
        521 => HashAlgorithmName.SHA512,
        _ => throw new ModelSignatureException("key", $"unsupported key size {key.KeySize}"),
    };

    /// <summary>
    /// The key hint model_signing 1.0.1+ records (<c>verificationMaterial.publicKey.hint</c>): the hex SHA-256 of
    /// the public key as Python <c>cryptography</c> writes it to PEM — SubjectPublicKeyInfo, base64 in 64-character
    /// lines, LF line ends, a final LF.
    /// </summary>
    public static string Hint(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(PublicPem(key))));

    /// <summary>The SubjectPublicKeyInfo PEM as Python <c>cryptography</c> writes it.</summary>
    public static string PublicPem(ECDsa key)
    {
        var base64 = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        var pem = new StringBuilder("-----BEGIN PUBLIC KEY-----\n");
        for (var i = 0; i < base64.Length; i += 64)
            pem.Append(base64.AsSpan(i, Math.Min(64, base64.Length - i))).Append('\n');
        return pem.Append("-----END PUBLIC KEY-----\n").ToString();
    }

    private static void Check(ECDsa key, string file)
    {
        var curve = key.ExportParameters(false).Curve;
        if (!curve.IsNamed || curve.Oid.Value is not ("1.2.840.10045.3.1.7" or "1.3.132.0.34" or "1.3.132.0.35"))
            throw new ModelSignatureException("key", $"{file}: unsupported curve {curve.Oid.FriendlyName ?? curve.Oid.Value ?? "(explicit parameters)"}; model signing uses NIST P-256, P-384 or P-521");
    }
}
