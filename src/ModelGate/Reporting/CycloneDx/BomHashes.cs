namespace ModelGate.Reporting.CycloneDx;

/// <summary>Our <c>algorithm:hex</c> hashes as CycloneDX <c>hash</c> objects (schema: <c>hash-alg</c>, <c>hash-content</c>).</summary>
internal static class BomHashes
{
    /// <summary>The CycloneDX algorithm name and the hex length its content must have; null for algorithms the schema does not list.</summary>
    public static (string Alg, int HexLength)? Algorithm(string name) => name.ToLowerInvariant() switch
    {
        "md5" => ("MD5", 32),
        "sha1" or "sha-1" => ("SHA-1", 40),
        "sha256" or "sha-256" => ("SHA-256", 64),
        "sha384" or "sha-384" => ("SHA-384", 96),
        "sha512" or "sha-512" => ("SHA-512", 128),
        "sha3-256" => ("SHA3-256", 64),
        "sha3-384" => ("SHA3-384", 96),
        "sha3-512" => ("SHA3-512", 128),
        "blake2b-256" => ("BLAKE2b-256", 64),
        "blake2b-384" => ("BLAKE2b-384", 96),
        "blake2b-512" or "blake2b" => ("BLAKE2b-512", 128),
        _ => null,
    };

    /// <summary>
    /// <c>sha256:abcd…</c> strings to (alg, content) pairs, lowercase hex, distinct, in a stable order. Hashes of
    /// an algorithm the schema lacks or of the wrong length are left out rather than written invalid.
    /// </summary>
    public static IReadOnlyList<(string Alg, string Content)> From(IEnumerable<string> hashes)
    {
        var result = new SortedSet<(string, string)>();
        foreach (var hash in hashes)
        {
            var colon = hash.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                continue;
            if (Of(hash[..colon], hash[(colon + 1)..]) is { } pair)
                result.Add(pair);
        }
        return [.. result];
    }

    public static (string Alg, string Content)? Of(string algorithm, string hex)
    {
        if (Algorithm(algorithm) is not var (alg, length) || hex.Length != length || !hex.All(char.IsAsciiHexDigit))
            return null;
        return (alg, hex.ToLowerInvariant());
    }
}
