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

    /// <summary>Size in bytes when discovered.</summary>
    public long Length { get; }

    /// <summary>Folder of <see cref="RelativePath"/>, '/'-separated, empty at the root.</summary>
    public string RelativeDirectory
    {
        get
        {
            var slash = RelativePath.LastIndexOf('/');
            return slash < 0 ? string.Empty : RelativePath[..slash];
        }
    }

    public override string ToString() => RelativePath;
}
