using Microsoft.Data.Sqlite;

namespace ModelGate.Advisories.Database;

/// <summary>Opening SQLite connections the way both the reader and the writer need them.</summary>
internal static class SqliteSetup
{
    static SqliteSetup()
    {
        // Microsoft.Data.Sqlite finds the bundled native provider by loading SQLitePCLRaw.batteries_v2 through
        // reflection; naming it here keeps it (and the e_sqlite3 provider) in a trimmed Native AOT build.
        SQLitePCL.Batteries_V2.Init();
    }

    /// <summary>
    /// A connection without pooling, so that closing it closes the file: a pooled handle would keep a replaced
    /// database (or the writer's temporary file) open, which on Windows also blocks the replacing rename.
    /// The path is absolute, so it can never be read as an SQLite <c>file:</c> URI or <c>:memory:</c>.
    /// </summary>
    public static SqliteConnection Open(string fullPath, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = mode,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
