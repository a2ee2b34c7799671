namespace ModelGate.Formats.Archives;

/// <summary>An irregularity found while reading an archive.</summary>
/// <param name="Kind">What kind of irregularity.</param>
/// <param name="EntryName">The entry it concerns (the central directory name for zip), or null for the archive as a whole.</param>
/// <param name="Offset">Byte offset in the archive where it shows, when known.</param>
/// <param name="Message">A specific description.</param>
public sealed record ArchiveAnomaly(ArchiveAnomalyKind Kind, string? EntryName, long? Offset, string Message);
