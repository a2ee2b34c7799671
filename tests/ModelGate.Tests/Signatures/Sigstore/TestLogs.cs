using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ModelGate.Signatures.Sigstore;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.X509;

namespace ModelGate.Tests.Signatures.Sigstore;

/// <summary>Transparency logs with keys made in the test, to sign hand-built checkpoints and entries.</summary>
internal static class TestLogs
{
    public static readonly DateTimeOffset ValidFrom = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A Rekor v2 style log: Ed25519 key, note key ID = log ID.</summary>
    public static (TransparencyLogInstance Log, Func<byte[], byte[]> Sign) Ed25519Log(string host, byte seed)
    {
        var privateKey = new Ed25519PrivateKeyParameters(Enumerable.Repeat(seed, 32).ToArray());
        var publicKey = privateKey.GeneratePublicKey();
        var spki = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).GetDerEncoded();
        var log = new TransparencyLogInstance("https://" + host, "SHA2_256", spki, "PKIX_ED25519", ValidFrom, null, []);
        var keyId = SHA256.HashData([.. Encoding.UTF8.GetBytes(host), 0x0A, 0x01, .. publicKey.GetEncoded()]);
        log = log with { LogId = keyId };
        return (log, data =>
        {
            var signer = new Ed25519Signer();
            signer.Init(forSigning: true, privateKey);
            signer.BlockUpdate(data, 0, data.Length);
            return signer.GenerateSignature();
        });
    }

    /// <summary>A Rekor v1 style log: ECDSA P-256 key, log ID = SHA-256 of the SubjectPublicKeyInfo.</summary>
    public static (TransparencyLogInstance Log, Func<byte[], byte[]> Sign) EcdsaLog(string host)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = key.ExportSubjectPublicKeyInfo();
        var log = new TransparencyLogInstance("https://" + host, "SHA2_256", spki, "PKIX_ECDSA_P256_SHA_256", ValidFrom, null, SHA256.HashData(spki));
        return (log, data => key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    /// <summary>A signature line: "— name base64(key ID || signature)".</summary>
    public static string SignatureLine(string name, uint keyId, byte[] signature)
    {
        var bytes = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, keyId);
        signature.CopyTo(bytes, 4);
        return $"\u2014 {name} {Convert.ToBase64String(bytes)}\n";
    }

    public static string CheckpointText(string origin, long size, byte[] root) =>
        $"{origin}\n{size}\n{Convert.ToBase64String(root)}\n";
}
