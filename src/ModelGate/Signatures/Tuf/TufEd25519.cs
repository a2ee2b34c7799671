using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace ModelGate.Signatures.Tuf;

/// <summary>
/// "ed25519" TUF keys: keyval.public is the 32-byte public key in hex, the signature the 64-byte RFC 8032 one
/// over the canonical bytes. BouncyCastle because .NET has no Ed25519.
/// </summary>
internal static class TufEd25519
{
    /// <summary>RFC 8032 §5.1.6: R and S, 32 bytes each.</summary>
    private const int SignatureLength = 64;

    public static bool Verify(string publicHex, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        var key = Convert.FromHexString(publicHex);
        if (key.Length != Ed25519PublicKeyParameters.KeySize || signature.Length != SignatureLength)
            return false;
        var verifier = new Ed25519Signer();
        verifier.Init(forSigning: false, new Ed25519PublicKeyParameters(key));
        verifier.BlockUpdate(message);
        return verifier.VerifySignature(signature.ToArray());
    }
}
