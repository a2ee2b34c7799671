using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace ModelGate.Tests.Signatures.Tuf;

/// <summary>A signing key of a test TUF repository: ECDSA P-256 (PEM, DER signatures) or Ed25519 (hex), as securesystemslib writes them.</summary>
internal sealed class TufTestKey : IDisposable
{
    private readonly ECDsa? _ecdsa;
    private readonly Ed25519PrivateKeyParameters? _ed25519;

    private TufTestKey(ECDsa? ecdsa, Ed25519PrivateKeyParameters? ed25519)
    {
        _ecdsa = ecdsa;
        _ed25519 = ed25519;
        var json = ToJson().ToJsonString();
        KeyId = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    public string KeyId { get; }

    public static TufTestKey Ecdsa() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), null);

    public static TufTestKey Ed25519() => new(null, new Ed25519PrivateKeyParameters(new SecureRandom()));

    public JsonObject ToJson() => _ecdsa is not null
        ? new JsonObject
        {
            ["keytype"] = "ecdsa",
            ["scheme"] = "ecdsa-sha2-nistp256",
            ["keyval"] = new JsonObject { ["public"] = _ecdsa.ExportSubjectPublicKeyInfoPem() + "\n" },
        }
        : new JsonObject
        {
            ["keytype"] = "ed25519",
            ["scheme"] = "ed25519",
            ["keyval"] = new JsonObject { ["public"] = Convert.ToHexStringLower(_ed25519!.GeneratePublicKey().GetEncoded()) },
        };

    public byte[] Sign(byte[] message)
    {
        if (_ecdsa is not null)
            return _ecdsa.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var signer = new Ed25519Signer();
        signer.Init(forSigning: true, _ed25519);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    public void Dispose() => _ecdsa?.Dispose();
}
