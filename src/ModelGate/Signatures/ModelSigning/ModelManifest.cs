using System.Security.Cryptography;

namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// A model as the format sees it: every file (or shard) with its digest, in the reference's canonical order, and
/// the options it was built with.
/// </summary>
/// <param name="ModelName">The model folder's (or file's) name; informative only, it does not affect verification.</param>
/// <param name="Serialization">How the manifest was built.</param>
/// <param name="Resources">The entries, sorted by <see cref="ResourceOrder"/>.</param>
internal sealed record ModelManifest(string ModelName, SerializationOptions Serialization, IReadOnlyList<ManifestResource> Resources)
{
    /// <summary>
    /// The statement subject's digest: SHA-256 over the resource digests' bytes, concatenated in order
    /// (model_signing <c>signing.Payload</c>).
    /// </summary>
    public string RootDigest()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var resource in Resources)
            hash.AppendData(Convert.FromHexString(resource.Digest));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
