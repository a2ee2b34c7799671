namespace ModelGate.Advisories.Api;

/// <summary>
/// The OSV API could not be used: unreachable, too slow, kept failing, or answered with something that is not
/// an OSV answer. The one exception type the client throws (besides <see cref="OperationCanceledException"/>
/// when the caller cancels); its message names the server and says what happened, for the user to act on.
/// </summary>
internal sealed class OsvApiException : Exception
{
    public OsvApiException(string message)
        : base(message)
    {
    }

    public OsvApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
