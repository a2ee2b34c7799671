namespace ModelGate.Formats.CoreMetadata;

/// <summary>
/// One row of a dist-info RECORD: the installed path, its hash as <c>algorithm:hex</c> (null for files
/// recorded without one, such as RECORD itself and .pyc files) and its size in bytes.
/// </summary>
public sealed record RecordEntry(string Path, string? Hash, long? Size, int Line);

/// <summary>A RECORD row that could not be read.</summary>
public sealed record RecordError(int Line, string Message);

/// <summary>Every row of a RECORD file, good and bad.</summary>
public sealed record RecordFile(IReadOnlyList<RecordEntry> Entries, IReadOnlyList<RecordError> Errors);
