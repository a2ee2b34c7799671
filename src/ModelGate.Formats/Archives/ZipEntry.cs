namespace ModelGate.Formats.Archives;

/// <summary>
/// One zip member as a lenient loader sees it: names, flags and sizes from the central directory (PKWARE
/// APPNOTE.TXT 4.3.12), the data position from the local header (4.3.7) as miniz computes it.
/// </summary>
public sealed class ZipEntry
{
    internal ZipEntry(string name, string? localName, ushort method, ushort flags, uint crc32, long compressedSize, long uncompressedSize, long localHeaderOffset, long dataOffset, bool isUnlisted)
    {
        Name = name;
        LocalName = localName;
        Method = method;
        Flags = flags;
        Crc32 = crc32;
        CompressedSize = compressedSize;
        UncompressedSize = uncompressedSize;
        LocalHeaderOffset = localHeaderOffset;
        DataOffset = dataOffset;
        IsUnlisted = isUnlisted;
    }

    /// <summary>The central directory name, UTF-8 when flag bit 11 is set, else code page 437 (APPNOTE appendix D).</summary>
    public string Name { get; }

    /// <summary>The local header's name, decoded the same way; null when the local header could not be read.</summary>
    public string? LocalName { get; }

    /// <summary>Compression method (0 stored, 8 deflate, 9 deflate64, 12 bzip2, 14 LZMA, 93 zstd, 95 xz).</summary>
    public ushort Method { get; }

    /// <summary>General-purpose bit flags from the central directory.</summary>
    public ushort Flags { get; }

    /// <summary>CRC-32 of the uncompressed data, as the central directory declares it.</summary>
    public uint Crc32 { get; }

    /// <summary>Compressed size (zip64 extra field when the 32-bit field is 0xFFFFFFFF).</summary>
    public long CompressedSize { get; }

    /// <summary>Declared uncompressed size; never trusted for bounds.</summary>
    public long UncompressedSize { get; }

    /// <summary>Offset of the local header, already shifted by any prepended data.</summary>
    public long LocalHeaderOffset { get; }

    /// <summary>
    /// Offset of the member's data: local header offset + 30 + the local header's name length + its extra
    /// length, as PyTorch's <c>getRecordOffset</c> computes it. -1 when the local header is beyond the file.
    /// </summary>
    public long DataOffset { get; }

    /// <summary>True for names ending in '/' (APPNOTE 4.3.8: a directory entry).</summary>
    public bool IsDirectory => Name.EndsWith('/');

    /// <summary>Flag bit 0, "encrypted". PyTorch ignores it and reads the bytes as plaintext, and so does <see cref="ZipEntryReader"/>.</summary>
    public bool IsEncryptedFlag => (Flags & 1) != 0;

    /// <summary>True for an entry found by scanning for local headers, not listed in the central directory.</summary>
    public bool IsUnlisted { get; }

    public override string ToString() => Name;
}
