namespace ModelGate.Advisories;

/// <summary>A whole advisory source is unusable: missing, not an archive, or past an archive-wide bound.</summary>
public sealed class AdvisorySourceException : Exception
{
    public AdvisorySourceException(string message)
        : base(message)
    {
    }

    public AdvisorySourceException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public AdvisorySourceException()
    {
    }
}
