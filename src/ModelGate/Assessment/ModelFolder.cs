using System.Text;

namespace ModelGate.Assessment;

/// <summary>
/// The files of the model folder being assessed: their relative paths (bounded count, version-control and
/// download-cache folders left out, links not followed) and bounded reads of the small text files the
/// assessment quotes (licences, use policies).
/// </summary>
internal sealed class ModelFolder
{
    public const int MaxFiles = 20_000;
    public const int MaxTextBytes = 1024 * 1024;

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { ".git", ".cache", ".hg", ".svn", "__pycache__", "node_modules" };

    private ModelFolder(string root, IReadOnlyList<string> files, bool truncated)
    {
        Root = root;
        Files = files;
        Truncated = truncated;
    }

    public string Root { get; }

    /// <summary>Relative '/'-separated paths in ordinal order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>True when the folder holds more than <see cref="MaxFiles"/> files and only the first were listed.</summary>
    public bool Truncated { get; }

    public static ModelFolder List(string root)
    {
        var files = new List<string>();
        var truncated = false;
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0 && !truncated)
        {
            var dir = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(dir).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = FileAttributes.None, IgnoreInaccessible = true });
                foreach (var entry in entries)
                {
                    if (entry.LinkTarget is not null)
                        continue;
                    if (entry is DirectoryInfo sub)
                    {
                        if (!SkippedFolders.Contains(sub.Name))
                            pending.Push(sub.FullName);
                        continue;
                    }
                    if (files.Count >= MaxFiles)
                    {
                        truncated = true;
                        break;
                    }
                    files.Add(Path.GetRelativePath(root, entry.FullName).Replace('\\', '/'));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // An unreadable folder lists nothing; discovery reports it for the scan.
            }
        }
        files.Sort(StringComparer.Ordinal);
        return new ModelFolder(root, files, truncated);
    }

    /// <summary>The file's text (invalid UTF-8 replaced), at most <see cref="MaxTextBytes"/> bytes of it; null when unreadable or outside the root.</summary>
    public string? ReadText(string relativePath)
    {
        string full;
        try
        {
            full = Path.GetFullPath(Path.Combine(Root, relativePath));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
        var rootFull = Path.GetFullPath(Root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootFull, StringComparison.Ordinal))
            return null;
        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            var buffer = new byte[(int)Math.Min(MaxTextBytes, stream.Length)];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var span = buffer.AsSpan(0, read);
            if (span.StartsWith("\xEF\xBB\xBF"u8))
                span = span[3..];
            return Encoding.UTF8.GetString(span);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True for a file at the folder's top level.</summary>
    public static bool AtTop(string relativePath) => !relativePath.Contains('/', StringComparison.Ordinal);
}
