namespace ModelGate.Provenance.Hub;

/// <summary>
/// A Hub exchange that failed, with a message naming the repository (and file) and saying what to do. The
/// message never contains the token.
/// </summary>
internal class HubException : Exception
{
    public HubException()
    {
    }

    public HubException(string message)
        : base(message)
    {
    }

    public HubException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HubException(HubErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public HubErrorKind Kind { get; } = HubErrorKind.Protocol;
}
