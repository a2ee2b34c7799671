using System.Text.Json;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// Reads a Sigstore bundle from its protobuf JSON mapping (protobuf-specs <c>sigstore_bundle.proto</c>). Checks the
/// media type and the shape; throws <see cref="SigstoreVerificationException"/> with check "bundle-format".
/// </summary>
internal static class SigstoreBundleReader
{
    private const string LegacyMediaTypePrefix = "application/vnd.dev.sigstore.bundle+json;version=";

    /// <summary>Media type → bundle version. Since v0.3 the version is in the subtype (sigstore_bundle.proto, "media_type").</summary>
    private static readonly Dictionary<string, string> MediaTypes = new(StringComparer.Ordinal)
    {
        [LegacyMediaTypePrefix + "0.1"] = "0.1",
        [LegacyMediaTypePrefix + "0.2"] = "0.2",
        [LegacyMediaTypePrefix + "0.3"] = "0.3",
        ["application/vnd.dev.sigstore.bundle.v0.3+json"] = "0.3",
    };

    public static SigstoreBundle Read(ReadOnlySpan<byte> json, string source)
    {
        var proto = new ProtoJson(source, SigstoreChecks.BundleFormat);
        using var document = proto.Parse(json, SigstoreLimits.MaxBundleBytes, "bundle");
        var root = document.RootElement;
        proto.RequireObject(root, "$");

        var mediaType = proto.RequireString(root, "$", "mediaType", "media_type");
        if (!MediaTypes.TryGetValue(mediaType, out var version))
            throw proto.Error("$.mediaType", $"unsupported bundle media type '{mediaType}' (known: bundle v0.1, v0.2 and v0.3)");

        var material = ReadMaterial(proto, proto.RequireField(root, "$", "verificationMaterial", "verification_material"), "$.verificationMaterial");

        var message = proto.Field(root, "$", "messageSignature", "message_signature");
        var dsse = proto.Field(root, "$", "dsseEnvelope", "dsse_envelope");
        if (message is not null && dsse is not null)
            throw proto.Error("$", "has both 'messageSignature' and 'dsseEnvelope'; the content is exactly one of them");
        if (message is null && dsse is null)
            throw proto.Error("$", "has neither 'messageSignature' nor 'dsseEnvelope'");

        return new SigstoreBundle(
            mediaType,
            version,
            material,
            message is { } m ? ReadMessageSignature(proto, m, "$.messageSignature") : null,
            dsse is { } d ? ReadDsse(proto, d, "$.dsseEnvelope") : null);
    }

    private static VerificationMaterial ReadMaterial(ProtoJson proto, JsonElement element, string path)
    {
        proto.RequireObject(element, path);
        var certificate = proto.Field(element, path, "certificate");
        var chain = proto.Field(element, path, "x509CertificateChain", "x509_certificate_chain");
        var publicKey = proto.Field(element, path, "publicKey", "public_key");
        var present = (certificate is null ? 0 : 1) + (chain is null ? 0 : 1) + (publicKey is null ? 0 : 1);
        if (present != 1)
        {
            throw proto.Error(path, present == 0
                ? "has none of 'certificate', 'x509CertificateChain' and 'publicKey'"
                : "has more than one of 'certificate', 'x509CertificateChain' and 'publicKey'");
        }

        byte[]? leaf = null;
        List<byte[]>? certificates = null;
        string? hint = null;
        if (certificate is { } c)
        {
            leaf = proto.RequireBytes(c, $"{path}.certificate", "rawBytes", "raw_bytes");
        }
        else if (chain is { } x)
        {
            proto.RequireObject(x, $"{path}.x509CertificateChain");
            var items = proto.Array(proto.Field(x, $"{path}.x509CertificateChain", "certificates"), $"{path}.x509CertificateChain.certificates", SigstoreLimits.MaxCertificates);
            if (items.Count == 0)
                throw proto.Error($"{path}.x509CertificateChain.certificates", "is empty; the chain must hold at least the signing certificate");
            certificates = [.. items.Select((item, i) => proto.RequireBytes(item, $"{path}.x509CertificateChain.certificates[{i}]", "rawBytes", "raw_bytes"))];
        }
        else if (publicKey is { } k)
        {
            // The hint is optional in the spec: a key-signed bundle may carry only an empty publicKey object.
            hint = proto.OptionalString(k, $"{path}.publicKey", "hint") ?? string.Empty;
        }

        var entries = proto.Array(proto.Field(element, path, "tlogEntries", "tlog_entries"), $"{path}.tlogEntries", SigstoreLimits.MaxTlogEntries);
        var tlogEntries = entries.Select((entry, i) => ReadEntry(proto, entry, $"{path}.tlogEntries[{i}]")).ToList();

        var timestamps = new List<byte[]>();
        if (proto.Field(element, path, "timestampVerificationData", "timestamp_verification_data") is { } tvd)
        {
            var tvdPath = $"{path}.timestampVerificationData";
            var items = proto.Array(proto.Field(tvd, tvdPath, "rfc3161Timestamps", "rfc3161_timestamps"), $"{tvdPath}.rfc3161Timestamps", SigstoreLimits.MaxTimestamps);
            for (var i = 0; i < items.Count; i++)
                timestamps.Add(proto.RequireBytes(items[i], $"{tvdPath}.rfc3161Timestamps[{i}]", "signedTimestamp", "signed_timestamp"));
        }

        return new VerificationMaterial(leaf, certificates, hint, tlogEntries, timestamps);
    }

