namespace ModelGate.Formats.Archives;

/// <summary>Single-stream compression formats, as recognised by their leading bytes.</summary>
public enum CompressionKind
{
    /// <summary>Not a recognised compressed stream.</summary>
    None,

    /// <summary>gzip (RFC 1952, magic 1F 8B); concatenated members are read in turn.</summary>
    Gzip,

    /// <summary>zlib (RFC 1950): CMF method 8, window ≤ 32 KiB, (CMF·256 + FLG) divisible by 31.</summary>
    Zlib,

    /// <summary>bzip2 ("BZh" and a block size digit).</summary>
    Bzip2,

    /// <summary>xz (FD "7zXZ" 00).</summary>
    Xz,

    /// <summary>LZMA "alone" (.lzma, Python's FORMAT_ALONE): 5 property bytes and an 8-byte size, no magic.</summary>
    Lzma,

    /// <summary>LZ4 frame format (magic 04 22 4D 18), as joblib's lz4 compressor writes it.</summary>
    Lz4Frame,

    /// <summary>Zstandard frame (magic 28 B5 2F FD).</summary>
    Zstd,

    /// <summary>joblib &lt; 0.10 compressed pickle: "ZF", the length in hex padded to 19 bytes, then a zlib stream.</summary>
    JoblibZf,
}
