using Microsoft.Data.Sqlite;

namespace ModelGate.Advisories.Database;

/// <summary>
/// A read-only view of one advisory database file, opened once per process and queried per package. The file
/// is never changed in place (updates replace it by rename), so an open instance keeps reading the file it
/// opened even after an update. Safe for concurrent use: queries are serialized on one connection, which is
/// cheaper than a connection per thread for lookups that take microseconds.
/// </summary>
public sealed class AdvisoryDatabase : IDisposable
{
    /// <summary>Rows per page when enumerating every advisory; bounds the time the lock is held.</summary>
    private const int PageSize = 256;

    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _byPackage;
    private readonly SqliteParameter _packageParameter;
    private bool _disposed;

    private AdvisoryDatabase(string path, SqliteConnection connection, DatabaseStatus status)
    {
        Path = path;
        _connection = connection;
        Status = status;
        _byPackage = connection.CreateCommand();
        _byPackage.CommandText = DatabaseSchema.SelectByPackage;
        _packageParameter = _byPackage.Parameters.Add("$package", SqliteType.Text);
        _packageParameter.Value = string.Empty;
        _byPackage.Prepare();
    }

    /// <summary>The database file (absolute).</summary>
    public string Path { get; }

    /// <summary>What the file holds, as read and checked when it was opened.</summary>
    public DatabaseStatus Status { get; }

    /// <summary>
    /// Opens <paramref name="path"/> read-only and checks it is a whole advisory database of this schema version:
    /// SQLite header, application id, page count against the file length (truncation), the single meta row,
    /// and the stored advisory count against the table. It does not read every page (see the README).
    /// </summary>
    /// <exception cref="AdvisoryDatabaseException">The file is missing, foreign, newer, truncated or corrupt.</exception>
    public static AdvisoryDatabase Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        SqliteFileHeader.Check(fullPath);