    private static TransparencyLogEntry ReadEntry(ProtoJson proto, JsonElement entry, string path)
    {
        proto.RequireObject(entry, path);
        var logIndex = NonNegative(proto, proto.Int64(proto.RequireField(entry, path, "logIndex", "log_index"), $"{path}.logIndex"), $"{path}.logIndex");
        var logKeyId = proto.RequireBytes(proto.RequireField(entry, path, "logId", "log_id"), $"{path}.logId", "keyId", "key_id");
        var kindVersion = proto.RequireField(entry, path, "kindVersion", "kind_version");
        var kind = proto.RequireString(kindVersion, $"{path}.kindVersion", "kind");
        var version = proto.RequireString(kindVersion, $"{path}.kindVersion", "version");
        var integratedTime = proto.OptionalInt64(entry, path, "integratedTime", "integrated_time");
        if (integratedTime is < 0)
            throw proto.Error($"{path}.integratedTime", "is negative");

        byte[]? set = null;
        if (proto.Field(entry, path, "inclusionPromise", "inclusion_promise") is { } promise)
            set = proto.RequireBytes(promise, $"{path}.inclusionPromise", "signedEntryTimestamp", "signed_entry_timestamp");

        InclusionProof? proof = null;
        if (proto.Field(entry, path, "inclusionProof", "inclusion_proof") is { } p)
            proof = ReadProof(proto, p, $"{path}.inclusionProof");

        var body = proto.RequireBytes(entry, path, "canonicalizedBody", "canonicalized_body");
        return new TransparencyLogEntry(logIndex, logKeyId, kind, version, integratedTime, set, proof, body);
    }

    private static InclusionProof ReadProof(ProtoJson proto, JsonElement proof, string path)
    {
        proto.RequireObject(proof, path);
        var logIndex = NonNegative(proto, proto.Int64(proto.RequireField(proof, path, "logIndex", "log_index"), $"{path}.logIndex"), $"{path}.logIndex");
        var rootHash = proto.RequireBytes(proof, path, "rootHash", "root_hash");
        var treeSize = NonNegative(proto, proto.Int64(proto.RequireField(proof, path, "treeSize", "tree_size"), $"{path}.treeSize"), $"{path}.treeSize");
        var items = proto.Array(proto.Field(proof, path, "hashes"), $"{path}.hashes", SigstoreLimits.MaxInclusionProofHashes);
        var hashes = items.Select((item, i) => proto.Bytes(proto.String(item, $"{path}.hashes[{i}]"), $"{path}.hashes[{i}]")).ToList();
        string? checkpoint = null;
        if (proto.Field(proof, path, "checkpoint") is { } c)
            checkpoint = proto.OptionalString(c, $"{path}.checkpoint", "envelope");
        return new InclusionProof(logIndex, rootHash, treeSize, hashes, checkpoint);
    }

    private static MessageSignature ReadMessageSignature(ProtoJson proto, JsonElement element, string path)
    {
        proto.RequireObject(element, path);
        string? algorithm = null;
        byte[]? digest = null;
        if (proto.Field(element, path, "messageDigest", "message_digest") is { } md)
        {
            algorithm = proto.OptionalString(md, $"{path}.messageDigest", "algorithm");
            digest = proto.OptionalBytes(md, $"{path}.messageDigest", "digest");
        }

        return new MessageSignature(algorithm, digest, proto.RequireBytes(element, path, "signature"));
    }

    private static DsseEnvelope ReadDsse(ProtoJson proto, JsonElement element, string path)
    {
        proto.RequireObject(element, path);
        var payload = proto.RequireBytes(element, path, "payload");
        var payloadType = proto.RequireString(element, path, "payloadType", "payload_type");
        var items = proto.Array(proto.Field(element, path, "signatures"), $"{path}.signatures", SigstoreLimits.MaxDsseSignatures);
        if (items.Count == 0)
            throw proto.Error($"{path}.signatures", "is empty");
        var signatures = items.Select((item, i) =>
        {
            var itemPath = $"{path}.signatures[{i}]";
            return new DsseSignature(proto.RequireBytes(item, itemPath, "sig"), proto.OptionalString(item, itemPath, "keyid"));
        }).ToList();
        return new DsseEnvelope(payload, payloadType, signatures);
    }

    private static long NonNegative(ProtoJson proto, long value, string path) =>
        value >= 0 ? value : throw proto.Error(path, $"is negative ({value})");
}
