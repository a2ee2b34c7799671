using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using ModelGate.Formats.Pep508;

namespace ModelGate.Advisories.Database;

/// <summary>
/// Builds a complete advisory database in a new file beside the target and renames it over the target, so a
/// reader sees either the old database or the new one, never a half-written file, and a failed or killed
/// update leaves the old database in use.
/// </summary>
public static class AdvisoryDatabaseWriter
{
    /// <summary>Far longer than any import takes (about a second for the whole PyPI advisory set).</summary>
    internal static readonly TimeSpan StaleTemporaryAge = TimeSpan.FromHours(1);

    /// <summary>
    /// Writes <paramref name="advisories"/> to a new database at <paramref name="path"/>, replacing any file there.
    /// Advisories are read once, as a stream; a repeated id keeps the document with the newest
    /// <see cref="StoredAdvisory.Modified"/> (no time counts as oldest; on a tie the first one read stays).
    /// Package names are PEP 503-normalized again on the way in, so a caller's slip cannot hide an advisory.
    /// </summary>
    /// <returns>The status of the new database.</returns>
    /// <exception cref="AdvisoryDatabaseException">SQLite could not write the file (disk full, read-only folder).</exception>
    /// <exception cref="ArgumentException">An advisory has no id or no JSON.</exception>
    public static DatabaseStatus Import(
        string path, string sourceDescription, IEnumerable<StoredAdvisory> advisories, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(sourceDescription);
        ArgumentNullException.ThrowIfNull(advisories);
        ArgumentNullException.ThrowIfNull(time);

        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        DeleteStaleTemporaryFiles(fullPath, time.GetUtcNow());
        var temporary = fullPath + ".tmp-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var replaced = false;
        try
        {
            DatabaseStatus status;
            using (var connection = SqliteSetup.Open(temporary, SqliteOpenMode.ReadWriteCreate))
                status = Build(connection, fullPath, sourceDescription, advisories, time);

            // SQLite ran with synchronous=OFF; make the bytes durable before the rename makes them the database,
            // or a power cut could leave the new name pointing at unwritten pages.
            using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
            {
                stream.Flush(flushToDisk: true);
                status = status with { FileSize = stream.Length };
            }

            // The reader's own checks (header, application id, length, meta, counts) on the finished file, so an
            // update can never install a file that the audit would then refuse. About a millisecond.
            using (AdvisoryDatabase.Open(temporary))
            {
            }

            // rename(2) on one filesystem is atomic: readers that opened the old file keep its inode.
            File.Move(temporary, fullPath, overwrite: true);
            replaced = true;
            return status;
        }
        catch (SqliteException e)
        {
            throw new AdvisoryDatabaseException(
                fullPath, $"advisory database {fullPath} could not be written: {e.Message}", e);
        }
        finally
        {
            if (!replaced)
                DeleteQuietly(temporary);
        }
    }

