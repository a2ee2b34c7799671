namespace ModelGate.Signatures.Tuf;

/// <summary>How the updater reads the repository: one whole file, at most <c>maxLength</c> bytes.</summary>
internal interface ITufFetcher
{
    /// <summary>The file's bytes, or null when the repository says it does not exist (HTTP 403 or 404, as §5.3.3 treats them).</summary>
    /// <exception cref="TufException">The download failed, took too long, or the file is longer than <paramref name="maxLength"/>.</exception>
    Task<byte[]?> FetchAsync(Uri uri, long maxLength, string what, CancellationToken cancellationToken);
}
