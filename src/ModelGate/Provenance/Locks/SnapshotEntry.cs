namespace ModelGate.Provenance.Locks;

/// <summary>
/// One file found in a snapshot folder.
/// </summary>
/// <param name="Path">Relative '/'-separated path inside the folder.</param>
/// <param name="ContentPath">The file whose bytes are the content: the path itself, or a symlink's resolved target.</param>
/// <param name="Size">The content size; 0 when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">Why the content must not be read (a symlink that leaves the allowed folders, dangles or names a folder); null when it may.</param>
internal sealed record SnapshotEntry(string Path, string ContentPath, long Size, string? Problem);
