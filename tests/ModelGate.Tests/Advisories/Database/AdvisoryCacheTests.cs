using ModelGate.Advisories.Database;

namespace ModelGate.Tests.Advisories.Database;

public sealed class AdvisoryCacheTests
{
    [Theory]
    // XDG_CACHE_HOME, HOME, Windows?, LocalApplicationData, expected
    [InlineData("/xdg/cache", "/home/u", false, null, "/xdg/cache/modelgate/advisories.db")]
    [InlineData(null, "/home/u", false, null, "/home/u/.cache/modelgate/advisories.db")]
    [InlineData("", "/home/u", false, null, "/home/u/.cache/modelgate/advisories.db")]
    [InlineData("relative/cache", "/home/u", false, null, "/home/u/.cache/modelgate/advisories.db")]
    [InlineData(null, "/home/u", true, "/appdata/local", "/appdata/local/modelgate/advisories.db")]
    [InlineData("/xdg/cache", "/home/u", true, "/appdata/local", "/xdg/cache/modelgate/advisories.db")]
    public void The_default_path_follows_xdg_then_home_or_local_app_data(
        string? xdg, string? home, bool windows, string? localAppData, string expected)
    {
        var path = AdvisoryCache.ResolveDatabasePath(xdg, home, windows, localAppData);

        Assert.Equal(expected, path.Replace('\\', '/'));
    }

    [Theory]
    [InlineData(null, null, false, null)]
    [InlineData("", "", false, null)]
    [InlineData("rel", "also-relative", false, null)]
    [InlineData(null, "/home/u", true, "")]
    public void Without_any_usable_folder_the_error_says_what_to_set(
        string? xdg, string? home, bool windows, string? localAppData)
    {
        var error = Assert.Throws<AdvisoryDatabaseException>(
            () => AdvisoryCache.ResolveDatabasePath(xdg, home, windows, localAppData));

        Assert.Contains("XDG_CACHE_HOME", error.Message);
    }

    [Fact]
    public void The_real_default_path_is_absolute_and_ends_in_the_modelgate_cache_file()
    {
        var path = AdvisoryCache.DefaultDatabasePath();

        Assert.True(Path.IsPathFullyQualified(path));
        Assert.EndsWith(Path.Combine("modelgate", "advisories.db"), path);
    }
}
