namespace ModelGate.Formats.Archives;

/// <summary>Zip record signatures, fixed lengths and field offsets (PKWARE APPNOTE.TXT 6.3.10, section 4.3).</summary>
internal static class ZipFields
{
    public const uint LocalHeaderSignature = 0x04034B50;      // 4.3.7  "PK\x03\x04"
    public const uint CentralHeaderSignature = 0x02014B50;    // 4.3.12 "PK\x01\x02"
    public const uint EndRecordSignature = 0x06054B50;        // 4.3.16 "PK\x05\x06"
    public const uint Zip64EndRecordSignature = 0x06064B50;   // 4.3.14 "PK\x06\x06"
    public const uint Zip64LocatorSignature = 0x07064B50;     // 4.3.15 "PK\x06\x07"
    public const ushort Zip64ExtraId = 0x0001;                // 4.5.3

    public const int EndRecordLength = 22;
    public const int MaxCommentLength = 0xFFFF;
    public const int Zip64LocatorLength = 20;
    public const int Zip64EndRecordLength = 56;
    public const int CentralHeaderLength = 46;
    public const int LocalHeaderLength = 30;

    // End of central directory record (4.3.16).
    public const int EndTotalEntries = 10;
    public const int EndDirectorySize = 12;
    public const int EndDirectoryOffset = 16;

    // Zip64 end of central directory locator (4.3.15) and record (4.3.14).
    public const int LocatorRecordOffset = 8;
    public const int Zip64TotalEntries = 32;
    public const int Zip64DirectorySize = 40;
    public const int Zip64DirectoryOffset = 48;

    // Central directory file header (4.3.12).
    public const int CentralFlags = 8;
    public const int CentralMethod = 10;
    public const int CentralCrc = 16;
    public const int CentralCompressedSize = 20;
    public const int CentralUncompressedSize = 24;
    public const int CentralNameLength = 28;
    public const int CentralExtraLength = 30;
    public const int CentralCommentLength = 32;
    public const int CentralLocalHeaderOffset = 42;

    // Local file header (4.3.7).
    public const int LocalFlags = 6;
    public const int LocalMethod = 8;
    public const int LocalCrc = 14;
    public const int LocalCompressedSize = 18;
    public const int LocalUncompressedSize = 22;
    public const int LocalNameLength = 26;
    public const int LocalExtraLength = 28;

    public const ushort EncryptedFlag = 1 << 0;
    public const ushort DataDescriptorFlag = 1 << 3;

    /// <summary>Methods <see cref="ZipEntryReader"/> decodes: stored, deflate, deflate64, bzip2, LZMA, zstd, xz (4.4.5).</summary>
    public static bool IsSupportedMethod(ushort method) => method is 0 or 8 or 9 or 12 or 14 or 93 or 95;
}
