namespace ModelGate.Provenance.Locks;

/// <summary>
/// A lock file cannot be read (the message names the file, the JSON location and the reason), or a lock
/// entry cannot be made from what the Hub or a folder provided.
/// </summary>
internal sealed class LockFileException : Exception
{
    public LockFileException(string message)
        : base(message)
    {
    }

    public LockFileException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public LockFileException()
    {
    }
}
