using System.Security.Cryptography;
using System.Text.Json;

namespace ModelGate.Signatures.Tuf;

/// <summary>
/// A public key from root.json's "keys" (specification §4.2 "KEY"), identified by the key id the root gives it.
/// Supported: "ecdsa"/"ecdsa-sha2-nistp256" keys with PEM "keyval.public" and schemes ecdsa-sha2-nistp256 and
/// ecdsa-sha2-nistp384 (DER signatures, as securesystemslib writes them); "rsa" with rsassa-pss-sha256 (salt
/// length = digest length, securesystemslib's choice) and rsa-pkcs1v15-sha256; "ed25519" (hex public key).
/// A key of another type is kept but verifies nothing, so it can never count towards a threshold.
/// </summary>
internal sealed class TufKey
{
    private TufKey(string keyId, string keyType, string scheme, string publicValue)
    {
        KeyId = keyId;
        KeyType = keyType;
        Scheme = scheme;
        PublicValue = publicValue;
    }

    public string KeyId { get; }

    public string KeyType { get; }

    public string Scheme { get; }

    /// <summary>keyval.public as written: PEM for ECDSA and RSA, hex for Ed25519.</summary>
    public string PublicValue { get; }

    /// <summary>The key material without its formatting (the DER inside a PEM, hex in lower case), to recognise one key under two ids.</summary>
    public string Identity
    {
        get
        {
            if (PemEncoding.TryFind(PublicValue, out var fields))
            {
                var base64 = PublicValue.AsSpan()[fields.Base64Data];
                var der = new byte[fields.DecodedDataLength];
                if (Convert.TryFromBase64Chars(base64, der, out var written))
                    return Convert.ToHexStringLower(der.AsSpan(0, written));
            }
            return PublicValue.Trim().ToLowerInvariant();
        }
    }

    public static TufKey Read(string keyId, JsonElement key, string file, string path) => new(
        keyId,
        TufJson.String(key, "keytype", file, path),
        TufJson.String(key, "scheme", file, path),
        TufJson.String(TufJson.Object(key, "keyval", file, path), "public", file, $"{path}.keyval"));

    /// <summary>Whether <paramref name="signature"/> is this key's signature over <paramref name="message"/>; false for any key or signature that cannot be used.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.IsEmpty)
            return false;
        try
        {
            return (KeyType, Scheme) switch
            {
                ("ecdsa" or "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256") => VerifyEcdsa(message, signature, 256, HashAlgorithmName.SHA256),
                ("ecdsa" or "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384") => VerifyEcdsa(message, signature, 384, HashAlgorithmName.SHA384),
                ("rsa", "rsassa-pss-sha256") => VerifyRsa(message, signature, RSASignaturePadding.Pss),
                ("rsa", "rsa-pkcs1v15-sha256") => VerifyRsa(message, signature, RSASignaturePadding.Pkcs1),
                ("ed25519", "ed25519") => TufEd25519.Verify(PublicValue, message, signature),
                _ => false,
            };
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException)
        {
            // A key that does not import is a key that verifies nothing.
            return false;
        }
    }

    private bool VerifyEcdsa(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, int curveBits, HashAlgorithmName hash)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(PublicValue);
        return ecdsa.KeySize == curveBits
            && ecdsa.VerifyData(message, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
    }

    private bool VerifyRsa(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, RSASignaturePadding padding)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(PublicValue);
        return rsa.KeySize >= 2048 && rsa.VerifyData(message, signature, HashAlgorithmName.SHA256, padding);
    }
}
