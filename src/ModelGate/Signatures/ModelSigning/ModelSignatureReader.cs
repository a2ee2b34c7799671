using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// Reads a model signature: the Sigstore bundle (<see cref="ReadBundle"/>) and the in-toto statement in its DSSE
/// payload (<see cref="ParseStatement"/>). Reading checks structure only; whether the signature is genuine is
/// <see cref="ModelSignatureVerifier"/>'s job, and the statement must only be trusted after it.
/// </summary>
internal static class ModelSignatureReader
{
    public static ModelSignatureBundle ReadBundle(string path, ModelSigningLimits limits)
    {
        byte[] json;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (!stream.CanSeek || stream.Length > limits.MaxSignatureBytes)
                throw new ModelSignatureException("format", $"{path}: larger than {limits.MaxSignatureBytes} bytes, or not a regular file");
            json = new byte[stream.Length];
            stream.ReadExactly(json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelSignatureException("format", $"{path}: cannot be read: {ex.Message}", ex);
        }
        return ParseBundle(json, path, limits);
    }

    public static ModelSignatureBundle ParseBundle(byte[] json, string file, ModelSigningLimits limits)
    {
        if (json.LongLength > limits.MaxSignatureBytes)
            throw new ModelSignatureException("format", $"{file}: larger than {limits.MaxSignatureBytes} bytes");
        var f = new JsonFields(file);
        using var document = Parse(json, file, limits);
        var root = f.Expect(document.RootElement, "$", JsonValueKind.Object);
        var mediaType = f.String(root, "$", "mediaType");
        var material = f.Required(root, "$", "verificationMaterial", JsonValueKind.Object);
        string? hint = null;
        byte[]? pem = null;
        if (f.Optional(material, "$.verificationMaterial", "publicKey") is { } publicKey)
        {
            f.Expect(publicKey, "$.verificationMaterial.publicKey", JsonValueKind.Object);
            hint = f.OptionalString(publicKey, "$.verificationMaterial.publicKey", "hint");
            if (f.Optional(publicKey, "$.verificationMaterial.publicKey", "rawBytes") is not null)
                pem = f.Base64(publicKey, "$.verificationMaterial.publicKey", "rawBytes");
        }
        var certificates = new List<byte[]>();
        if (f.Optional(material, "$.verificationMaterial", "x509CertificateChain") is { } chain)
        {
            var list = f.Required(f.Expect(chain, "$.verificationMaterial.x509CertificateChain", JsonValueKind.Object), "$.verificationMaterial.x509CertificateChain", "certificates", JsonValueKind.Array);
            var i = 0;
            foreach (var certificate in list.EnumerateArray())
            {
                var at = $"$.verificationMaterial.x509CertificateChain.certificates[{i++}]";
                certificates.Add(f.Base64(f.Expect(certificate, at, JsonValueKind.Object), at, "rawBytes"));
            }
            if (certificates.Count == 0)
                throw f.Error("$.verificationMaterial.x509CertificateChain.certificates", "empty certificate chain");
        }
        if (f.Optional(material, "$.verificationMaterial", "certificate") is { } single)
            certificates.Add(f.Base64(f.Expect(single, "$.verificationMaterial.certificate", JsonValueKind.Object), "$.verificationMaterial.certificate", "rawBytes"));
        var tlog = f.Optional(material, "$.verificationMaterial", "tlogEntries") is { } entries
            ? f.Expect(entries, "$.verificationMaterial.tlogEntries", JsonValueKind.Array).GetArrayLength()
            : 0;

        if (f.Optional(root, "$", "messageSignature") is not null)
            throw new ModelSignatureException("format", $"{file}: $.messageSignature: a model signature is a DSSE envelope, not a message signature");
        var envelope = f.Required(root, "$", "dsseEnvelope", JsonValueKind.Object);
        var payload = f.Base64(envelope, "$.dsseEnvelope", "payload");
        var payloadType = f.String(envelope, "$.dsseEnvelope", "payloadType");
        var signatures = f.Required(envelope, "$.dsseEnvelope", "signatures", JsonValueKind.Array);
        // Sigstore bundles carry exactly one DSSE signature (the reference reads signatures[0]; a second one
        // would be unverified text riding along).
        if (signatures.GetArrayLength() != 1)
            throw f.Error("$.dsseEnvelope.signatures", $"expected exactly one signature, found {signatures.GetArrayLength()}");
        var signature = f.Base64(f.Expect(signatures[0], "$.dsseEnvelope.signatures[0]", JsonValueKind.Object), "$.dsseEnvelope.signatures[0]", "sig");
        return new ModelSignatureBundle(file, json, mediaType, hint, pem, certificates, tlog, payloadType, payload, signature);
    }

