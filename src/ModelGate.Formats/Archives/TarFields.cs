namespace ModelGate.Formats.Archives;

/// <summary>
/// Tar header layout: POSIX ustar (IEEE Std 1003.1, "pax" utility, ustar Interchange Format) with the GNU
/// variant's magic; every header and every data area is a whole number of 512-byte blocks.
/// </summary>
internal static class TarFields
{
    public const int BlockSize = 512;

    public const int NameOffset = 0;
    public const int NameLength = 100;
    public const int SizeOffset = 124;
    public const int SizeLength = 12;
    public const int ChecksumOffset = 148;
    public const int ChecksumLength = 8;
    public const int TypeFlagOffset = 156;
    public const int LinkNameOffset = 157;
    public const int LinkNameLength = 100;
    public const int MagicOffset = 257;
    public const int PrefixOffset = 345;
    public const int PrefixLength = 155;

    /// <summary>"ustar\0" followed by version "00" (POSIX).</summary>
    public static ReadOnlySpan<byte> UstarMagic => "ustar\0"u8;

    /// <summary>"ustar  \0" (GNU): magic and version run together; the prefix field holds other data.</summary>
    public static ReadOnlySpan<byte> GnuMagic => "ustar  \0"u8;
}
