using System.Security.Cryptography;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// The artifact a bundle is checked against: its bytes (a file, read as a stream) or only its SHA-256 digest
/// (the conformance protocol's <c>sha256:&lt;hex&gt;</c>). The file is hashed once when the input is made.
/// </summary>
internal sealed class ArtifactInput
{
    /// <summary>Pure Ed25519 (RFC 8032) signs the message, not a digest; only this much is read into memory for it.</summary>
    public const long MaxBytesForMessageSigning = 256L * 1024 * 1024;

    private readonly string? path;
    private readonly byte[]? content;

    private ArtifactInput(string? path, byte[]? content, byte[] sha256, string description)
    {
        this.path = path;
        this.content = content;
        Sha256 = sha256;
        Description = description;
    }

    public byte[] Sha256 { get; }

    public string Description { get; }

    public bool HasContent => path is not null || content is not null;

    public static ArtifactInput FromFile(string path)
    {
        using var stream = File.OpenRead(path);
        return new ArtifactInput(path, null, SHA256.HashData(stream), path);
    }

    public static ArtifactInput FromBytes(byte[] bytes, string description) =>
        new(null, bytes, SHA256.HashData(bytes), description);

    public static ArtifactInput FromSha256(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != SHA256.HashSizeInBytes)
            throw new ArgumentException($"a SHA-256 digest is 32 bytes, not {digest.Length}", nameof(digest));
        return new ArtifactInput(null, null, digest.ToArray(), "sha256:" + Convert.ToHexStringLower(digest));
    }

    /// <summary>Parses <c>sha256:&lt;64 hex&gt;</c>; null for anything else.</summary>
    public static ArtifactInput? TryParseDigest(string text)
    {
        const string prefix = "sha256:";
        if (!text.StartsWith(prefix, StringComparison.Ordinal) || text.Length != prefix.Length + 64)
            return null;
        var hex = text.AsSpan(prefix.Length);
        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
                return null;
        }

        return FromSha256(Convert.FromHexString(hex));
    }

    /// <summary>The artifact's digest under <paramref name="hash"/> (SHA-256 is already known; others re-read the content).</summary>
    public byte[]? Digest(HashAlgorithmName hash)
    {
        if (hash == HashAlgorithmName.SHA256)
            return Sha256;
        if (content is not null)
            return CryptographicOperations.HashData(hash, content);
        if (path is null)
            return null;
        using var stream = File.OpenRead(path);
        return CryptographicOperations.HashData(hash, stream);
    }

    /// <summary>The whole content, for signatures over the message itself; null when only a digest is known or it is too large.</summary>
    public byte[]? ReadContent()
    {
        if (content is not null)
            return content;
        if (path is null || new FileInfo(path).Length > MaxBytesForMessageSigning)
            return null;
        return File.ReadAllBytes(path);
    }
}
