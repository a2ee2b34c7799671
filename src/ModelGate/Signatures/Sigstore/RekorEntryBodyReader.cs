using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// Reads a Rekor entry's canonicalized body (JSON) into a <see cref="RekorEntryBody"/>. Only the fields the
/// verifier compares are read; each must have the type its schema gives, and every failure names the JSON path.
/// </summary>
internal static class RekorEntryBodyReader
{
    /// <summary>A body nests five levels deep; anything much deeper is not a Rekor entry.</summary>
    private const int MaxDepth = 16;

    /// <summary>A PEM certificate or key inside a body is a few kilobytes.</summary>
    private const int MaxPemChars = 64 * 1024;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    public static RekorEntryBody Read(ReadOnlyMemory<byte> canonicalizedBody)
    {
        if (Formats.Utf8Validation.FirstInvalidByte(canonicalizedBody.Span) is var invalid and >= 0)
            throw Fail($"the entry body is not valid UTF-8 (byte {invalid})");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(canonicalizedBody, Options);
        }
        catch (JsonException e)
        {
            throw Fail($"the entry body is not JSON ({e.Message})", e);
        }
        using (document)
        {
            var root = ReadObject(document.RootElement, "$");
            var kind = ReadString(root, "$", "kind");
            var version = ReadString(root, "$", "apiVersion");
            var spec = ReadObject(ReadProperty(root, "$", "spec"), "$.spec");
            return (kind, version) switch
            {
                ("hashedrekord", "0.0.1") => HashedRekordV001(kind, version, spec),
                ("dsse", "0.0.1") => DsseV001(kind, version, spec),
                ("intoto", "0.0.2") => IntotoV002(kind, version, spec),
                ("hashedrekord", "0.0.2") => HashedRekordV002(kind, version, ReadObject(ReadProperty(spec, "$.spec", "hashedRekordV002"), "$.spec.hashedRekordV002")),
                ("dsse", "0.0.2") => DsseV002(kind, version, ReadObject(ReadProperty(spec, "$.spec", "dsseV002"), "$.spec.dsseV002")),
                _ => throw Fail($"the entry body is {Shorten(kind)} {Shorten(version)}; supported are hashedrekord 0.0.1 and 0.0.2, dsse 0.0.1 and 0.0.2, intoto 0.0.2"),
            };
        }
    }

    // rekor pkg/types/hashedrekord/v0.0.1/hashedrekord_v0_0_1_schema.json:
    // spec.data.hash {algorithm, value (hex)}, spec.signature {content (base64), publicKey.content (base64 PEM)}.
    private static RekorEntryBody HashedRekordV001(string kind, string version, JsonElement spec)
    {
        var hash = ReadObject(ReadProperty(ReadObject(ReadProperty(spec, "$.spec", "data"), "$.spec.data"), "$.spec.data", "hash"), "$.spec.data.hash");
        var digest = HexHash(hash, "$.spec.data.hash");
        var signature = ReadObject(ReadProperty(spec, "$.spec", "signature"), "$.spec.signature");
        var content = ReadBase64(signature, "$.spec.signature", "content");
        var publicKey = ReadObject(ReadProperty(signature, "$.spec.signature", "publicKey"), "$.spec.signature.publicKey");
        var verifier = PemVerifier(ReadBase64(publicKey, "$.spec.signature.publicKey", "content"), "$.spec.signature.publicKey.content");
        return new RekorEntryBody(kind, version, digest, null, null, [verifier with { Signature = content }]);
    }

    // rekor pkg/types/dsse/v0.0.1/dsse_v0_0_1_schema.json: spec.payloadHash {algorithm, value (hex)},
    // spec.signatures[] {signature (base64), verifier (base64 PEM)}. envelopeHash covers the envelope JSON as
    // submitted, which the bundle does not keep byte for byte, so it is not compared.
    private static RekorEntryBody DsseV001(string kind, string version, JsonElement spec)
    {
        var payloadHash = HexHash(ReadObject(ReadProperty(spec, "$.spec", "payloadHash"), "$.spec.payloadHash"), "$.spec.payloadHash");
        var signatures = new List<RekorEntrySignature>();
        foreach (var (item, path) in ReadArray(spec, "$.spec", "signatures"))
        {
            var sig = ReadBase64(item, path, "signature");
            var verifier = PemVerifier(ReadBase64(item, path, "verifier"), path + ".verifier");
            signatures.Add(verifier with { Signature = sig });
        }
        return new RekorEntryBody(kind, version, null, payloadHash, null, signatures);
    }

    // rekor pkg/types/intoto/v0.0.2/intoto_v0_0_2_schema.json: spec.content.payloadHash {algorithm, value (hex)},
    // spec.content.envelope {payloadType, signatures[] {sig, publicKey}}. The envelope's byte fields hold the
    // base64 text of the DSSE fields, base64-encoded again by the JSON mapping: sig decodes twice.
    private static RekorEntryBody IntotoV002(string kind, string version, JsonElement spec)
    {
        var content = ReadObject(ReadProperty(spec, "$.spec", "content"), "$.spec.content");
        var payloadHash = HexHash(ReadObject(ReadProperty(content, "$.spec.content", "payloadHash"), "$.spec.content.payloadHash"), "$.spec.content.payloadHash");
        var envelope = ReadObject(ReadProperty(content, "$.spec.content", "envelope"), "$.spec.content.envelope");
        var payloadType = ReadString(envelope, "$.spec.content.envelope", "payloadType");
        var signatures = new List<RekorEntrySignature>();
        foreach (var (item, path) in ReadArray(envelope, "$.spec.content.envelope", "signatures"))
        {
            var sigText = ReadBase64(item, path, "sig");
            var sig = new byte[sigText.Length];

            // Kept as decoded once when it is not base64 text: it then matches no signature, and the check
            // reports the mismatch.
            var signature = Convert.TryFromBase64Chars(Encoding.ASCII.GetString(sigText), sig, out var written) ? sig[..written] : sigText;
            var verifier = PemVerifier(ReadBase64(item, path, "publicKey"), path + ".publicKey");
            signatures.Add(verifier with { Signature = signature });
        }
        return new RekorEntryBody(kind, version, null, payloadHash, payloadType, signatures);
    }

    // rekor-tiles HashedRekordLogEntryV002: data {algorithm, digest (base64)}, signature {content, verifier}.
    private static RekorEntryBody HashedRekordV002(string kind, string version, JsonElement entry)
    {
        const string path = "$.spec.hashedRekordV002";
        var digest = ProtoHash(ReadObject(ReadProperty(entry, path, "data"), path + ".data"), path + ".data");
        var signature = ProtoSignature(ReadObject(ReadProperty(entry, path, "signature"), path + ".signature"), path + ".signature");
        return new RekorEntryBody(kind, version, digest, null, null, [signature]);
    }

    // rekor-tiles DSSELogEntryV002: payloadHash {algorithm, digest (base64)}, signatures[] {content, verifier}.
    private static RekorEntryBody DsseV002(string kind, string version, JsonElement entry)
    {
        const string path = "$.spec.dsseV002";
        var payloadHash = ProtoHash(ReadObject(ReadProperty(entry, path, "payloadHash"), path + ".payloadHash"), path + ".payloadHash");
        var signatures = new List<RekorEntrySignature>();
        foreach (var (item, itemPath) in ReadArray(entry, path, "signatures"))
            signatures.Add(ProtoSignature(ReadObject(item, itemPath), itemPath));
        return new RekorEntryBody(kind, version, null, payloadHash, null, signatures);
    }

    // rekor-tiles Signature {content (base64), verifier {publicKey.rawBytes | x509Certificate.rawBytes, keyDetails}}.
    private static RekorEntrySignature ProtoSignature(JsonElement signature, string path)
    {
        var content = ReadBase64(signature, path, "content");
        var verifier = ReadObject(ReadProperty(signature, path, "verifier"), path + ".verifier");
        var hasKey = verifier.TryGetProperty("publicKey", out var key);
        var hasCert = verifier.TryGetProperty("x509Certificate", out var cert);
        if (hasKey == hasCert)
            throw Fail($"{path}.verifier must have exactly one of publicKey and x509Certificate");
        var material = hasCert
            ? ReadBase64(ReadObject(cert, path + ".verifier.x509Certificate"), path + ".verifier.x509Certificate", "rawBytes")
            : ReadBase64(ReadObject(key, path + ".verifier.publicKey"), path + ".verifier.publicKey", "rawBytes");
        return new RekorEntrySignature(content, material, hasCert);
    }

    private static RekorHash ProtoHash(JsonElement hash, string path)
    {
        var algorithm = ReadString(hash, path, "algorithm") switch
        {
            "SHA2_256" => nameof(HashAlgorithmName.SHA256),
            "SHA2_384" => nameof(HashAlgorithmName.SHA384),
            "SHA2_512" => nameof(HashAlgorithmName.SHA512),
            var other => throw Fail($"{path}.algorithm \"{Shorten(other)}\" is not SHA2_256, SHA2_384 or SHA2_512"),
        };
        return new RekorHash(algorithm, ReadBase64(hash, path, "digest"));
    }

    private static RekorHash HexHash(JsonElement hash, string path)
    {
        var algorithm = ReadString(hash, path, "algorithm") switch
        {
            "sha256" => nameof(HashAlgorithmName.SHA256),
            "sha384" => nameof(HashAlgorithmName.SHA384),
            "sha512" => nameof(HashAlgorithmName.SHA512),
            var other => throw Fail($"{path}.algorithm \"{Shorten(other)}\" is not sha256, sha384 or sha512"),
        };
        var value = ReadString(hash, path, "value");
        if (value.Length is 0 or > 128 || value.Length % 2 != 0 || !value.All(char.IsAsciiHexDigit))
            throw Fail($"{path}.value is not a hex digest");
        return new RekorHash(algorithm, Convert.FromHexString(value));
    }

    private static RekorEntrySignature PemVerifier(byte[] pemBytes, string path)
    {
        if (pemBytes.Length > MaxPemChars)
            throw Fail($"{path} is {pemBytes.Length} bytes, more than a PEM certificate or key ({MaxPemChars})");
        var pem = Encoding.ASCII.GetString(pemBytes);
        if (!PemEncoding.TryFind(pem, out var fields))
            throw Fail($"{path} is not PEM");
        var label = pem[fields.Label];
        var isCertificate = label switch
        {
            "CERTIFICATE" => true,
            "PUBLIC KEY" => false,
            _ => throw Fail($"{path} is PEM \"{Shorten(label)}\", neither CERTIFICATE nor PUBLIC KEY"),
        };
        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(pem.AsSpan()[fields.Base64Data], der, out var written))
            throw Fail($"{path} has PEM data that is not base64");
        return new RekorEntrySignature([], der[..written], isCertificate);
    }

    private static JsonElement ReadProperty(JsonElement obj, string path, string name) =>
        obj.TryGetProperty(name, out var value) ? value : throw Fail($"{path}.{name} is missing");

    private static JsonElement ReadObject(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Object ? element : throw Fail($"{path} is {Describe(element)}, not an object");

    private static string ReadString(JsonElement obj, string path, string name)
    {
        var value = ReadProperty(obj, path, name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Fail($"{path}.{name} is {Describe(value)}, not a string");
    }

    private static byte[] ReadBase64(JsonElement obj, string path, string name)
    {
        var value = ReadProperty(obj, path, name);
        if (value.ValueKind != JsonValueKind.String)
            throw Fail($"{path}.{name} is {Describe(value)}, not a base64 string");
        if (!value.TryGetBytesFromBase64(out var bytes))
            throw Fail($"{path}.{name} is not valid base64");
        return bytes;
    }

    private static IEnumerable<(JsonElement Item, string Path)> ReadArray(JsonElement obj, string path, string name)
    {
        var value = ReadProperty(obj, path, name);
        if (value.ValueKind != JsonValueKind.Array)
            throw Fail($"{path}.{name} is {Describe(value)}, not an array");
        var count = value.GetArrayLength();
        if (count == 0)
            throw Fail($"{path}.{name} is empty");
        if (count > SigstoreLimits.MaxDsseSignatures)
            throw Fail($"{path}.{name} has {count} signatures, more than {SigstoreLimits.MaxDsseSignatures}");
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{path}.{name}[{i++}]";
            yield return (ReadObject(item, itemPath), itemPath);
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "missing",
    };

    private static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";

    private static SigstoreVerificationException Fail(string message, Exception? inner = null) =>
        inner is null
            ? new(SigstoreChecks.TlogBody, "tlog entry body: " + message + ".")
            : new(SigstoreChecks.TlogBody, "tlog entry body: " + message + ".", inner);
}
