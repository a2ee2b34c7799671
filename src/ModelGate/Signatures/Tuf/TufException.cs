namespace ModelGate.Signatures.Tuf;

/// <summary>
/// A TUF update that must not be trusted or could not complete. The message names the metadata file (or
/// target), its version where known, and the check that failed, e.g. "snapshot.json: version 3 is lower than
/// the trusted version 5 (rollback)".
/// </summary>
internal sealed class TufException : Exception
{
    public TufException()
    {
    }

    public TufException(string message)
        : base(message)
    {
    }

    public TufException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
