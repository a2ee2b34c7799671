namespace ModelGate.Formats.Archives;

/// <summary>What a tar header describes (POSIX ustar type flags, IEEE 1003.1 "pax" section; GNU tar manual "Standard").</summary>
public enum TarEntryKind
{
    /// <summary>'0', NUL or '7' (contiguous): a regular file.</summary>
    File,

    /// <summary>'5', or a NUL-typed name ending in '/'.</summary>
    Directory,

    /// <summary>'2'.</summary>
    Symlink,

    /// <summary>'1'.</summary>
    Hardlink,

    /// <summary>'3'.</summary>
    CharacterDevice,

    /// <summary>'4'.</summary>
    BlockDevice,

    /// <summary>'6'.</summary>
    Fifo,

    /// <summary>Any other flag (GNU sparse 'S', volume label 'V', vendor types); read as a regular file, as Python's tarfile does.</summary>
    Other,
}
