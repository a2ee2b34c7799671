namespace ModelGate.Formats.Archives;

/// <summary>
/// An irregularity in an archive that a lenient loader accepts but a strict reader or a scanner may see
/// differently. Some are common in honest files (a data descriptor, prepended data); the engine decides
/// what each one weighs.
/// </summary>
public enum ArchiveAnomalyKind
{
    /// <summary>Zip: the central directory points at bytes that do not start with <c>PK\x03\x04</c>.</summary>
    LocalHeaderSignatureMissing,

    /// <summary>Zip: the local header cannot be read at all (offset beyond the end of the file).</summary>
    LocalHeaderUnreadable,

    /// <summary>Zip: the local header's name differs from the central directory's (CVE-2025-1944 class).</summary>
    LocalNameMismatch,

    /// <summary>Zip: general-purpose flags differ between the local header and the central directory.</summary>
    FlagsMismatch,

    /// <summary>Zip: the encryption flag (bit 0) is set; PyTorch's miniz reads the data as plaintext anyway (CVE-2025-1945 class).</summary>
    EncryptedFlag,

    /// <summary>Zip: flag bit 3, sizes and CRC follow the data in a data descriptor.</summary>
    DataDescriptor,

    /// <summary>Zip: compressed or uncompressed size differs between the local header and the central directory.</summary>
    SizeMismatch,

    /// <summary>Zip: CRC-32 differs between the local header and the central directory.</summary>
    CrcFieldMismatch,

    /// <summary>Zip: compression method differs between the local header and the central directory.</summary>
    MethodMismatch,

    /// <summary>Two entries with the same name; loaders disagree on which one wins.</summary>
    DuplicateName,

    /// <summary>Zip: two entries' byte ranges overlap (the overlapping-file zip-bomb construction, or a shared payload).</summary>
    OverlappingEntries,

    /// <summary>An entry's data extends past the end of the file.</summary>
    DataBeyondEndOfFile,

    /// <summary>A name contains a <c>..</c> segment.</summary>
    PathTraversal,

    /// <summary>A name is absolute: leading slash or backslash, or a drive letter.</summary>
    AbsolutePath,

    /// <summary>A name contains a backslash, a directory separator on Windows only.</summary>
    BackslashInName,

    /// <summary>A name contains a NUL character; C loaders cut the name there.</summary>
    NulInName,

    /// <summary>Zip: a compression method this reader cannot decode; the entry cannot be scanned.</summary>
    UnsupportedMethod,

    /// <summary>Zip: a local header in the file that no central directory entry references (exposed as an unlisted entry).</summary>
    UnlistedLocalEntry,

    /// <summary>Zip: bytes before the first entry (self-extracting style); offsets were shifted as Python's zipfile does.</summary>
    PrependedData,

    /// <summary>Zip: the end record's entry count differs from the entries found in the central directory.</summary>
    EntryCountMismatch,

    /// <summary>Zip: the central directory does not sit where the end record says (besides prepended data).</summary>
    CentralDirectoryMisplaced,

    /// <summary>Tar: the header checksum is wrong; Python's tarfile stops reading there.</summary>
    BadChecksum,

    /// <summary>Tar: a symbolic link entry (never followed).</summary>
    Symlink,

    /// <summary>Tar: a hard link entry (never followed).</summary>
    Hardlink,

    /// <summary>Tar: a character or block device or a FIFO.</summary>
    DeviceOrFifo,

    /// <summary>Tar: a type flag not defined by POSIX or GNU; Python's tarfile reads it as a regular file.</summary>
    UnknownEntryType,

    /// <summary>Tar: a link, directory or device header carries a non-zero size that loaders do not skip.</summary>
    SizeOnEntryWithoutData,

    /// <summary>Tar: a single zero block followed by more headers; Python's tarfile stops at the first zero block.</summary>
    DataAfterEndMarker,

    /// <summary>7z: the entry is encrypted and cannot be read.</summary>
    Encrypted,
}
