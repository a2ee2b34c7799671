using System.Formats.Asn1;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// A verification key from a DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7): ECDSA P-256/P-384/P-521 (signatures
/// DER-encoded as in RFC 3279), RSA with PKCS#1 v1.5 or PSS padding, or Ed25519 (RFC 8410; BouncyCastle, since
/// .NET has none). Immutable; each verification imports the key afresh, so nothing needs disposing.
/// </summary>
internal sealed class SigstorePublicKey
{
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string RsaEncryptionOid = "1.2.840.113549.1.1.1";
    private const string Ed25519Oid = "1.3.101.112";
    private const int MaxSpkiBytes = 16 * 1024;

    private SigstorePublicKey(byte[] spki, SigstoreKeyAlgorithm algorithm, HashAlgorithmName defaultHash, bool rsaPss)
    {
        Spki = spki;
        Algorithm = algorithm;
        DefaultHash = defaultHash;
        UsesRsaPss = rsaPss;
    }

    public byte[] Spki { get; }

    public SigstoreKeyAlgorithm Algorithm { get; }

    /// <summary>The hash the key signs with unless told otherwise: by curve for ECDSA (P-256 → SHA-256, P-384 → SHA-384, P-521 → SHA-512), SHA-256 for RSA.</summary>
    public HashAlgorithmName DefaultHash { get; }

    public bool UsesRsaPss { get; }

    /// <summary>Ed25519 (pure EdDSA, RFC 8032 §5.1) signs the message itself, so a digest alone cannot be checked.</summary>
    public bool SupportsPrehashed => Algorithm != SigstoreKeyAlgorithm.Ed25519;

    /// <summary>The key id Rekor v1 and CT logs use: SHA-256 of the DER SubjectPublicKeyInfo (RFC 6962 §3.2).</summary>
    public byte[] LogId => SHA256.HashData(Spki);

    /// <summary>Imports a SubjectPublicKeyInfo. <paramref name="keyDetails"/> is the trusted root's PublicKeyDetails name, if known (it selects RSA-PSS).</summary>
    public static SigstorePublicKey FromSpki(ReadOnlySpan<byte> spki, string? keyDetails = null)
    {
        if (spki.Length is 0 or > MaxSpkiBytes)
            throw new SigstoreVerificationException(SigstoreChecks.PublicKey, $"a public key of {spki.Length} bytes is not a SubjectPublicKeyInfo");

        var copy = spki.ToArray();
        if (keyDetails is not null && keyDetails.StartsWith("PKCS1_RSA", StringComparison.Ordinal))
            copy = SpkiFromPkcs1(copy);
        string oid;
        try
        {
            var reader = new AsnReader(copy, AsnEncodingRules.DER);
            var info = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            oid = info.ReadSequence().ReadObjectIdentifier();
        }
        catch (AsnContentException ex)
        {
            throw new SigstoreVerificationException(SigstoreChecks.PublicKey, $"the public key is not a DER SubjectPublicKeyInfo ({ex.Message})", ex);
        }

        try
        {
            switch (oid)
            {
                case EcPublicKeyOid:
                {
                    using var ecdsa = ECDsa.Create();
                    ecdsa.ImportSubjectPublicKeyInfo(copy, out _);
                    var hash = ecdsa.KeySize switch
                    {
                        256 => HashAlgorithmName.SHA256,
                        384 => HashAlgorithmName.SHA384,
                        521 => HashAlgorithmName.SHA512,
                        var size => throw new SigstoreVerificationException(SigstoreChecks.PublicKey, $"ECDSA keys of {size} bits are not accepted (P-256, P-384, P-521 only)"),
                    };
                    return new SigstorePublicKey(copy, SigstoreKeyAlgorithm.Ecdsa, hash, rsaPss: false);
                }

                case RsaEncryptionOid:
                {
                    using var rsa = RSA.Create();
                    rsa.ImportSubjectPublicKeyInfo(copy, out _);
                    if (rsa.KeySize < 2048)
                        throw new SigstoreVerificationException(SigstoreChecks.PublicKey, $"RSA keys of {rsa.KeySize} bits are too weak (2048 or more)");
                    var details = keyDetails ?? string.Empty;
                    var hash = details.EndsWith("SHA512", StringComparison.Ordinal) ? HashAlgorithmName.SHA512
                        : details.EndsWith("SHA384", StringComparison.Ordinal) ? HashAlgorithmName.SHA384
                        : HashAlgorithmName.SHA256;
                    return new SigstorePublicKey(copy, SigstoreKeyAlgorithm.Rsa, hash, details.Contains("RSA_PSS", StringComparison.Ordinal));
                }

                case Ed25519Oid:
                    _ = Ed25519Key(copy);
                    return new SigstorePublicKey(copy, SigstoreKeyAlgorithm.Ed25519, HashAlgorithmName.SHA512, rsaPss: false);

                default:
                    throw new SigstoreVerificationException(SigstoreChecks.PublicKey, $"public key algorithm {oid} is not supported (ECDSA, RSA, Ed25519)");
            }
        }
        catch (CryptographicException ex)
        {
            throw new SigstoreVerificationException(SigstoreChecks.PublicKey, $"the {oid} public key cannot be imported ({ex.Message})", ex);
        }
    }

