namespace ModelGate.Provenance.Locks;

/// <summary>
/// Lists the files of a model snapshot folder as repository paths. Skips what tools keep beside the model:
/// <c>.git/</c>, <c>.cache/huggingface/</c> (<c>hf download --local-dir</c> metadata) and a top-level
/// <c>modelgate.lock.json</c>. Symbolic links are followed only when their final target stays inside the
/// folder itself or, for a huggingface_hub cache snapshot (<c>models--o--n/snapshots/{commit}</c>), inside
/// <c>models--o--n</c> (the snapshot's links point into <c>../../blobs/</c>); any other link is listed with
/// a problem and never read. Symbolic links to folders are never descended. FIFOs and devices report size 0, and
/// readers never open a file of size 0 (its digests are those of no bytes), so they cannot block a verification.
/// </summary>
internal static class SnapshotFiles
{
    /// <summary>Nesting the walk goes into; deeper folders are listed as a problem entry rather than recursed.</summary>
    public const int MaxDepth = 64;

    public static IReadOnlyList<SnapshotEntry> List(string folder)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"{folder}: the snapshot folder does not exist");
        var allowedRoots = AllowedRoots(root);
        var entries = new List<SnapshotEntry>();
        var pending = new Stack<(string Directory, string Prefix, int Depth)>();
        pending.Push((root, string.Empty, 0));
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = false,
            IgnoreInaccessible = false,
            AttributesToSkip = FileAttributes.None,
            ReturnSpecialDirectories = false,
        };
        while (pending.Count > 0)
        {
            var (directory, prefix, depth) = pending.Pop();
            foreach (var info in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", options))
            {
                var relative = prefix + info.Name;
                if (IsSkipped(relative))
                    continue;
                if (info.LinkTarget is not null)
                {
                    entries.Add(ResolveLink(info, relative, allowedRoots));
                }
                else if (info is DirectoryInfo)
                {
                    if (depth + 1 >= MaxDepth)
                        entries.Add(new SnapshotEntry(relative, info.FullName, 0, $"folder nesting deeper than {MaxDepth} levels was not read"));
                    else
                        pending.Push((info.FullName, relative + "/", depth + 1));
                }
                else if (info is FileInfo file)
                {
                    entries.Add(new SnapshotEntry(relative, file.FullName, file.Length, null));
                }
            }
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }

    /// <summary>True for what the walk leaves out (relative '/'-path).</summary>
    public static bool IsSkipped(string relative) =>
        relative is ".git" or ModelLock.DefaultFileName or ".cache/huggingface"
        || relative.StartsWith(".git/", StringComparison.Ordinal)
        || relative.StartsWith(".cache/huggingface/", StringComparison.Ordinal);

    /// <summary>The repository's cache folder when <paramref name="root"/> is <c>models--o--n/snapshots/{name}</c>, else null.</summary>
    public static string? CacheRepoFolder(string root)
    {
        var snapshots = Path.GetDirectoryName(root);
        if (snapshots is null || Path.GetFileName(snapshots) != "snapshots")
            return null;
        var repoFolder = Path.GetDirectoryName(snapshots);
        return repoFolder is not null && Path.GetFileName(repoFolder).StartsWith("models--", StringComparison.Ordinal) ? repoFolder : null;
    }

    private static string[] AllowedRoots(string root) => CacheRepoFolder(root) is { } repoFolder ? [root, repoFolder] : [root];

    private static SnapshotEntry ResolveLink(FileSystemInfo link, string relative, string[] allowedRoots)
    {
        FileSystemInfo? target;
        try
        {
            target = link.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException e)
        {
            return new SnapshotEntry(relative, link.FullName, 0, $"symbolic link cannot be resolved ({e.Message})");
        }
        if (target is null)
            return new SnapshotEntry(relative, link.FullName, 0, "symbolic link cannot be resolved");
        var targetPath = Path.GetFullPath(target.FullName);
        var inside = allowedRoots.FirstOrDefault(r => targetPath == r || IsUnder(targetPath, r));
        if (inside is null)
            return new SnapshotEntry(relative, targetPath, 0, $"symbolic link to '{targetPath}', outside the snapshot and its cache folder; not followed");
        if (LinkedFolderBetween(targetPath, inside) is { } linkedFolder)
            return new SnapshotEntry(relative, targetPath, 0, $"symbolic link through the linked folder '{linkedFolder}'; not followed");
        target.Refresh();
        if (target is DirectoryInfo || Directory.Exists(targetPath))
            return new SnapshotEntry(relative, targetPath, 0, "symbolic link to a folder; not followed");
        if (!target.Exists)
            return new SnapshotEntry(relative, targetPath, 0, $"symbolic link to '{targetPath}', which does not exist");
        return new SnapshotEntry(relative, targetPath, new FileInfo(targetPath).Length, null);
    }

    /// <summary>A folder between <paramref name="root"/> and the file that is itself a link (so the path could lead anywhere).</summary>
    private static string? LinkedFolderBetween(string file, string root)
    {
        for (var directory = Path.GetDirectoryName(file); directory is not null && directory.Length > root.Length; directory = Path.GetDirectoryName(directory))
        {
            if (new DirectoryInfo(directory).LinkTarget is not null)
                return directory;
        }
        return null;
    }

    private static bool IsUnder(string path, string root) =>
        path.Length > root.Length + 1 && path.StartsWith(root, StringComparison.Ordinal) && path[root.Length] == Path.DirectorySeparatorChar;
}
