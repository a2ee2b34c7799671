using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// The tlog entry must be about this bundle (Sigstore client spec, "Transparency log entry"): its body records the
/// same signature, the same certificate or key, and the same signed content (artifact digest, DSSE payload hash,
/// or for Rekor v2 "hashedrekord over DSSE" the digest of the envelope's PAE). A mismatch is <c>tlog-body</c>.
/// </summary>
internal static class RekorEntryBodyCheck
{
    public static void Check(TransparencyLogEntry entry, RekorEntryBody body, SigstoreBundle bundle, ReadOnlySpan<byte> signingMaterialDer, bool isCertificate)
    {
        if (entry.Kind != body.Kind || entry.KindVersion != body.ApiVersion)
            throw Fail($"the entry says {entry.Kind} {entry.KindVersion} but its body is {body.Kind} {body.ApiVersion}");

        var material = signingMaterialDer.ToArray();
        switch (body.Kind)
        {
            case "hashedrekord":
                CheckHashedRekord(body, bundle, material, isCertificate);
                break;
            case "dsse":
            case "intoto":
                CheckDsse(body, bundle, material, isCertificate);
                break;
            default:
                throw Fail($"entries of kind {body.Kind} are not supported");
        }
    }

    private static void CheckHashedRekord(RekorEntryBody body, SigstoreBundle bundle, byte[] material, bool isCertificate)
    {
        var recorded = body.Signatures[0];
        CheckVerifier(recorded, material, isCertificate, "$.spec");
        var digest = body.Digest ?? throw Fail("the hashedrekord body has no digest");
        if (bundle.MessageSignature is { } message)
        {
            if (!recorded.Signature.AsSpan().SequenceEqual(message.Signature))
                throw Fail("the entry records a different signature than the bundle's message signature");
            if (message.Digest is null)
                throw Fail("the bundle's message signature carries no digest to compare with the entry's");
            if (message.DigestAlgorithm is { } algorithm && ToDotNetName(algorithm) != digest.Algorithm)
                throw Fail($"the entry records a {digest.Algorithm} digest, the bundle a {algorithm} digest");
            if (!digest.Value.AsSpan().SequenceEqual(message.Digest))
                throw Fail($"the entry records the artifact digest {Convert.ToHexStringLower(digest.Value)}, the bundle {Convert.ToHexStringLower(message.Digest)}");
            return;
        }
        if (bundle.DsseEnvelope is { } envelope && body.ApiVersion == "0.0.2")
        {
            // Rekor v2 "hashedrekord over DSSE": the entry stores Hash(PAE(payloadType, payload)) and the
            // envelope's signature instead of the whole envelope.
            if (envelope.Signatures.Count != 1)
                throw Fail($"a hashedrekord entry records one signature, the envelope has {envelope.Signatures.Count}");
            if (!recorded.Signature.AsSpan().SequenceEqual(envelope.Signatures[0].Sig))
                throw Fail("the entry records a different signature than the DSSE envelope's");
            var pae = Hash(digest.Algorithm, Pae(envelope.PayloadType, envelope.Payload));
            if (!digest.Value.AsSpan().SequenceEqual(pae))
                throw Fail("the entry records a digest that is not the digest of the DSSE envelope's PAE(payloadType, payload)");
            return;
        }
        throw Fail($"a hashedrekord {body.ApiVersion} entry cannot record this bundle's content");
    }

    private static void CheckDsse(RekorEntryBody body, SigstoreBundle bundle, byte[] material, bool isCertificate)
    {
        var envelope = bundle.DsseEnvelope ?? throw Fail($"a {body.Kind} entry records a DSSE envelope, but the bundle has a message signature");
        var payloadHash = body.PayloadHash ?? throw Fail($"the {body.Kind} body has no payload hash");
        if (!payloadHash.Value.AsSpan().SequenceEqual(Hash(payloadHash.Algorithm, envelope.Payload)))
            throw Fail("the entry's payload hash is not the digest of the DSSE envelope's payload");
        if (body.PayloadType is { } payloadType && payloadType != envelope.PayloadType)
            throw Fail($"the entry records payload type \"{payloadType}\", the envelope \"{envelope.PayloadType}\"");
        if (body.Signatures.Count != envelope.Signatures.Count)
            throw Fail($"the entry records {body.Signatures.Count} signatures, the envelope has {envelope.Signatures.Count}");
        for (var i = 0; i < body.Signatures.Count; i++)
            CheckVerifier(body.Signatures[i], material, isCertificate, $"signature {i}");
        foreach (var signature in envelope.Signatures)
        {
            if (!body.Signatures.Any(recorded => recorded.Signature.AsSpan().SequenceEqual(signature.Sig)))
                throw Fail("the DSSE envelope has a signature the entry does not record");
        }
    }

    private static void CheckVerifier(RekorEntrySignature recorded, byte[] material, bool isCertificate, string where)
    {
        if (recorded.VerifierIsCertificate != isCertificate)
        {
            throw Fail(isCertificate
                ? $"the entry ({where}) records a public key, but the bundle is signed with a certificate"
                : $"the entry ({where}) records a certificate, but the bundle is signed with a public key");
        }
        if (!recorded.VerifierDer.AsSpan().SequenceEqual(material))
        {
            throw Fail(isCertificate
                ? $"the entry ({where}) records a different certificate than the bundle's signing certificate"
                : $"the entry ({where}) records a different public key than the bundle's signing key");
        }
    }

    /// <summary>DSSE v1 pre-authentication encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body.</summary>
    internal static byte[] Pae(string payloadType, byte[] payload)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} "));
        var middle = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {payload.Length} "));
        return [.. header, .. type, .. middle, .. payload];
    }

    private static byte[] Hash(string algorithm, byte[] data) => algorithm switch
    {
        nameof(HashAlgorithmName.SHA256) => SHA256.HashData(data),
        nameof(HashAlgorithmName.SHA384) => SHA384.HashData(data),
        nameof(HashAlgorithmName.SHA512) => SHA512.HashData(data),
        _ => throw Fail($"digest algorithm {algorithm} is not supported"),
    };

    /// <summary>protobuf-specs <c>HashAlgorithm</c> names as the bundle spells them.</summary>
    private static string ToDotNetName(string bundleAlgorithm) => bundleAlgorithm switch
    {
        "SHA2_256" => nameof(HashAlgorithmName.SHA256),
        "SHA2_384" => nameof(HashAlgorithmName.SHA384),
        "SHA2_512" => nameof(HashAlgorithmName.SHA512),
        _ => bundleAlgorithm,
    };

    private static SigstoreVerificationException Fail(string message) =>
        new(SigstoreChecks.TlogBody, "tlog entry body: " + message + ".");
}
