using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// Step "signature" of the Sigstore client spec: the bundle's content is signed by the signing key and is about
/// this artifact — a message signature over the artifact, or a DSSE envelope (PAE, DSSE protocol.md) carrying an
/// in-toto statement whose subjects include the artifact's SHA-256 digest.
/// </summary>
internal static class SignedContentVerification
{
    public const string InTotoPayloadType = "application/vnd.in-toto+json";
    private static readonly string[] StatementTypes = ["https://in-toto.io/Statement/v1", "https://in-toto.io/Statement/v0.1"];

    /// <summary>Verifies the content; returns the DSSE payload type, or null for a message signature.</summary>
    public static string? Verify(SigstoreBundle bundle, SigstorePublicKey key, ArtifactInput artifact)
    {
        if (bundle.MessageSignature is { } message)
        {
            VerifyMessage(message, key, artifact);
            return null;
        }

        var envelope = bundle.DsseEnvelope!;
        VerifyEnvelope(envelope, key, artifact);
        return envelope.PayloadType;
    }

    private static void VerifyMessage(MessageSignature message, SigstorePublicKey key, ArtifactInput artifact)
    {
        if (message.Digest is { } hint)
        {
            // The bundle's digest is an unauthenticated hint (protobuf-specs MessageSignature); it must still agree.
            var algorithm = message.DigestAlgorithm ?? "SHA2_256";
            if (SigstorePublicKey.HashByName(algorithm) is not { } hash)
                throw new SigstoreVerificationException(SigstoreChecks.ArtifactDigest, $"the bundle's message digest uses unsupported algorithm '{algorithm}'");
            var actual = artifact.Digest(hash);
            if (actual is not null && !CryptographicOperations.FixedTimeEquals(actual, hint))
            {
                throw new SigstoreVerificationException(
                    SigstoreChecks.ArtifactDigest,
                    $"the bundle's message digest {Convert.ToHexStringLower(hint)} is not the artifact's {algorithm} digest {Convert.ToHexStringLower(actual)}");
            }
        }

        if (!key.SupportsPrehashed)
        {
            var content = artifact.ReadContent() ?? throw new SigstoreVerificationException(
                SigstoreChecks.Signature,
                $"the signing key is {key.Algorithm}, which signs the message itself: {artifact.Description} cannot be verified from a digest alone (pass the file)");
            if (!key.Verify(content, message.Signature))
                throw SignatureMismatch(artifact);
            return;
        }

        var digest = artifact.Digest(key.DefaultHash);
        var verified = digest is not null
            ? key.VerifyDigest(digest, key.DefaultHash.Name!, message.Signature)
            : key.VerifyDigest(artifact.Sha256, "sha256", message.Signature);
        if (!verified)
            throw SignatureMismatch(artifact);
    }

    private static SigstoreVerificationException SignatureMismatch(ArtifactInput artifact) =>
        new(SigstoreChecks.Signature, $"the message signature does not verify over {artifact.Description} with the signing key");

    private static void VerifyEnvelope(DsseEnvelope envelope, SigstorePublicKey key, ArtifactInput artifact)
    {
        // Sigstore bundles carry exactly one DSSE signature (the one the log entry records).
        if (envelope.Signatures.Count != 1)
            throw new SigstoreVerificationException(SigstoreChecks.Dsse, $"the DSSE envelope has {envelope.Signatures.Count} signatures; a Sigstore bundle has exactly one");
        if (!key.Verify(Pae(envelope.PayloadType, envelope.Payload), envelope.Signatures[0].Sig))
            throw new SigstoreVerificationException(SigstoreChecks.Signature, "the DSSE envelope's signature does not verify over PAE(payloadType, payload) with the signing key");

        if (envelope.PayloadType != InTotoPayloadType)
            throw new SigstoreVerificationException(SigstoreChecks.Dsse, $"the DSSE payload type is '{envelope.PayloadType}', not '{InTotoPayloadType}': nothing ties it to the artifact");
        RequireSubject(envelope.Payload, artifact);
    }

    /// <summary>DSSE v1 pre-authentication encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body.</summary>
    public static byte[] Pae(string payloadType, byte[] payload)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} "));
        var middle = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {payload.Length} "));
        return [.. header, .. type, .. middle, .. payload];
    }

    private static void RequireSubject(byte[] payload, ArtifactInput artifact)
    {
        var proto = new ProtoJson("the DSSE payload", SigstoreChecks.Dsse);
        using var document = proto.Parse(payload, SigstoreLimits.MaxBundleBytes, "in-toto statement");
        var statement = document.RootElement;
        var type = proto.RequireString(statement, "$", "_type");
        if (!StatementTypes.Contains(type, StringComparer.Ordinal))
            throw proto.Error("$._type", $"'{type}' is not an in-toto statement type");

        var subjects = proto.Array(proto.Field(statement, "$", "subject"), "$.subject", 100_000);
        var expected = Convert.ToHexStringLower(artifact.Sha256);
        var seen = new List<string>();
        for (var i = 0; i < subjects.Count; i++)
        {
            var path = $"$.subject[{i}]";
            if (proto.Field(subjects[i], path, "digest") is not { } digests)
                continue;
            if (proto.OptionalString(digests, $"{path}.digest", "sha256") is not { } sha256)
                continue;
            if (string.Equals(sha256, expected, StringComparison.OrdinalIgnoreCase))
                return;
            if (seen.Count < 5)
                seen.Add(sha256);
        }

        throw new SigstoreVerificationException(
            SigstoreChecks.ArtifactDigest,
            $"no subject of the in-toto statement has the artifact's sha256 {expected} ({subjects.Count} subjects{(seen.Count > 0 ? ", e.g. " + string.Join(", ", seen) : string.Empty)})");
    }
}
