namespace ModelGate.Advisories.Database;

/// <summary>Where the advisory database lives when the user names no file.</summary>
public static class AdvisoryCache
{
    public const string FolderName = "modelgate";
    public const string DatabaseFileName = "advisories.db";

    /// <summary>
    /// <c>$XDG_CACHE_HOME/modelgate/advisories.db</c>; else <c>%LOCALAPPDATA%\modelgate\advisories.db</c> on
    /// Windows and <c>$HOME/.cache/modelgate/advisories.db</c> elsewhere (macOS included, as for other
    /// command-line tools that follow XDG). Creates nothing: the writer creates the folder when it writes.
    /// </summary>
    /// <exception cref="AdvisoryDatabaseException">No cache folder can be found (no HOME and no XDG_CACHE_HOME).</exception>
    public static string DefaultDatabasePath()
    {
        var isWindows = OperatingSystem.IsWindows();
        var home = Environment.GetEnvironmentVariable("HOME");
        if (string.IsNullOrEmpty(home) && !isWindows)
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return ResolveDatabasePath(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME"),
            home,
            isWindows,
            isWindows ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData) : null);
    }

    /// <summary>The rule of <see cref="DefaultDatabasePath"/> over given values, for tests.</summary>
    internal static string ResolveDatabasePath(
        string? xdgCacheHome, string? home, bool isWindows, string? localApplicationData)
    {
        // XDG Base Directory Specification: "All paths set in these environment variables must be absolute. If an
        // implementation encounters a relative path in any of these variables it should consider the path
        // invalid and ignore it." An empty value counts as unset.
        if (!string.IsNullOrEmpty(xdgCacheHome) && Path.IsPathFullyQualified(xdgCacheHome))
            return Path.Combine(xdgCacheHome, FolderName, DatabaseFileName);

        if (isWindows)
        {
            if (!string.IsNullOrEmpty(localApplicationData))
                return Path.Combine(localApplicationData, FolderName, DatabaseFileName);
        }
        else if (!string.IsNullOrEmpty(home) && Path.IsPathFullyQualified(home))
        {
            return Path.Combine(home, ".cache", FolderName, DatabaseFileName);
        }

        throw new AdvisoryDatabaseException(
            string.Empty,
            "no cache folder for the advisory database: set XDG_CACHE_HOME or HOME, or name the database file");
    }
}
