namespace ModelGate.Inventory;

/// <summary>
/// Where something was declared: a path relative to the scan root with '/' separators, and a 1-based
/// line when the format has lines. Byte offsets are for binary formats.
/// </summary>
public sealed record SourceLocation(string Path, int? Line = null, long? Offset = null)
{
    /// <summary>The folder of <see cref="Path"/>, '/'-separated, empty at the root.</summary>
    public string Folder => FolderOf(Path);

    /// <summary>The folder part of a '/'-separated relative path.</summary>
    internal static string FolderOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }

    public override string ToString() => Line is int l ? $"{Path}:{l}" : Offset is long o ? $"{Path}@{o}" : Path;
}
