namespace ModelGate.Discovery;

/// <summary>A regular file found under the scan target. Extractors read it only through <see cref="Extractors.ExtractionContext"/>.</summary>
public sealed class DiscoveredFile
{
    public DiscoveredFile(string fullPath, string relativePath, long length)
    {
        FullPath = fullPath;
        RelativePath = relativePath;
        Length = length;
        FileName = Path.GetFileName(fullPath);
    }

    /// <summary>Absolute path on disk.</summary>
    public string FullPath { get; }

    /// <summary>Path relative to the scan root, '/'-separated; what reports show.</summary>
    public string RelativePath { get; }

    /// <summary>The last path segment, e.g. <c>requirements-dev.txt</c>.</summary>
    public string FileName { get; }

    /// <summary>True when the user named this file as the target (not found by walking a folder).</summary>
    internal bool IsExplicitTarget { get; init; }

    /// <summary>Size in bytes when discovered.</summary>
    public long Length { get; }

    /// <summary>Folder of <see cref="RelativePath"/>, '/'-separated, empty at the root.</summary>
    public string RelativeDirectory => Inventory.SourceLocation.FolderOf(RelativePath);

    /// <summary>
    /// Up to <paramref name="count"/> leading bytes, for magic-number checks in <c>CanExtract</c>.
    /// Empty when the file cannot be read; the extractor that claims it reports the problem.
    /// </summary>
    public byte[] ReadPrefix(int count)
    {
        try
        {
            using var stream = new FileStream(FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            var buffer = new byte[(int)Math.Min(count, stream.Length)];
            stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return buffer;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public override string ToString() => RelativePath;
}
