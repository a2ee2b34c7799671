namespace ModelGate.Provenance.Digests;

/// <summary>One file's result when many are hashed and a failure must not hide the others: digests or the error.</summary>
/// <param name="Path">The path as given.</param>
/// <param name="Digests">The digests, or null when the file could not be read.</param>
/// <param name="Error">Why the file could not be read (an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>, whose message names the file); null on success.</param>
internal sealed record FileHashOutcome(string Path, FileDigests? Digests, Exception? Error);
