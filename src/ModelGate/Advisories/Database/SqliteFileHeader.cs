using System.Buffers.Binary;

namespace ModelGate.Advisories.Database;

/// <summary>
/// The first 100 bytes of an SQLite file (https://www.sqlite.org/fileformat2.html, "The Database Header"),
/// read before SQLite opens the file so that a missing, foreign, or truncated file gets a specific message
/// rather than SQLite's generic one, and so that truncation is caught without reading the whole file.
/// </summary>
internal static class SqliteFileHeader
{
    private const int HeaderLength = 100;

    /// <summary>Offsets in the header, as the file format document numbers them.</summary>
    private static class FieldLocations
    {
        public const int PageSize = 16;        // 2 bytes; 1 means 65536
        public const int ChangeCounter = 24;   // 4 bytes
        public const int PageCount = 28;       // 4 bytes; valid only when ChangeCounter == VersionValidFor
        public const int ApplicationId = 68;   // 4 bytes
        public const int VersionValidFor = 92; // 4 bytes
    }

    private static ReadOnlySpan<byte> Magic => "SQLite format 3\0"u8;

    /// <summary>Checks the file at <paramref name="path"/> is an SQLite file of ours, whole; throws otherwise.</summary>
    public static void Check(string path)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        long length;
        int read;
        try
        {
            using var stream = new FileStream(
                path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            length = stream.Length;
            read = stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new AdvisoryDatabaseException(
                path, $"advisory database {path} does not exist; update the advisory database first", e);
        }
        catch (UnauthorizedAccessException e) when (Directory.Exists(path))
        {
            throw new AdvisoryDatabaseException(path, $"advisory database {path} is a folder, not a file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AdvisoryDatabaseException(path, $"advisory database {path} cannot be read: {e.Message}", e);
        }

        if (read < HeaderLength || !header[..Magic.Length].SequenceEqual(Magic))
        {
            throw new AdvisoryDatabaseException(
                path, $"advisory database {path} is not an SQLite database (no SQLite header)");
        }

        var applicationId = BinaryPrimitives.ReadInt32BigEndian(header[FieldLocations.ApplicationId..]);
        if (applicationId != DatabaseSchema.ApplicationId)
        {
            throw new AdvisoryDatabaseException(
                path,
                $"advisory database {path} is an SQLite database but not a ModelGate advisory database " +
                $"(application id 0x{applicationId:X8})");
        }

        int pageSize = BinaryPrimitives.ReadUInt16BigEndian(header[FieldLocations.PageSize..]);
        if (pageSize == 1)
            pageSize = 65536;
        var changeCounter = BinaryPrimitives.ReadUInt32BigEndian(header[FieldLocations.ChangeCounter..]);
        var versionValidFor = BinaryPrimitives.ReadUInt32BigEndian(header[FieldLocations.VersionValidFor..]);
        var pageCount = BinaryPrimitives.ReadUInt32BigEndian(header[FieldLocations.PageCount..]);
        if (pageSize < 512 || !int.IsPow2(pageSize))
            throw new AdvisoryDatabaseException(path, $"advisory database {path} is corrupt (page size {pageSize})");

        // Our files are written whole, without a journal or WAL, so the header's page count is always valid
        // and the file is exactly that many pages; a shorter file was truncated (an interrupted copy).
        if (changeCounter == versionValidFor && pageCount != 0 && (long)pageCount * pageSize != length)
        {
            throw new AdvisoryDatabaseException(
                path,
                $"advisory database {path} is truncated or damaged: its header says {(long)pageCount * pageSize} " +
                $"bytes but the file has {length}");
        }
    }
}
