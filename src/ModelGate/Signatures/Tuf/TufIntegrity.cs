using System.Globalization;
using System.Security.Cryptography;

namespace ModelGate.Signatures.Tuf;

/// <summary>Signature thresholds (§5.3.5, §5.4.2, §5.5.3, §5.6.3) and length and hash checks (§5.5.2, §5.6.2, §5.7.3).</summary>
internal static class TufIntegrity
{
    /// <summary>
    /// Requires <paramref name="role"/>'s threshold of valid signatures by distinct key ids of that role, as
    /// <paramref name="delegator"/> defines it.
    /// </summary>
    public static void RequireThreshold(TufMetadata metadata, TufRoot delegator, string role, string whose)
    {
        var definition = delegator.Roles[role];
        var signatures = metadata.Signatures.ToDictionary(s => s.KeyId, s => s.Value, StringComparer.Ordinal);
        // One key listed under two key ids counts once (the go-tuf < 0.3.2 flaw, GHSA-3633-5h82-39pq): the threshold is about distinct signers.
        var signers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keyId in definition.KeyIds)
        {
            if (delegator.Keys.TryGetValue(keyId, out var key)
                && signatures.TryGetValue(keyId, out var signature)
                && key.Verify(metadata.SignedCanonical, signature))
                signers.Add(key.Identity);
        }
        if (signers.Count < definition.Threshold)
            throw new TufException(string.Create(CultureInfo.InvariantCulture,
                $"{metadata.File}: version {metadata.Version} has {signers.Count} valid signature(s) by the {role} keys of {whose}; the threshold is {definition.Threshold}"));
    }

    /// <summary>Requires the exact length (when given) and every listed hash; an unknown hash algorithm fails, it is never skipped.</summary>
    public static void RequireLengthAndHashes(byte[] bytes, long? length, IReadOnlyDictionary<string, string> hashes, string what)
    {
        if (length is { } expected && bytes.LongLength != expected)
            throw new TufException(string.Create(CultureInfo.InvariantCulture,
                $"{what}: {bytes.LongLength} bytes, but {expected} are expected (length mismatch)"));
        foreach (var (algorithm, hex) in hashes.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            var actual = Hash(algorithm, bytes)
                ?? throw new TufException($"{what}: hash algorithm \"{Net.ServerText.Quote(algorithm, 40)}\" is not supported (sha256, sha384, sha512 are)");
            if (!string.Equals(actual, hex, StringComparison.Ordinal))
                throw new TufException($"{what}: {algorithm} is {actual}, but {Net.ServerText.Quote(hex, 140)} is expected (hash mismatch)");
        }
    }

    /// <summary>Whether the bytes have this length (when given) and these hashes: a cached file that still matches is reused.</summary>
    public static bool Matches(byte[] bytes, long? length, IReadOnlyDictionary<string, string> hashes)
    {
        try
        {
            RequireLengthAndHashes(bytes, length, hashes, "cached file");
            return true;
        }
        catch (TufException)
        {
            return false;
        }
    }

    public static string? Hash(string algorithm, byte[] bytes) => algorithm switch
    {
        "sha256" => Convert.ToHexStringLower(SHA256.HashData(bytes)),
        "sha384" => Convert.ToHexStringLower(SHA384.HashData(bytes)),
        "sha512" => Convert.ToHexStringLower(SHA512.HashData(bytes)),
        _ => null,
    };
}
