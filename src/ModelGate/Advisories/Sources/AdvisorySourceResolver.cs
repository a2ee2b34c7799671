using ModelGate.Advisories.Api;
using ModelGate.Advisories.Database;

namespace ModelGate.Advisories.Sources;

/// <summary>
/// Picks the advisory source by the documented precedence: <c>--db</c>, then <c>MODELGATE_DB</c>, then the
/// local database if it exists, then the OSV API. <c>--db</c> and <c>MODELGATE_DB</c> may name a ModelGate
/// database or an OSV folder or zip, told apart by the file's SQLite header. <c>--offline</c> forbids the
/// API: with no local data that is an error, never a silent "no vulnerabilities".
/// </summary>
internal static class AdvisorySourceResolver
{
    public const string EnvironmentVariable = "MODELGATE_DB";

    /// <exception cref="AdvisorySourceException">Nothing usable was named, or offline with no local data.</exception>
    public static IAdvisoryProvider Resolve(string? dbOption, string? environmentValue, bool offline, OsvApiOptions apiOptions, string defaultDatabasePath)
    {
        if (!string.IsNullOrWhiteSpace(dbOption))
            return ForPath(dbOption, "--db");
        if (!string.IsNullOrWhiteSpace(environmentValue))
            return ForPath(environmentValue, EnvironmentVariable);
        if (File.Exists(defaultDatabasePath))
            return new DatabaseAdvisoryProvider(defaultDatabasePath);
        if (offline)
            throw new AdvisorySourceException($"--offline was given but there is no local advisory data: run 'modelgate db update' (it writes {defaultDatabasePath}) or name a database or OSV folder with --db or {EnvironmentVariable}");
        return new ApiAdvisoryProvider(apiOptions);
    }

    private static IAdvisoryProvider ForPath(string path, string origin)
    {
        if (Directory.Exists(path))
            return new FileAdvisoryProvider(path);
        if (!File.Exists(path))
            throw new AdvisorySourceException($"{origin} names '{path}', which does not exist");
        return IsSqlite(path) ? new DatabaseAdvisoryProvider(path) : new FileAdvisoryProvider(path);
    }

    private static bool IsSqlite(string path)
    {
        Span<byte> magic = stackalloc byte[16];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) == magic.Length && magic.SequenceEqual("SQLite format 3\0"u8);
    }
}