        SqliteConnection? connection = null;
        try
        {
            connection = SqliteSetup.Open(fullPath, SqliteOpenMode.ReadOnly);

            // Keep the shared lock from the first read to close: without it every lookup locks and unlocks the
            // file, probes for a hot journal and re-reads the header (three times the CPU per lookup, measured).
            // The file is never written in place (updates rename a new file over it), so holding the lock blocks
            // nobody. Memory-mapped I/O would be faster still, but a file truncated in place under a mapping
            // kills the process with SIGBUS rather than raising an error, so it stays off.
            SqliteSetup.Execute(connection, "PRAGMA locking_mode=EXCLUSIVE");
            var status = ReadStatus(connection, fullPath);
            var database = new AdvisoryDatabase(fullPath, connection, status);
            connection = null;
            return database;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1)
        {
            // SQLITE_ERROR while reading meta: a table or column is missing, so the layout is not ours.
            throw Corrupt(fullPath, e.Message);
        }
        catch (SqliteException e)
        {
            throw Unreadable(fullPath, e);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>
    /// The canonical JSON of every advisory that affects <paramref name="normalizedPackageName"/> (a PEP 503
    /// name), in advisory id order; empty when there are none.
    /// </summary>
    public IReadOnlyList<string> GetAdvisoriesJson(string normalizedPackageName)
    {
        ArgumentNullException.ThrowIfNull(normalizedPackageName);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                _packageParameter.Value = normalizedPackageName;
                using var reader = _byPackage.ExecuteReader();
                if (!reader.Read())
                    return [];
                var result = new List<string>();
                do
                {
                    result.Add(reader.GetString(0));
                }
                while (reader.Read());
                return result;
            }
            catch (SqliteException e)
            {
                throw Unreadable(Path, e);
            }
        }
    }

    /// <summary>
    /// Every advisory's canonical JSON, in id order, read lazily a page at a time (memory stays bounded however
    /// large the database is).
    /// </summary>
    public IEnumerable<string> GetAllAdvisoriesJson()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Enumerate();

        IEnumerable<string> Enumerate()
        {
            var after = string.Empty;
            while (true)
            {
                var page = ReadPage(after);
                foreach (var (_, json) in page)
                    yield return json;
                if (page.Count < PageSize)
                    yield break;
                after = page[^1].Id;
            }
        }
    }

    /// <summary>
    /// Reads every page of the file with SQLite's <c>PRAGMA quick_check</c>; throws when it finds damage.
    /// O(file size), so it is for an explicit check, not for every open.
    /// </summary>
    /// <exception cref="AdvisoryDatabaseException">The file is damaged.</exception>
    public void CheckIntegrity()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "PRAGMA quick_check";
                var result = command.ExecuteScalar() as string;
                if (result != "ok")
                {
                    throw new AdvisoryDatabaseException(
                        Path, $"advisory database {Path} is corrupt: {result}; update the advisory database to rebuild it");
                }
            }
            catch (SqliteException e)
            {
                throw Unreadable(Path, e);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _byPackage.Dispose();
            _connection.Dispose();
        }
    }

    private List<(string Id, string Json)> ReadPage(string after)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var command = _connection.CreateCommand();
                command.CommandText = DatabaseSchema.SelectPage;
                command.Parameters.AddWithValue("$after", after);
                command.Parameters.AddWithValue("$limit", PageSize);
                using var reader = command.ExecuteReader();
                var page = new List<(string, string)>(PageSize);
                while (reader.Read())
                    page.Add((reader.GetString(0), reader.GetString(1)));
                return page;
            }
            catch (SqliteException e)
            {
                throw Unreadable(Path, e);
            }
        }
    }

    private static DatabaseStatus ReadStatus(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();

        // Read the version alone first: a newer schema may have changed every other column.
        command.CommandText = "SELECT schema_version FROM meta";
        int version;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read() || reader.IsDBNull(0))
                throw Corrupt(path, "it has no meta row");
            var stored = reader.GetInt64(0);
            if (reader.Read())
                throw Corrupt(path, "it has more than one meta row");
            if (stored > DatabaseSchema.Version)
            {
                throw new AdvisoryDatabaseException(
                    path,
                    $"advisory database {path} has schema version {stored}, newer than the version {DatabaseSchema.Version} " +
                    "this ModelGate reads; upgrade ModelGate, or update the advisory database with this version");
            }
            if (stored < 1)
                throw Corrupt(path, $"its schema version is {stored}");
            if (stored < DatabaseSchema.Version)
            {
                throw new AdvisoryDatabaseException(
                    path,
                    $"advisory database {path} has the old schema version {stored} (this ModelGate reads " +
                    $"{DatabaseSchema.Version}); update the advisory database to rebuild it");
            }
            version = (int)stored;
        }

        command.CommandText = "SELECT source, imported_at, advisory_count, package_count FROM meta";
        string source;
        DateTimeOffset importedAt;
        long advisoryCount;
        long packageCount;
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            if (reader.IsDBNull(0) || reader.IsDBNull(1) || reader.IsDBNull(2) || reader.IsDBNull(3))
                throw Corrupt(path, "its meta row has empty fields");
            source = reader.GetString(0);
            if (!DatabaseSchema.TryParseTime(reader.GetString(1), out importedAt))
                throw Corrupt(path, $"its import time '{reader.GetString(1)}' is not a UTC timestamp");
            advisoryCount = reader.GetInt64(2);
            packageCount = reader.GetInt64(3);
            if (advisoryCount < 0 || packageCount < 0)
                throw Corrupt(path, "its meta row has negative counts");
        }

        // COUNT(*) walks the id index (the smallest b-tree), a few pages per thousand advisories; it catches a
        // file whose advisory table lost pages, which the header check alone does not.
        command.CommandText = "SELECT COUNT(*) FROM advisories";
        var actual = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (actual != advisoryCount)
            throw Corrupt(path, $"it holds {actual} advisories but its meta row says {advisoryCount}");

        command.CommandText = "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
        var fileSize = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        return new DatabaseStatus(path, source, importedAt, advisoryCount, packageCount, version, fileSize);
    }

    private static AdvisoryDatabaseException Corrupt(string path, string detail) =>
        new(path, $"advisory database {path} is corrupt: {detail}; update the advisory database to rebuild it");

    /// <summary>Every SQLite error while reading becomes our exception, naming the file.</summary>
    internal static AdvisoryDatabaseException Unreadable(string path, SqliteException e) =>
        e.SqliteErrorCode switch
        {
            // SQLITE_NOTADB (26), SQLITE_CORRUPT (11): https://www.sqlite.org/rescode.html
            26 => new(path, $"advisory database {path} is not an SQLite database ({e.Message})", e),
            11 => new(path, $"advisory database {path} is corrupt ({e.Message}); update the advisory database to rebuild it", e),
            _ => new(path, $"advisory database {path} cannot be read: {e.Message}", e),
        };
}
