namespace ModelGate.Provenance.Locks;

/// <summary>
/// A snapshot folder compared with one lock entry.
/// </summary>
/// <param name="Model">The lock entry.</param>
/// <param name="Folder">The folder verified, as given.</param>
/// <param name="DetectedCommit">The commit the folder says it holds (cache path or local-dir metadata); null when it does not say.</param>
/// <param name="Files">Every locked and every present file, by ordinal path.</param>
internal sealed record SnapshotVerification(LockedModel Model, string Folder, string? DetectedCommit, IReadOnlyList<FileVerification> Files)
{
    /// <summary>True when the folder names a commit other than the locked one.</summary>
    public bool CommitDiffers => DetectedCommit is not null && !string.Equals(DetectedCommit, Model.Commit, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when every file verified and the commit, when known, is the locked one.</summary>
    public bool Succeeded => !CommitDiffers && Files.All(f => f.Status == FileVerificationStatus.Verified);
}
