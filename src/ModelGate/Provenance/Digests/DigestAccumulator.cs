using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ModelGate.Provenance.Digests;

/// <summary>
/// Computes several digests over bytes fed in order, in one pass: for files read from disk and for downloads
/// hashed as they arrive. Not thread-safe; one per stream.
/// </summary>
internal sealed class DigestAccumulator : IDisposable
{
    private readonly IncrementalHash? _sha256;
    private readonly IncrementalHash? _gitBlob;
    private readonly IncrementalHash? _sha1;
    private readonly IncrementalHash? _sha384;
    private readonly IncrementalHash? _sha512;
    private readonly long _declaredLength;
    private long _length;

    /// <param name="kinds">The digests to compute.</param>
    /// <param name="declaredLength">
    /// The content length, needed up front for <see cref="DigestKinds.GitBlobSha1"/> (git hashes "blob {length}\0"
    /// before the content). When the bytes fed end up a different length, the git blob id is not reported.
    /// </param>
    public DigestAccumulator(DigestKinds kinds, long declaredLength)
    {
        _declaredLength = declaredLength;
        if (kinds.HasFlag(DigestKinds.Sha256))
            _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (kinds.HasFlag(DigestKinds.GitBlobSha1))
        {
            _gitBlob = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
            _gitBlob.AppendData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"blob {declaredLength}\0")));
        }
        if (kinds.HasFlag(DigestKinds.Sha1))
            _sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        if (kinds.HasFlag(DigestKinds.Sha384))
            _sha384 = IncrementalHash.CreateHash(HashAlgorithmName.SHA384);
        if (kinds.HasFlag(DigestKinds.Sha512))
            _sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
    }

    /// <summary>Bytes fed so far.</summary>
    public long Length => _length;

    public void Append(ReadOnlySpan<byte> data)
    {
        _sha256?.AppendData(data);
        _gitBlob?.AppendData(data);
        _sha1?.AppendData(data);
        _sha384?.AppendData(data);
        _sha512?.AppendData(data);
        _length += data.Length;
    }

    /// <summary>The digests of everything fed; call once.</summary>
    public FileDigests Complete() => new(_length)
    {
        Sha256 = Finish(_sha256),
        GitBlobSha1 = _length == _declaredLength ? Finish(_gitBlob) : null,
        Sha1 = Finish(_sha1),
        Sha384 = Finish(_sha384),
        Sha512 = Finish(_sha512),
    };

    private static string? Finish(IncrementalHash? hash) => hash is null ? null : Convert.ToHexStringLower(hash.GetHashAndReset());

    public void Dispose()
    {
        _sha256?.Dispose();
        _gitBlob?.Dispose();
        _sha1?.Dispose();
        _sha384?.Dispose();
        _sha512?.Dispose();
    }
}
