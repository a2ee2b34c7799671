namespace ModelGate.Provenance.Hub;

/// <summary>
/// One attempt that failed in a way another attempt may fix (429, 5xx, a broken or stalled connection, a
/// resume the server refused). Stays inside <see cref="HubClient"/>: callers only ever see <see cref="HubException"/>.
/// </summary>
internal sealed class HubRetryableFailure : Exception
{
    public HubRetryableFailure()
    {
    }

    public HubRetryableFailure(string message)
        : base(message)
    {
    }

    public HubRetryableFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HubRetryableFailure(HubErrorKind kind, string message, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        RetryAfter = retryAfter;
    }

    /// <summary>The kind reported if this is the last attempt.</summary>
    public HubErrorKind Kind { get; } = HubErrorKind.Network;

    /// <summary>The wait the server asked for, or zero to retry at once; null for the usual backoff.</summary>
    public TimeSpan? RetryAfter { get; }
}
