using ModelGate.Inventory;

namespace ModelGate.Discovery;

/// <summary>
/// Walks a target folder and lists the regular files extractors may claim. Skips version-control and
/// tool folders, and virtual environments unless asked. Never follows a symbolic link to a folder, nor one
/// out of the target (a link loop or a link out of the project must not steer the walk); a link to a file
/// inside the target, or into the <c>blobs/</c> of the Hugging Face cache repository the target sits in, is
/// listed under the link's own path: that is how cache snapshots hold every file, and a scan that skipped
/// them would pass a snapshot it never read. Empty files are not listed: FIFOs and
/// devices also report length 0, and opening a FIFO would block. Problems become diagnostics, not exceptions.
/// </summary>
internal static class FileDiscovery
{
    /// <summary>Folders never worth reading: version control, caches, other ecosystems' package trees.</summary>
    private static readonly HashSet<string> SkippedFolderNames = new(StringComparer.Ordinal)
    {
        ".git", ".hg", ".svn", "node_modules", "__pycache__", ".mypy_cache", ".pytest_cache",
        ".ruff_cache", ".tox", ".nox", ".idea", ".vscode",
    };

    /// <summary>Most files listed from one target; a larger tree is reported, not silently truncated.</summary>
    internal const int MaxFiles = 2_000_000;

    /// <summary>Deepest folder nesting followed.</summary>
    internal const int MaxDepth = 64;

    public static DiscoveryResult Discover(string root, bool includeVirtualEnvironments)
    {
        var files = new List<DiscoveredFile>();
        var diagnostics = new List<Diagnostic>();
        // The target itself is walked even when it is a virtual environment or site-packages: the user named it.
        var pending = new Stack<(string Path, int Depth)>();
        pending.Push((root, 0));
        while (pending.Count > 0)
        {
            var (dir, depth) = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(dir).EnumerateFileSystemInfos("*", new EnumerationOptions
                {
                    AttributesToSkip = FileAttributes.None,
                    IgnoreInaccessible = false,
                    RecurseSubdirectories = false,
                    ReturnSpecialDirectories = false,
                }).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(new Diagnostic(Findings.Rules.UnreadableInput.Id, $"folder could not be listed: {ex.Message}", new SourceLocation(Relative(root, dir))));
                continue;
            }

            var subfolders = new List<string>();
            foreach (var entry in entries)
            {
                if (entry.LinkTarget is not null)
                {
                    if (entry is FileInfo link && LinkedFile(link, root) is { } target)
                        files.Add(new DiscoveredFile(link.FullName, Relative(root, link.FullName), target.Length));
                    continue;
                }
                if (entry is DirectoryInfo sub)
                {
                    if (SkippedFolderNames.Contains(sub.Name))
                        continue;
                    if (!includeVirtualEnvironments && IsVirtualEnvironment(sub.FullName))
                        continue;
                    if (depth + 1 > MaxDepth)
                    {
                        diagnostics.Add(new Diagnostic(Findings.Rules.InputLimitExceeded.Id, $"folder nesting deeper than {MaxDepth} levels is not walked", new SourceLocation(Relative(root, sub.FullName))));
                        continue;
                    }
                    subfolders.Add(sub.FullName);
                }
                else if (entry is FileInfo file)
                {
                    if (files.Count >= MaxFiles)
                    {
                        diagnostics.Add(new Diagnostic(Findings.Rules.InputLimitExceeded.Id, $"more than {MaxFiles} files: the rest of the tree was not scanned", new SourceLocation(Relative(root, dir))));
                        return new DiscoveryResult(files, diagnostics);
                    }
                    if (file.Length > 0)
                        files.Add(new DiscoveredFile(file.FullName, Relative(root, file.FullName), file.Length));
                }
            }
            // Pushed in reverse so folders are visited in name order.
            for (var i = subfolders.Count - 1; i >= 0; i--)
                pending.Push((subfolders[i], depth + 1));
        }
        return new DiscoveryResult(files, diagnostics);
    }

    /// <summary>
    /// The non-empty file a symbolic link finally points to, when it lies inside the target or in the blob
    /// store of the Hugging Face cache repository (<c>models--org--name/blobs/</c>) that holds the target;
    /// else null (a folder, a dangling or looping link, a link elsewhere).
    /// </summary>
    private static FileInfo? LinkedFile(FileInfo link, string root)
    {
        FileInfo target;
        try
        {
            if (link.ResolveLinkTarget(returnFinalTarget: true) is not FileInfo { Exists: true, Length: > 0 } resolved)
                return null;
            target = resolved;
        }
        catch (IOException)
        {
            return null;
        }
        var full = Path.GetFullPath(target.FullName);
        if (full.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return target;
        for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
        {
            if (dir.Name.StartsWith("models--", StringComparison.Ordinal) || dir.Name.StartsWith("datasets--", StringComparison.Ordinal) || dir.Name.StartsWith("spaces--", StringComparison.Ordinal))
                return Path.GetDirectoryName(full) == Path.Combine(dir.FullName, "blobs") ? target : null;
        }
        return null;
    }

    /// <summary>
    /// A virtual environment has <c>pyvenv.cfg</c> at its root (PEP 405); conda environments have
    /// <c>conda-meta/</c>. Folder names like ".venv" alone are not trusted: a project may name anything so.
    /// </summary>
    internal static bool IsVirtualEnvironment(string folder) =>
        File.Exists(Path.Combine(folder, "pyvenv.cfg")) || Directory.Exists(Path.Combine(folder, "conda-meta"));

    internal static string Relative(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        return relative == "." ? string.Empty : relative;
    }
}

internal sealed record DiscoveryResult(IReadOnlyList<DiscoveredFile> Files, IReadOnlyList<Diagnostic> Diagnostics);
