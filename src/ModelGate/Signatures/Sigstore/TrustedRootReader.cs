using System.Text.Json;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// Reads a Sigstore trusted root (protobuf-specs <c>sigstore_trustroot.proto</c>, JSON mapping). Throws
/// <see cref="SigstoreVerificationException"/> with check "trusted-root". A validity period without a start is
/// refused rather than read as unbounded (conformance case trust-root-tlog-missing-validity-start_fail).
/// </summary>
internal static class TrustedRootReader
{
    private static readonly HashSet<string> MediaTypes = new(StringComparer.Ordinal)
    {
        "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
        "application/vnd.dev.sigstore.trustedroot+json;version=0.2",
        "application/vnd.dev.sigstore.trustedroot.v0.2+json",
    };

    public static TrustedRoot Read(ReadOnlySpan<byte> json, string source)
    {
        var proto = new ProtoJson(source, SigstoreChecks.TrustedRoot);
        using var document = proto.Parse(json, SigstoreLimits.MaxTrustedRootBytes, "trusted root");
        var root = document.RootElement;
        proto.RequireObject(root, "$");
        var mediaType = proto.RequireString(root, "$", "mediaType", "media_type");
        if (!MediaTypes.Contains(mediaType))
            throw proto.Error("$.mediaType", $"unsupported trusted root media type '{mediaType}' (known: version 0.1 and 0.2)");

        return new TrustedRoot(
            mediaType,
            ReadLogs(proto, root, "tlogs", "tlogs"),
            ReadAuthorities(proto, root, "certificateAuthorities", "certificate_authorities"),
            ReadLogs(proto, root, "ctlogs", "ctlogs"),
            ReadAuthorities(proto, root, "timestampAuthorities", "timestamp_authorities"));
    }

    private static List<TransparencyLogInstance> ReadLogs(ProtoJson proto, JsonElement root, string camel, string snake)
    {
        var items = proto.Array(proto.Field(root, "$", camel, snake), $"$.{camel}", SigstoreLimits.MaxTrustedRootEntries);
        var logs = new List<TransparencyLogInstance>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"$.{camel}[{i}]";
            var log = items[i];
            proto.RequireObject(log, path);
            var publicKey = proto.RequireField(log, path, "publicKey", "public_key");
            var keyPath = $"{path}.publicKey";
            var (from, to) = ReadValidity(proto, proto.Field(publicKey, keyPath, "validFor", "valid_for"), $"{keyPath}.validFor");
            logs.Add(new TransparencyLogInstance(
                proto.OptionalString(log, path, "baseUrl", "base_url") ?? string.Empty,
                proto.OptionalString(log, path, "hashAlgorithm", "hash_algorithm") ?? string.Empty,
                proto.RequireBytes(publicKey, keyPath, "rawBytes", "raw_bytes"),
                proto.OptionalString(publicKey, keyPath, "keyDetails", "key_details") ?? string.Empty,
                from,
                to,
                proto.RequireBytes(proto.RequireField(log, path, "logId", "log_id"), $"{path}.logId", "keyId", "key_id")));
        }

        return logs;
    }

    private static List<CertificateAuthority> ReadAuthorities(ProtoJson proto, JsonElement root, string camel, string snake)
    {
        var items = proto.Array(proto.Field(root, "$", camel, snake), $"$.{camel}", SigstoreLimits.MaxTrustedRootEntries);
        var authorities = new List<CertificateAuthority>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"$.{camel}[{i}]";
            var authority = items[i];
            proto.RequireObject(authority, path);
            string? organization = null, commonName = null;
            if (proto.Field(authority, path, "subject") is { } subject)
            {
                organization = proto.OptionalString(subject, $"{path}.subject", "organization");
                commonName = proto.OptionalString(subject, $"{path}.subject", "commonName", "common_name");
            }

            var chainPath = $"{path}.certChain";
            var chain = proto.RequireField(authority, path, "certChain", "cert_chain");
            var certificates = proto.Array(proto.Field(chain, chainPath, "certificates"), $"{chainPath}.certificates", SigstoreLimits.MaxCertificates);
            if (certificates.Count == 0)
                throw proto.Error($"{chainPath}.certificates", "is empty");
            var der = certificates.Select((c, j) => proto.RequireBytes(c, $"{chainPath}.certificates[{j}]", "rawBytes", "raw_bytes")).ToList();
            var (from, to) = ReadValidity(proto, proto.Field(authority, path, "validFor", "valid_for"), $"{path}.validFor");
            authorities.Add(new CertificateAuthority(organization, commonName, proto.OptionalString(authority, path, "uri"), der, from, to));
        }

        return authorities;
    }

    private static (DateTimeOffset From, DateTimeOffset? To) ReadValidity(ProtoJson proto, JsonElement? validFor, string path)
    {
        if (validFor is not { } range)
            throw proto.Error(path, "is missing; every key and authority needs a validity period with a start");
        proto.RequireObject(range, path);
        var start = proto.Field(range, path, "start") ?? throw proto.Error(path, "has no 'start'; an open start is not accepted");
        var from = proto.Timestamp(start, $"{path}.start");
        DateTimeOffset? to = proto.Field(range, path, "end") is { } end ? proto.Timestamp(end, $"{path}.end") : null;
        if (to < from)
            throw proto.Error(path, "ends before it starts");
        return (from, to);
    }
}
