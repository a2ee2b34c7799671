namespace ModelGate.Provenance.Locks;

/// <summary>
/// The result for one file.
/// </summary>
/// <param name="Path">The repository path ('/'-separated, relative to the verified folder).</param>
/// <param name="Status">The outcome.</param>
/// <param name="Expected">What the lock pins, as <c>sha256:…</c>, <c>git-blob:…</c> or <c>size 123</c>; null when nothing is expected.</param>
/// <param name="Actual">What was found, in the same form; null when nothing was found or read.</param>
/// <param name="Detail">A sentence explaining the status when the pair does not say it all (a symlink, a read error).</param>
internal sealed record FileVerification(string Path, FileVerificationStatus Status, string? Expected, string? Actual, string? Detail);