    private static DatabaseStatus Build(
        SqliteConnection connection,
        string fullPath,
        string sourceDescription,
        IEnumerable<StoredAdvisory> advisories,
        TimeProvider time)
    {
        // A throw-away build file: no journal (a failure deletes the file), no fsync per commit (one fsync at
        // the end), and an exclusive lock (nobody else knows the name).
        SqliteSetup.Execute(
            connection,
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE; PRAGMA temp_store=MEMORY; " +
            $"PRAGMA application_id={DatabaseSchema.ApplicationId};");
        SqliteSetup.Execute(connection, DatabaseSchema.CreateTables);

        // Kept per id: the winning document's time and package names (not its JSON), so duplicates are
        // resolved while streaming and the affects rows are written once, sorted, at the end.
        var kept = new Dictionary<string, (DateTimeOffset? Modified, string[] Packages)>(StringComparer.Ordinal);
        using (var transaction = connection.BeginTransaction())
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO advisories (id, modified, json) VALUES ($id, $modified, $json)";
            var insertId = insert.Parameters.Add("$id", SqliteType.Text);
            var insertModified = insert.Parameters.Add("$modified", SqliteType.Text);
            var insertJson = insert.Parameters.Add("$json", SqliteType.Text);

            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE advisories SET modified = $modified, json = $json WHERE id = $id";
            var updateId = update.Parameters.Add("$id", SqliteType.Text);
            var updateModified = update.Parameters.Add("$modified", SqliteType.Text);
            var updateJson = update.Parameters.Add("$json", SqliteType.Text);

            var position = 0;
            foreach (var advisory in advisories)
            {
                Validate(advisory, position++);
                var modified = advisory.Modified is { } m ? DatabaseSchema.FormatTime(m) : (object)DBNull.Value;
                if (kept.TryGetValue(advisory.Id, out var previous))
                {
                    if (!IsNewer(advisory.Modified, previous.Modified))
                        continue;
                    updateId.Value = advisory.Id;
                    updateModified.Value = modified;
                    updateJson.Value = advisory.Json;
                    update.ExecuteNonQuery();
                }
                else
                {
                    insertId.Value = advisory.Id;
                    insertModified.Value = modified;
                    insertJson.Value = advisory.Json;
                    insert.ExecuteNonQuery();
                }
                kept[advisory.Id] = (advisory.Modified, NormalizedNames(advisory.PackageNames));
            }

            var affects = new List<(string Package, string Id)>();
            foreach (var (id, entry) in kept)
            {
                foreach (var package in entry.Packages)
                    affects.Add((package, id));
            }

            // Sorted like the primary key, so every insert appends to the b-tree's last page.
            affects.Sort(static (a, b) =>
            {
                var c = string.CompareOrdinal(a.Package, b.Package);
                return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
            });

            using var link = connection.CreateCommand();
            link.Transaction = transaction;
            link.CommandText = "INSERT INTO affects (package, advisory_id) VALUES ($package, $id)";
            var linkPackage = link.Parameters.Add("$package", SqliteType.Text);
            var linkId = link.Parameters.Add("$id", SqliteType.Text);
            var packageCount = 0;
            string? lastPackage = null;
            foreach (var (package, id) in affects)
            {
                if (package != lastPackage)
                    packageCount++;
                lastPackage = package;
                linkPackage.Value = package;
                linkId.Value = id;
                link.ExecuteNonQuery();
            }

            var importedAt = time.GetUtcNow();
            using var meta = connection.CreateCommand();
            meta.Transaction = transaction;
            meta.CommandText = """
                INSERT INTO meta (schema_version, source, imported_at, advisory_count, package_count)
                VALUES ($version, $source, $importedAt, $advisories, $packages)
                """;
            meta.Parameters.AddWithValue("$version", DatabaseSchema.Version);
            meta.Parameters.AddWithValue("$source", sourceDescription);
            meta.Parameters.AddWithValue("$importedAt", DatabaseSchema.FormatTime(importedAt));
            meta.Parameters.AddWithValue("$advisories", kept.Count);
            meta.Parameters.AddWithValue("$packages", packageCount);
            meta.ExecuteNonQuery();
            transaction.Commit();

            // The id index filled in input order, leaving half-empty pages; VACUUM rewrites every b-tree packed.
            SqliteSetup.Execute(connection, "VACUUM");

            return new DatabaseStatus(
                fullPath,
                sourceDescription,
                DatabaseSchema.TryParseTime(DatabaseSchema.FormatTime(importedAt), out var stored) ? stored : importedAt,
                kept.Count,
                packageCount,
                DatabaseSchema.Version,
                FileSize: 0);
        }
    }

    private static void Validate(StoredAdvisory? advisory, int position)
    {
        if (advisory is null)
            throw new ArgumentException($"advisory #{position} is null", nameof(advisory));
        if (string.IsNullOrWhiteSpace(advisory.Id))
            throw new ArgumentException($"advisory #{position} has no id", nameof(advisory));
        if (string.IsNullOrEmpty(advisory.Json))
            throw new ArgumentException($"advisory {advisory.Id} has no JSON document", nameof(advisory));
        if (advisory.PackageNames is null)
            throw new ArgumentException($"advisory {advisory.Id} has no package list", nameof(advisory));
    }

    /// <summary>
    /// A killed update cannot delete its temporary file; the next update removes those older than
    /// <see cref="StaleTemporaryAge"/>. Younger ones may belong to an update running right now, and are left.
    /// </summary>
    private static void DeleteStaleTemporaryFiles(string fullPath, DateTimeOffset now)
    {
        var folder = Path.GetDirectoryName(fullPath)!;
        foreach (var file in Directory.EnumerateFiles(folder, Path.GetFileName(fullPath) + ".tmp-*"))
        {
            if (now - File.GetLastWriteTimeUtc(file) > StaleTemporaryAge)
                DeleteQuietly(file);
        }
    }

    /// <summary>Distinct non-empty PEP 503 names; a name repeated in one advisory is indexed once.</summary>
    private static string[] NormalizedNames(IReadOnlyList<string> names)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
                continue;
            set.Add(PackageName.Normalize(name));
        }
        return [.. set];
    }

    private static bool IsNewer(DateTimeOffset? candidate, DateTimeOffset? current) =>
        candidate is { } c && (current is not { } k || c > k);

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one to report; a leftover temporary file is named ".tmp-" to be
            // recognisable, and the next update writes a new one.
        }
    }
}
