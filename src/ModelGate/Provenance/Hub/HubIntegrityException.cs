namespace ModelGate.Provenance.Hub;

/// <summary>
/// A downloaded file whose bytes differ from what the Hub published. Hashes are algorithm-prefixed
/// ("sha256:...", "git-blob:...") so a message or report shows which hash was compared.
/// </summary>
internal sealed class HubIntegrityException : HubException
{
    public HubIntegrityException()
    {
    }

    public HubIntegrityException(string message)
        : base(HubErrorKind.Integrity, message)
    {
    }

    public HubIntegrityException(string message, Exception innerException)
        : base(HubErrorKind.Integrity, message, innerException)
    {
    }

    public HubIntegrityException(string message, string path, long? expectedSize, long actualSize, string? expectedHash, string? actualHash)
        : base(HubErrorKind.Integrity, message)
    {
        Path = path;
        ExpectedSize = expectedSize;
        ActualSize = actualSize;
        ExpectedHash = expectedHash;
        ActualHash = actualHash;
    }

    /// <summary>The repository path of the file.</summary>
    public string Path { get; } = "";

    public long? ExpectedSize { get; }

    public long ActualSize { get; }

    public string? ExpectedHash { get; }

    public string? ActualHash { get; }
}
