using ModelGate.Provenance.Locks;

namespace ModelGate.Provenance;

/// <summary>The report's view of a snapshot checked against a lock.</summary>
internal static class ProvenanceReport
{
    /// <param name="pathPrefix">Prepended to file paths so they are relative to the scanned folder; null when the snapshot is that folder.</param>
    public static ModelProvenance FromVerification(SnapshotVerification verification, string lockDisplay, string? pathPrefix) => new()
    {
        Repo = verification.Model.Repo.ToString(),
        RequestedRevision = verification.Model.Revision,
        Commit = verification.Model.Commit,
        Pin = ProvenancePin.Lock,
        Source = pathPrefix ?? verification.Folder,
        LockFile = lockDisplay,
        Files = [.. verification.Files.Select(f =>
        {
            var locked = verification.Model.FindFile(f.Path);
            return new ProvenanceFile(pathPrefix is null ? f.Path : $"{pathPrefix}/{f.Path}", Status(f.Status))
            {
                Size = locked?.Size,
                Sha256 = locked?.Sha256,
                GitBlobId = locked?.GitBlobId,
                Lfs = locked?.Lfs ?? false,
                Detail = f.Status == FileVerificationStatus.Verified ? null
                    : f.Detail ?? (f.Expected is null && f.Actual is null ? null : $"expected {f.Expected ?? "nothing"}, found {f.Actual ?? "nothing"}"),
            };
        })],
    };

    public static ProvenanceFileStatus Status(FileVerificationStatus status) => status switch
    {
        FileVerificationStatus.Verified => ProvenanceFileStatus.Verified,
        FileVerificationStatus.Changed => ProvenanceFileStatus.Changed,
        FileVerificationStatus.Missing => ProvenanceFileStatus.Missing,
        FileVerificationStatus.Unexpected => ProvenanceFileStatus.Unexpected,
        _ => ProvenanceFileStatus.Unverifiable,
    };
}
