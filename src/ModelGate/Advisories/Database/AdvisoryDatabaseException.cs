namespace ModelGate.Advisories.Database;

/// <summary>
/// The advisory database file cannot be used: missing, not SQLite, not ours, from a newer schema, truncated or
/// corrupt, or it could not be written. The message names the file; the CLI shows it and exits with a usage
/// or environment error rather than auditing against a database it cannot trust.
/// </summary>
public sealed class AdvisoryDatabaseException : Exception
{
    public AdvisoryDatabaseException(string path, string message)
        : base(message)
    {
        Path = path;
    }

    public AdvisoryDatabaseException(string path, string message, Exception innerException)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The database file the message is about; empty when no file could be named (no cache folder).</summary>
    public string Path { get; }
}
