namespace ModelGate.Remediation;

/// <summary>
/// A package index or wheelhouse could not answer: unreachable, timed out, kept failing (429/5xx after
/// retries), or answered with something that is not the PyPI JSON API (wrong content type, malformed or
/// oversized JSON). <see cref="Transient"/> says whether asking again later may help; a missing version is
/// not an exception (<see cref="DigestLookup.NotFound"/>).
/// </summary>
public sealed class PackageIndexException : Exception
{
    public PackageIndexException()
    {
    }

    public PackageIndexException(string message)
        : base(message)
    {
    }

    public PackageIndexException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PackageIndexException(string message, string? url, int? statusCode, bool transient, Exception? innerException = null)
        : base(message, innerException)
    {
        Url = url;
        StatusCode = statusCode;
        Transient = transient;
    }

    /// <summary>The URL asked, or the folder read.</summary>
    public string? Url { get; }

    /// <summary>The last HTTP status received, if any.</summary>
    public int? StatusCode { get; }

    /// <summary>The index was unreachable or overloaded (connection failure, timeout, 429, 5xx) rather than wrong.</summary>
    public bool Transient { get; }
}
