using System.Globalization;

namespace ModelGate.Advisories.Database;

/// <summary>
/// The advisory database's layout. One row in <c>meta</c>; each advisory stored once in <c>advisories</c> and
/// indexed once per affected package in <c>affects</c>. Bump <see cref="Version"/> on any change a reader of the
/// previous version could misread; readers refuse newer files, and older ones are rebuilt by the next update.
/// </summary>
internal static class DatabaseSchema
{
    /// <summary>The schema version this build writes and reads.</summary>
    public const int Version = 1;

    /// <summary>
    /// SQLite's <c>PRAGMA application_id</c> (file header offset 68, https://www.sqlite.org/fileformat2.html):
    /// "MGAV" in ASCII, so another program's SQLite file is told apart before any table is read.
    /// </summary>
    public const int ApplicationId = 0x4D474156;

    public const string CreateTables = """
        CREATE TABLE meta (
            schema_version INTEGER NOT NULL,
            source TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            advisory_count INTEGER NOT NULL,
            package_count INTEGER NOT NULL
        );
        CREATE TABLE advisories (
            id TEXT PRIMARY KEY NOT NULL,
            modified TEXT,
            json TEXT NOT NULL
        );
        -- The primary key is the index on package (a covering one: a lookup never touches a table row), and it
        -- keeps a package listed twice in one advisory from being indexed twice.
        CREATE TABLE affects (
            package TEXT NOT NULL,
            advisory_id TEXT NOT NULL,
            PRIMARY KEY (package, advisory_id)
        ) WITHOUT ROWID;
        """;

    /// <summary>Advisories affecting one package, in id order (the order of the primary key, so no sort).</summary>
    public const string SelectByPackage = """
        SELECT a.json FROM affects AS f JOIN advisories AS a ON a.id = f.advisory_id
        WHERE f.package = $package ORDER BY f.advisory_id
        """;

    /// <summary>One page of all advisories after a given id (keyset paging keeps the lock short).</summary>
    public const string SelectPage = "SELECT id, json FROM advisories WHERE id > $after ORDER BY id LIMIT $limit";

    /// <summary>
    /// Times are stored as fixed-width UTC ISO 8601 text, which sorts as it compares and reads back exactly.
    /// </summary>
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(
            text,
            TimeFormat,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time);
}
