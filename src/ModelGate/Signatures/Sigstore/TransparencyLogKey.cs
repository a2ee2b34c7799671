using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// A transparency log's public key from the trusted root, as the tlog checks use it: verifying the signed entry
/// timestamp and checkpoint signatures (ECDSA for Rekor v1, Ed25519 for Rekor v2), and the key ID the log's
/// checkpoint signature lines carry.
/// </summary>
internal static class TransparencyLogKey
{
    private const string Ed25519Details = "PKIX_ED25519";

    private const int Ed25519SignatureSize = 64;

    /// <summary>id-Ed25519 (RFC 8410 §3).</summary>
    private const string Ed25519Oid = "1.3.101.112";

    /// <summary>
    /// The key ID of the log's checkpoint signatures (c2sp.org/signed-note "Signatures"). Ed25519:
    /// SHA-256(name || 0x0A || 0x01 || 32-byte key)[:4]. ECDSA (Rekor v1, and signature type 0x02): the first four
    /// bytes of SHA-256 of the DER SubjectPublicKeyInfo, which is also the first four bytes of the Rekor v1 log ID.
    /// </summary>
    public static uint NoteKeyId(TransparencyLogInstance log, string keyName)
    {
        byte[] hash;
        if (IsEd25519(log))
        {
            var raw = Ed25519RawKey(log);
            var name = Encoding.UTF8.GetBytes(keyName);
            var input = new byte[name.Length + 2 + raw.Length];
            name.CopyTo(input, 0);
            input[name.Length] = 0x0A;
            input[name.Length + 1] = 0x01;
            raw.CopyTo(input, name.Length + 2);
            hash = SHA256.HashData(input);
        }
        else
        {
            hash = SHA256.HashData(log.PublicKeySpki);
        }
        return BinaryPrimitives.ReadUInt32BigEndian(hash);
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is the log key's signature over <paramref name="data"/>. A key the
    /// trusted root describes in a way this verifier cannot use is a failure of <paramref name="check"/>, not a
    /// "false".
    /// </summary>
    public static bool Verify(TransparencyLogInstance log, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, string check)
    {
        if (IsEd25519(log))
        {
            if (signature.Length != Ed25519SignatureSize)
                return false;
            var signer = new Ed25519Signer();
            signer.Init(forSigning: false, new Ed25519PublicKeyParameters(Ed25519RawKey(log)));
            signer.BlockUpdate(data);
            return signer.VerifySignature(signature.ToArray());
        }

        using var ecdsa = ImportEcdsa(log, check);
        var hash = ecdsa.KeySize switch
        {
            256 => HashAlgorithmName.SHA256,
            384 => HashAlgorithmName.SHA384,
            521 => HashAlgorithmName.SHA512,
            _ => throw new SigstoreVerificationException(check, $"the transparency log {log.BaseUrl} has an ECDSA key of {ecdsa.KeySize} bits, which Sigstore does not use."),
        };
        return ecdsa.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
    }

    private static bool IsEd25519(TransparencyLogInstance log) =>
        log.KeyDetails == Ed25519Details || SpkiAlgorithm(log.PublicKeySpki) == Ed25519Oid;

    private static ECDsa ImportEcdsa(TransparencyLogInstance log, string check)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(log.PublicKeySpki, out var read);
            if (read != log.PublicKeySpki.Length)
                throw new SigstoreVerificationException(check, $"the transparency log {log.BaseUrl} has bytes after its public key.");
            return ecdsa;
        }
        catch (CryptographicException e)
        {
            ecdsa.Dispose();
            throw new SigstoreVerificationException(check, $"the transparency log {log.BaseUrl} has a {log.KeyDetails} key this verifier cannot use (ECDSA P-256/384/521 and Ed25519 are supported): {e.Message}", e);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    private static byte[] Ed25519RawKey(TransparencyLogInstance log)
    {
        try
        {
            if (PublicKeyFactory.CreateKey(log.PublicKeySpki) is Ed25519PublicKeyParameters key)
                return key.GetEncoded();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or SecurityUtilityException or Org.BouncyCastle.Asn1.Asn1Exception)
        {
            throw new SigstoreVerificationException(SigstoreChecks.TrustedRoot, $"the transparency log {log.BaseUrl} has a malformed Ed25519 public key: {e.Message}", e);
        }
        throw new SigstoreVerificationException(SigstoreChecks.TrustedRoot, $"the transparency log {log.BaseUrl} says {log.KeyDetails} but its public key is not Ed25519.");
    }

    private static string? SpkiAlgorithm(byte[] spki)
    {
        try
        {
            var reader = new System.Formats.Asn1.AsnReader(spki, System.Formats.Asn1.AsnEncodingRules.DER);
            var info = reader.ReadSequence();
            var algorithm = info.ReadSequence();
            return algorithm.ReadObjectIdentifier();
        }
        catch (System.Formats.Asn1.AsnContentException)
        {
            return null;
        }
    }
}