    /// <summary>Reads a PEM <c>PUBLIC KEY</c> block (RFC 7468 §13).</summary>
    public static SigstorePublicKey FromPem(string pem)
    {
        if (pem.Length > MaxSpkiBytes * 2)
            throw new SigstoreVerificationException(SigstoreChecks.PublicKey, $"the PEM text is {pem.Length} characters; a public key is far smaller");
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new SigstoreVerificationException(SigstoreChecks.PublicKey, pem.Contains("-----BEGIN", StringComparison.Ordinal)
                ? "the PEM block is malformed (its framing or base64 is invalid)"
                : "no PEM block found");
        }
        var label = pem.AsSpan()[fields.Label];
        if (!label.SequenceEqual("PUBLIC KEY"))
            throw new SigstoreVerificationException(SigstoreChecks.PublicKey, $"the PEM block is '{label}', not 'PUBLIC KEY'");
        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(pem.AsSpan()[fields.Base64Data], der, out var written))
            throw new SigstoreVerificationException(SigstoreChecks.PublicKey, "the PEM block's base64 is invalid");
        return FromSpki(der.AsSpan(0, written));
    }

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="data"/> with the key's default hash.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => Verify(data, signature, DefaultHash);

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        try
        {
            switch (Algorithm)
            {
                case SigstoreKeyAlgorithm.Ecdsa:
                {
                    using var ecdsa = ECDsa.Create();
                    ecdsa.ImportSubjectPublicKeyInfo(Spki, out _);
                    return ecdsa.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
                }

                case SigstoreKeyAlgorithm.Rsa:
                {
                    using var rsa = RSA.Create();
                    rsa.ImportSubjectPublicKeyInfo(Spki, out _);
                    return rsa.VerifyData(data, signature, hash, UsesRsaPss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
                }

                default:
                {
                    var verifier = new Ed25519Signer();
                    verifier.Init(forSigning: false, Ed25519Key(Spki));
                    verifier.BlockUpdate(data);
                    return verifier.VerifySignature(signature.ToArray());
                }
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// Verifies a signature over a message given only its digest (<c>sha256</c>, <c>sha384</c> or <c>sha512</c>;
    /// the protobuf-specs names <c>SHA2_256</c>… also work). False for Ed25519 (see <see cref="SupportsPrehashed"/>)
    /// and for a digest whose length does not fit the algorithm.
    /// </summary>
    public bool VerifyDigest(ReadOnlySpan<byte> digest, string hashAlgorithm, ReadOnlySpan<byte> signature)
    {
        if (!SupportsPrehashed || HashByName(hashAlgorithm) is not { } hash || digest.Length != HashLength(hash))
            return false;
        try
        {
            if (Algorithm == SigstoreKeyAlgorithm.Ecdsa)
            {
                using var ecdsa = ECDsa.Create();
                ecdsa.ImportSubjectPublicKeyInfo(Spki, out _);
                return ecdsa.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence);
            }

            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(Spki, out _);
            return rsa.VerifyHash(digest, signature, hash, UsesRsaPss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>SHA-256, -384 or -512 by the names Sigstore uses (<c>sha256</c>, <c>SHA2_256</c>, …); null for anything else.</summary>
    public static HashAlgorithmName? HashByName(string name) => name.ToUpperInvariant() switch
    {
        "SHA256" or "SHA2_256" or "SHA-256" => HashAlgorithmName.SHA256,
        "SHA384" or "SHA2_384" or "SHA-384" => HashAlgorithmName.SHA384,
        "SHA512" or "SHA2_512" or "SHA-512" => HashAlgorithmName.SHA512,
        _ => null,
    };

    public static int HashLength(HashAlgorithmName hash) =>
        hash == HashAlgorithmName.SHA512 ? 64 : hash == HashAlgorithmName.SHA384 ? 48 : 32;

    /// <summary>Trusted roots may hold a bare PKCS#1 RSAPublicKey (PublicKeyDetails PKCS1_RSA_*), e.g. staging's old CT log.</summary>
    private static byte[] SpkiFromPkcs1(byte[] pkcs1)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportRSAPublicKey(pkcs1, out var read);
            return read == pkcs1.Length ? rsa.ExportSubjectPublicKeyInfo() : pkcs1;
        }
        catch (CryptographicException)
        {
            return pkcs1;
        }
    }

    private static Ed25519PublicKeyParameters Ed25519Key(byte[] spki)
    {
        try
        {
            var reader = new AsnReader(spki, AsnEncodingRules.DER);
            var info = reader.ReadSequence();
            info.ReadSequence();
            var key = info.ReadBitString(out var unused);
            if (unused != 0 || key.Length != Ed25519PublicKeyParameters.KeySize)
                throw new SigstoreVerificationException(SigstoreChecks.PublicKey, $"an Ed25519 public key is 32 bytes, not {key.Length}");
            return new Ed25519PublicKeyParameters(key);
        }
        catch (AsnContentException ex)
        {
            throw new SigstoreVerificationException(SigstoreChecks.PublicKey, $"the Ed25519 SubjectPublicKeyInfo is malformed ({ex.Message})", ex);
        }
    }
}
