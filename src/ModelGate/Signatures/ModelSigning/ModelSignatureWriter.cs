using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// Writes a model signature in the reference's key mode (<c>sign_ec_key.Signer</c>): the in-toto statement of
/// the manifest as the DSSE payload, an ECDSA signature (ASN.1 DER) over its PAE, and a v0.3 bundle whose
/// verification material is the key hint with no transparency-log entries.
/// </summary>
internal static class ModelSignatureWriter
{
    private static readonly JsonWriterOptions StatementOptions = new()
    {
        // The reference's payload is protobuf MessageToJson output: two-space indentation, "key": value.
        Indented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The statement (DSSE payload) for a manifest (model_signing <c>signing.Payload</c>).</summary>
    public static byte[] Statement(ModelManifest manifest)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, StatementOptions))
        {
            w.WriteStartObject();
            w.WriteString("_type", ModelSigningFormat.StatementType);
            w.WriteStartArray("subject");
            w.WriteStartObject();
            w.WriteString("name", manifest.ModelName);
            w.WriteStartObject("digest");
            w.WriteString("sha256", manifest.RootDigest());
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("predicateType", ModelSigningFormat.PredicateType);
            w.WriteStartObject("predicate");
            var s = manifest.Serialization;
            w.WriteStartObject("serialization");
            w.WriteString("method", s.Method);
            w.WriteString("hash_type", s.HashType);
            if (s.ShardSize is { } shardSize)
                w.WriteNumber("shard_size", shardSize);
            w.WriteBoolean("allow_symlinks", s.AllowSymlinks);
            if (s.IgnorePaths.Count > 0)
            {
                w.WriteStartArray("ignore_paths");
                foreach (var path in s.IgnorePaths)
                    w.WriteStringValue(path);
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteStartArray("resources");
            foreach (var resource in manifest.Resources)
            {
                w.WriteStartObject();
                w.WriteString("name", resource.Name);
                w.WriteString("algorithm", resource.Algorithm);
                w.WriteString("digest", resource.Digest);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The signature bundle, as compact JSON in the field order the reference writes.</summary>
    public static byte[] Sign(ModelManifest manifest, ECDsa key) => Envelope(Statement(manifest), key);

    /// <summary>A key-mode bundle around any payload: the DSSE signature over its PAE and the key hint.</summary>
    internal static byte[] Envelope(byte[] payload, ECDsa key)
    {
        var signature = key.SignData(Dsse.Pae(ModelSigningFormat.PayloadType, payload), EcKeys.HashFor(key), DSASignatureFormat.Rfc3279DerSequence);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("mediaType", ModelSigningFormat.BundleMediaType);
            w.WriteStartObject("verificationMaterial");
            w.WriteStartObject("publicKey");
            w.WriteString("hint", EcKeys.Hint(key));
            w.WriteEndObject();
            w.WriteStartArray("tlogEntries");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("dsseEnvelope");
            w.WriteBase64String("payload", payload);
            w.WriteString("payloadType", ModelSigningFormat.PayloadType);
            w.WriteStartArray("signatures");
            w.WriteStartObject();
            w.WriteBase64String("sig", signature);
            w.WriteString("keyid", string.Empty);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
