using Microsoft.Data.Sqlite;
using ModelGate.Advisories.Database;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Advisories.Database;

public sealed class AdvisoryDatabaseCorruptionTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private string DbPath => Path.Combine(_tree.Root, "advisories.db");

    private void ImportValid(int count = 200) =>
        AdvisoryDatabaseWriter.Import(
            DbPath,
            "test",
            Enumerable.Range(0, count).Select(i => new StoredAdvisory(
                $"ID-{i:D4}", null, [$"pkg-{i % 13}"], $$"""{"id":"ID-{{i:D4}}","details":"{{new string('d', 500)}}"}""")),
            TimeProvider.System);

    /// <summary>Edits a database with plain SQLite, as another program (or a hand) could.</summary>
    private void Execute(string sql)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = DbPath, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private AdvisoryDatabaseException OpenFails()
    {
        var error = Assert.Throws<AdvisoryDatabaseException>(() => AdvisoryDatabase.Open(DbPath));
        Assert.Equal(DbPath, error.Path);
        Assert.Contains(DbPath, error.Message);
        return error;
    }

    [Fact]
    public void A_missing_file_is_named_as_missing()
    {
        var error = OpenFails();

        Assert.Contains("does not exist", error.Message);
        Assert.False(File.Exists(DbPath));
    }

    [Fact]
    public void A_folder_in_place_of_the_file_is_named()
    {
        Directory.CreateDirectory(DbPath);

        var error = OpenFails();

        Assert.Contains("folder", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(4096)]
    [InlineData(100_000)]
    public void Random_bytes_are_not_an_sqlite_database(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        File.WriteAllBytes(DbPath, bytes);

        var error = OpenFails();

        Assert.Contains("not an SQLite database", error.Message);
    }

    [Fact]
    public void An_sqlite_header_followed_by_garbage_is_reported_without_an_sqlite_exception()
    {
        var bytes = new byte[8192];
        new Random(7).NextBytes(bytes);
        "SQLite format 3\0"u8.CopyTo(bytes);
        File.WriteAllBytes(DbPath, bytes);

        OpenFails();
    }

    [Fact]
    public void Another_programs_sqlite_database_is_told_apart()
    {
        Execute("CREATE TABLE advisories (id INTEGER, name TEXT); INSERT INTO advisories VALUES (1, 'x');");

        var error = OpenFails();

        Assert.Contains("not a ModelGate advisory database", error.Message);
    }

    [Fact]
    public void Our_application_id_without_our_tables_is_corrupt()
    {
        Execute($"PRAGMA application_id = {0x4D474156}; CREATE TABLE other (x);");

        var error = OpenFails();

        Assert.Contains("corrupt", error.Message);
        Assert.Contains("meta", error.Message);
    }

    [Theory]
    [InlineData(50_000)]
    [InlineData(4096 * 3)]
    [InlineData(4096 + 100)]
    [InlineData(99)]
    public void A_truncated_file_is_reported_as_truncated(int keep)
    {
        ImportValid();
        using (var stream = new FileStream(DbPath, FileMode.Open))
            stream.SetLength(keep);

        var error = OpenFails();

        Assert.Matches("truncated|not an SQLite database", error.Message);
    }

    [Fact]
    public void A_newer_schema_version_asks_for_a_newer_modelgate()
    {
        ImportValid();
        Execute("UPDATE meta SET schema_version = 99");

        var error = OpenFails();

        Assert.Contains("schema version 99", error.Message);
        Assert.Contains("newer", error.Message);
    }

    [Theory]
    [InlineData("UPDATE meta SET advisory_count = 199", "holds 200 advisories but its meta row says 199")]
    [InlineData("DELETE FROM advisories WHERE id = 'ID-0005'", "holds 199 advisories but its meta row says 200")]
    [InlineData("DELETE FROM meta", "no meta row")]
    [InlineData("INSERT INTO meta SELECT * FROM meta", "more than one meta row")]
    [InlineData("UPDATE meta SET imported_at = 'yesterday'", "not a UTC timestamp")]
    [InlineData("UPDATE meta SET schema_version = 0", "schema version is 0")]
    public void Inconsistent_metadata_is_corrupt(string edit, string detail)
    {
        ImportValid();
        Execute(edit);

        var error = OpenFails();

        Assert.Contains(detail, error.Message);
    }

    [Fact]
    public void Damaged_pages_surface_as_advisory_database_errors_never_sqlite_exceptions()
    {
        ImportValid(2000);
        var bytes = File.ReadAllBytes(DbPath);
        // Keep the header page, overwrite every other page with noise: the length still matches the header.
        new Random(11).NextBytes(bytes.AsSpan(4096));
        File.WriteAllBytes(DbPath, bytes);

        var error = Record.Exception(() =>
        {
            using var db = AdvisoryDatabase.Open(DbPath);
            for (var i = 0; i < 13; i++)
                db.GetAdvisoriesJson($"pkg-{i}");
            _ = db.GetAllAdvisoriesJson().Count();
            db.CheckIntegrity();
        });

        var databaseError = Assert.IsType<AdvisoryDatabaseException>(error);
        Assert.Equal(DbPath, databaseError.Path);
    }

    [Fact]
    public void Damage_inside_an_advisory_page_is_found_by_the_integrity_check()
    {
        ImportValid(2000);
        using (var stream = new FileStream(DbPath, FileMode.Open))
        {
            // Middle of the file: an advisories table page (the table is most of the file). Zeroing a page's
            // header makes it an invalid b-tree page.
            stream.Position = stream.Length / 4096 / 2 * 4096;
            stream.Write(new byte[16]);
        }

        var error = Record.Exception(() =>
        {
            using var db = AdvisoryDatabase.Open(DbPath);
            db.CheckIntegrity();
        });

        var databaseError = Assert.IsType<AdvisoryDatabaseException>(error);
        Assert.Contains("corrupt", databaseError.Message);
    }
}