    /// <summary>
    /// The statement in a DSSE payload, checked as the reference checks it (<c>signing.dsse_payload_to_manifest</c>):
    /// statement type, predicate type, one subject whose sha256 is the digest over the resources, known
    /// serialization. Stricter: duplicate or unsafe names, digests of the wrong length, and more resources than
    /// the limit are refused.
    /// </summary>
    public static ModelSignatureStatement ParseStatement(byte[] payload, string file, ModelSigningLimits limits)
    {
        var f = new JsonFields($"{file} (statement)");
        using var document = Parse(payload, $"{file} (statement)", limits);
        var root = f.Expect(document.RootElement, "$", JsonValueKind.Object);
        var type = f.String(root, "$", "_type");
        if (type != ModelSigningFormat.StatementType)
            throw f.Error("$._type", $"expected {ModelSigningFormat.StatementType}, found '{type}'");
        var predicateType = f.String(root, "$", "predicateType");
        var subjects = f.Required(root, "$", "subject", JsonValueKind.Array);
        if (predicateType == ModelSigningFormat.CompatPredicateType)
            return ParseCompat(f, subjects, limits);
        if (predicateType != ModelSigningFormat.PredicateType)
            throw new ModelSignatureException("unsupported", $"{file} (statement): $.predicateType: '{predicateType}' is not a model signature predicate ({ModelSigningFormat.PredicateType})");
        if (subjects.GetArrayLength() != 1)
            throw f.Error("$.subject", $"expected exactly one subject, found {subjects.GetArrayLength()}");
        var subject = f.Expect(subjects[0], "$.subject[0]", JsonValueKind.Object);
        var modelName = f.String(subject, "$.subject[0]", "name");
        var rootDigest = Hex(f, f.Required(subject, "$.subject[0]", "digest", JsonValueKind.Object), "$.subject[0].digest", "sha256", 32);

        var predicate = f.Required(root, "$", "predicate", JsonValueKind.Object);
        var serialization = ParseSerialization(f, f.Required(predicate, "$.predicate", "serialization", JsonValueKind.Object), limits);
        var resources = f.Required(predicate, "$.predicate", "resources", JsonValueKind.Array);
        var count = resources.GetArrayLength();
        if (count > limits.MaxResources)
            throw new ModelSignatureException("format", $"{file} (statement): $.predicate.resources: {count} resources, more than the {limits.MaxResources} accepted");
        var list = new List<ManifestResource>(count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var rootHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> digestBytes = stackalloc byte[64];
        var index = 0;
        foreach (var resource in resources.EnumerateArray())
        {
            var at = $"$.predicate.resources[{index++}]";
            f.Expect(resource, at, JsonValueKind.Object);
            var name = f.String(resource, at, "name");
            var algorithm = f.String(resource, at, "algorithm");
            var digest = f.String(resource, at, "digest");
            CheckName(f, serialization, name, $"{at}.name", limits);
            if (!names.Add(name))
                throw f.Error($"{at}.name", $"'{name}' is listed more than once");
            var expectedLength = DigestLength(algorithm, serialization);
            if (expectedLength == 0)
                throw new ModelSignatureException("unsupported", $"{file} (statement): {at}.algorithm: '{algorithm}' is not a digest ModelGate computes (sha256)");
            if (digest.Length != expectedLength * 2 || !TryHex(digest, digestBytes[..expectedLength]))
                throw f.Error($"{at}.digest", $"expected {expectedLength * 2} hex digits");
            rootHash.AppendData(digestBytes[..expectedLength]);
            list.Add(new ManifestResource(name, algorithm, digest.ToLowerInvariant()));
        }
        var computed = Convert.ToHexStringLower(rootHash.GetHashAndReset());
        if (computed != rootDigest)
            throw new ModelSignatureException("format", $"{file} (statement): $.subject[0].digest.sha256 is {rootDigest}, but the listed resources hash to {computed}: the statement is inconsistent");
        if (list.Count == 0)
            throw f.Error("$.predicate.resources", "no resources: the signature covers no file");
        return new ModelSignatureStatement(modelName, rootDigest, predicateType, serialization, list);
    }

    private static ModelSignatureStatement ParseCompat(JsonFields f, JsonElement subjects, ModelSigningLimits limits)
    {
        // model_signing 0.2: each subject is a file with its sha256; files serialization, no root digest.
        var serialization = SerializationOptions.Files([]);
        if (subjects.GetArrayLength() > limits.MaxResources)
            throw f.Error("$.subject", $"more than {limits.MaxResources} subjects");
        var list = new List<ManifestResource>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var subject in subjects.EnumerateArray())
        {
            var at = $"$.subject[{index++}]";
            f.Expect(subject, at, JsonValueKind.Object);
            var name = f.String(subject, at, "name");
            CheckName(f, serialization, name, $"{at}.name", limits);
            if (!names.Add(name))
                throw f.Error($"{at}.name", $"'{name}' is listed more than once");
            var digest = Hex(f, f.Required(subject, at, "digest", JsonValueKind.Object), $"{at}.digest", "sha256", 32);
            list.Add(new ManifestResource(name, ModelSigningFormat.Sha256, digest));
        }
        if (list.Count == 0)
            throw f.Error("$.subject", "no subjects: the signature covers no file");
        return new ModelSignatureStatement(string.Empty, string.Empty, ModelSigningFormat.CompatPredicateType, serialization, list);
    }

