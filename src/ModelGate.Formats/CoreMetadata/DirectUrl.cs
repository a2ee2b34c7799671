namespace ModelGate.Formats.CoreMetadata;

/// <summary>
/// direct_url.json ("Direct URL data structure"): how a distribution installed from a URL, a VCS or a
/// local folder was obtained.
/// </summary>
/// <param name="Url">The URL as recorded (file:// for local folders and archives).</param>
/// <param name="Editable"><c>dir_info.editable</c>: installed in development mode.</param>
/// <param name="IsDirectory">A <c>dir_info</c> installation (local folder).</param>
/// <param name="Vcs"><c>vcs_info.vcs</c> (git, hg, bzr, svn), or null.</param>
/// <param name="CommitId"><c>vcs_info.commit_id</c>, or null.</param>
/// <param name="RequestedRevision"><c>vcs_info.requested_revision</c>, or null.</param>
/// <param name="Subdirectory"><c>subdirectory</c>, or null.</param>
/// <param name="ArchiveHashes"><c>archive_info.hashes</c> (and the legacy <c>archive_info.hash</c>) as <c>algorithm:hex</c>.</param>
public sealed record DirectUrl(string Url, bool Editable, bool IsDirectory, string? Vcs, string? CommitId, string? RequestedRevision, string? Subdirectory, IReadOnlyList<string> ArchiveHashes)
{
    /// <summary>pip's requirement form of the reference: <c>git+URL@commit#subdirectory=...</c> for VCS, else the URL.</summary>
    public string Reference
    {
        get
        {
            var result = Vcs is null ? Url : $"{Vcs}+{Url}" + (CommitId is null ? string.Empty : "@" + CommitId);
            return Subdirectory is null ? result : $"{result}#subdirectory={Subdirectory}";
        }
    }
}
