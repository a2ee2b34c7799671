using System.Text;

namespace ModelGate.Provenance.Hub;

/// <summary>
/// The huggingface_hub cache layout (huggingface_hub/file_download.py, "cache-system" docs), so that what
/// ModelGate verified is reused by transformers and friends and the other way round:
/// <code>
/// {root}/models--{owner}--{name}/
///   blobs/{etag}                       content, named by LFS sha256 or git blob id
///   blobs/{etag}.incomplete            a download in progress
///   snapshots/{commit}/{path}          relative symlink to ../../blobs/{etag} (one more ../ per folder in path)
///   refs/{revision}                    the commit a branch or tag pointed to (refs/pr/1 nests folders)
/// </code>
/// </summary>
internal sealed class HubCache(string root)
{
    /// <summary>A ref file holds one commit id; anything larger is not ours.</summary>
    private const int MaxRefFileBytes = 1024;

    public string Root { get; } = Path.GetFullPath(root);

    public string RepoFolder(HubRepoId repo) => Path.Combine(Root, repo.CacheFolderName);

    public string BlobPath(HubRepoId repo, string etag) => Path.Combine(RepoFolder(repo), "blobs", CheckEtag(etag));

    public string IncompletePath(HubRepoId repo, string etag) => BlobPath(repo, etag) + ".incomplete";

    public string SnapshotFolder(HubRepoId repo, string commit) => Path.Combine(RepoFolder(repo), "snapshots", CheckCommit(commit));

    /// <summary>Where a file of a snapshot lives (the symlink); the path is checked to stay inside the snapshot.</summary>
    public string SnapshotFilePath(HubRepoId repo, string commit, string path) =>
        Path.Combine(SnapshotFolder(repo, commit), CheckPath(path).Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// The commit a revision stands for in the cache: a full commit id whose snapshot folder exists is itself;
    /// otherwise <c>refs/{revision}</c>, if it holds a commit id. Null when the cache does not know the revision.
    /// </summary>
    public string? ResolveRef(HubRepoId repo, string revision)
    {
        if (HubPaths.IsSha1Hex(revision) && Directory.Exists(SnapshotFolder(repo, revision.ToLowerInvariant())))
            return revision.ToLowerInvariant();
        if (!HubPaths.IsSafeRevision(revision))
            return null;
        var refFile = RefPath(repo, revision);
        try
        {
            using var stream = new FileStream(refFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[MaxRefFileBytes + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
                total += read;
            if (total > MaxRefFileBytes)
                return null;
            var commit = Encoding.UTF8.GetString(buffer, 0, total).Trim();
            return HubPaths.IsSha1Hex(commit) ? commit.ToLowerInvariant() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Records that <paramref name="revision"/> resolved to <paramref name="commit"/>; atomic (temp file, then rename).</summary>
    public void WriteRef(HubRepoId repo, string revision, string commit)
    {
        if (!HubPaths.IsSafeRevision(revision))
            throw new ArgumentException($"'{HubModelInfoParser.Quote(revision)}' cannot be stored as a ref", nameof(revision));
        CheckCommit(commit);
        var refFile = RefPath(repo, revision);
        Directory.CreateDirectory(Path.GetDirectoryName(refFile)!);
        var temp = $"{refFile}.{Guid.NewGuid():N}.tmp";
        try
        {
            // huggingface_hub writes the bare commit, no newline.
            File.WriteAllText(temp, commit.ToLowerInvariant());
            File.Move(temp, refFile, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Moves a verified file into <c>blobs/{etag}</c> (a rename within the cache, so atomic). When the blob is
    /// already there (another process won the race) the new copy is deleted: both hold the same bytes.
    /// </summary>
    public void PlaceVerifiedBlob(HubRepoId repo, string etag, string verifiedFile)
    {
        var blob = BlobPath(repo, etag);
        Directory.CreateDirectory(Path.GetDirectoryName(blob)!);
        if (File.Exists(blob))
        {
            File.Delete(verifiedFile);
            return;
        }
        try
        {
            File.Move(verifiedFile, blob, overwrite: false);
        }
        catch (IOException) when (File.Exists(blob))
        {
            File.Delete(verifiedFile);
        }
    }

    /// <summary>
    /// Makes <c>snapshots/{commit}/{path}</c> a relative symlink to the blob, replacing what was there, as
    /// huggingface_hub's <c>_create_symlink</c> does. Where symlinks cannot be made (Windows without developer
    /// mode) the blob is copied instead, huggingface_hub's fallback too.
    /// </summary>
    public void LinkSnapshotFile(HubRepoId repo, string commit, string path, string etag)
    {
        var blob = BlobPath(repo, etag);
        var link = SnapshotFilePath(repo, commit, path);
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        var depth = path.Count(c => c == '/');
        var target = string.Concat(Enumerable.Repeat("../", depth + 2)) + "blobs/" + etag;
        if (Directory.Exists(link) && new FileInfo(link).LinkTarget is null)
            throw new IOException($"{link} is a folder; cannot link the file '{path}' there");
        File.Delete(link);
        try
        {
            File.CreateSymbolicLink(link, target.Replace('/', Path.DirectorySeparatorChar));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Copy(blob, link, overwrite: true);
        }
    }

    /// <summary>The files of a snapshot as '/'-separated repository paths, in ordinal order; empty when it is not cached.</summary>
    public IReadOnlyList<string> SnapshotFiles(HubRepoId repo, string commit)
    {
        var folder = SnapshotFolder(repo, commit);
        if (!Directory.Exists(folder))
            return [];
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None, IgnoreInaccessible = true };
        var files = Directory.EnumerateFiles(folder, "*", options)
            .Select(file => Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private string RefPath(HubRepoId repo, string revision) =>
        Path.Combine(RepoFolder(repo), "refs", revision.Replace('/', Path.DirectorySeparatorChar));

    private static string CheckEtag(string etag) => HubPaths.IsEtag(etag)
        ? etag
        : throw new ArgumentException($"'{HubModelInfoParser.Quote(etag)}' is not a blob name (40 or 64 hex digits)", nameof(etag));

    private static string CheckCommit(string commit) => HubPaths.IsSha1Hex(commit)
        ? commit
        : throw new ArgumentException($"'{HubModelInfoParser.Quote(commit)}' is not a commit id (40 hex digits)", nameof(commit));

    private static string CheckPath(string path) => HubPaths.IsSafeRelativePath(path)
        ? path
        : throw new ArgumentException($"'{HubModelInfoParser.Quote(path)}' is not a safe repository path", nameof(path));
}