    private static SerializationOptions ParseSerialization(JsonFields f, JsonElement s, ModelSigningLimits limits)
    {
        const string At = "$.predicate.serialization";
        var method = f.String(s, At, "method");
        var hashType = f.String(s, At, "hash_type");
        var allowSymlinks = f.Required(s, At, "allow_symlinks", JsonValueKind.True).GetBoolean();
        var ignore = new List<string>();
        if (f.Optional(s, At, "ignore_paths") is { } paths)
        {
            var i = 0;
            foreach (var p in f.Expect(paths, $"{At}.ignore_paths", JsonValueKind.Array).EnumerateArray())
            {
                var text = f.Expect(p, $"{At}.ignore_paths[{i++}]", JsonValueKind.String).GetString()!;
                if (text.Length > limits.MaxNameLength || ignore.Count >= limits.MaxResources)
                    throw f.Error($"{At}.ignore_paths", "too long");
                ignore.Add(text);
            }
        }
        long? shardSize = null;
        switch (method)
        {
            case ModelSigningFormat.FilesMethod:
                break;
            case ModelSigningFormat.ShardsMethod:
                // The predicate is a protobuf Struct, whose numbers are doubles: 1000000000.0 is the same value.
                var number = f.Required(s, At, "shard_size", JsonValueKind.Number);
                if (!number.TryGetDouble(out var size) || size < 1 || size > long.MaxValue / 2 || size != Math.Floor(size))
                    throw f.Error($"{At}.shard_size", "expected a positive whole number of bytes");
                shardSize = (long)size;
                break;
            default:
                throw new ModelSignatureException("unsupported", $"{f.Error($"{At}.method", $"unsupported serialization '{method}' (ModelGate rebuilds 'files' and 'shards')").Message}");
        }
        var options = new SerializationOptions(method, hashType, allowSymlinks, shardSize, ignore);
        if (DigestLength(hashType, options) == 0)
            throw new ModelSignatureException("unsupported", $"{f.Error($"{At}.hash_type", $"unsupported hash '{hashType}' (ModelGate computes sha256; blake2b and blake3 are not implemented)").Message}");
        return options;
    }

    /// <summary>Bytes of a digest named <paramref name="algorithm"/> under these options; 0 when not computed here.</summary>
    internal static int DigestLength(string algorithm, SerializationOptions options)
    {
        if (algorithm == ModelSigningFormat.Sha256)
            return 32;
        // model_signing's ShardedFileHasher names its digest "{inner}-sharded-{shard_size}".
        return options.ShardSize is { } size && algorithm == string.Create(CultureInfo.InvariantCulture, $"{ModelSigningFormat.Sha256}-sharded-{size}") ? 32 : 0;
    }

    private static void CheckName(JsonFields f, SerializationOptions serialization, string name, string at, ModelSigningLimits limits)
    {
        var path = name;
        if (serialization.IsShards)
        {
            if (!ShardName.TryParse(name, out var shard))
                throw f.Error(at, $"'{name}' is not path:start:end");
            path = shard.Path;
        }
        if (ResourceNames.Problem(path, limits.MaxNameLength) is { } problem)
            throw f.Error(at, $"'{name}': {problem}");
    }

    private static string Hex(JsonFields f, JsonElement digests, string at, string algorithm, int length)
    {
        var hex = f.String(digests, at, algorithm);
        Span<byte> bytes = stackalloc byte[64];
        if (hex.Length != length * 2 || !TryHex(hex, bytes[..length]))
            throw f.Error($"{at}.{algorithm}", $"expected {length * 2} hex digits");
        return hex.ToLowerInvariant();
    }

    private static bool TryHex(string hex, Span<byte> destination) =>
        Convert.FromHexString(hex, destination, out _, out var written) == System.Buffers.OperationStatus.Done && written == destination.Length;

    private static JsonDocument Parse(byte[] json, string file, ModelSigningLimits limits)
    {
        if (Formats.Utf8Validation.FirstInvalidByte(json) is var invalid and >= 0)
            throw new ModelSignatureException("format", string.Create(CultureInfo.InvariantCulture, $"{file}: byte {invalid}: not valid UTF-8"));
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth });
        }
        catch (JsonException ex)
        {
            var place = ex.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, byte {ex.BytePositionInLine + 1}") : "?";
            throw new ModelSignatureException("format", $"{file}: not valid JSON ({place}): {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            throw new ModelSignatureException("format", $"{file}: not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Decodes bytes that must be UTF-8 text, for messages.</summary>
    internal static string Utf8(byte[] bytes) => new UTF8Encoding(false, false).GetString(bytes);
}
