namespace ModelGate.Formats.Archives;

/// <summary>One member of a 7z archive.</summary>
public sealed class SevenZipEntry
{
    internal SevenZipEntry(int index, string name, long size, long packedSize, bool isEncrypted, bool isDirectory)
    {
        Index = index;
        Name = name;
        Size = size;
        PackedSize = packedSize;
        IsEncrypted = isEncrypted;
        IsDirectory = isDirectory;
    }

    /// <summary>Position in the archive's file list.</summary>
    public int Index { get; }

    /// <summary>The stored name.</summary>
    public string Name { get; }

    /// <summary>Declared uncompressed size; never trusted for bounds.</summary>
    public long Size { get; }

    /// <summary>Packed size as SharpCompress reports it (in a solid archive, the folder's, shared by its members).</summary>
    public long PackedSize { get; }

    /// <summary>True when the member's folder is AES-encrypted; its data cannot be read.</summary>
    public bool IsEncrypted { get; }

    /// <summary>True for directory entries.</summary>
    public bool IsDirectory { get; }

    public override string ToString() => Name;
}
