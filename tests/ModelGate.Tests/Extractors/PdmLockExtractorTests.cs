using ModelGate.Extractors.Python;
using static ModelGate.Tests.Extractors.LockfileFixture;

namespace ModelGate.Tests.Extractors;

public sealed class PdmLockExtractorTests
{
    private readonly PdmLockExtractor _extractor = new();

    [Theory]
    [InlineData("certifi", 13, "2024.8.30", null, null)]
    [InlineData("colorama", 24, "0.4.6", "dev", "sys_platform == \"win32\"")]
    [InlineData("mytool", 35, "0.2.0", null, null)]
    [InlineData("pytest", 48, "8.3.3", "dev", null)]
    [InlineData("requests", 63, "2.32.3", null, null)]
    public void Reads_packages_groups_and_markers(string name, int line, string version, string? group, string? marker)
    {
        var context = Run(_extractor, "pdm", "pdm-groups-git.lock", "pdm.lock");

        Assert.Empty(context.Diagnostics);
        Assert.Equal(5, context.Packages.Count);
        var package = Single(context, name, line);
        Assert.Equal(version, package.Version);
        Assert.Equal(group, package.Group);
        Assert.Equal(marker, package.Marker);
        Assert.False(package.Direct);
        Assert.Equal("python/pdm-lock", package.Extractor);
    }

    [Fact]
    public void Hashes_and_git_reference()
    {
        var context = Run(_extractor, "pdm", "pdm-groups-git.lock", "pdm.lock");

        Assert.Equal([Sha("pdm-certifi-whl"), Sha("pdm-certifi-sdist")], Single(context, "certifi", 13).Hashes);
        var mytool = Single(context, "mytool", 35);
        Assert.Equal("git+https://github.com/example/mytool.git@5d1c6fd4b0d4c0e0fe3bb4ea5a66e6d8b1e7c9a2", mytool.Url);
        Assert.Empty(mytool.Hashes);
    }

    [Fact]
    public void Editable_path_package()
    {
        var context = RunText(_extractor, "pdm.lock", """
            [metadata]
            groups = ["default"]
            lock_version = "4.5.0"

            [[package]]
            name = "local-python-package"
            version = "1.0.0"
            editable = true
            path = "../local-python-package"
            groups = ["default"]
            """);

        Assert.Empty(context.Diagnostics);
        var local = Single(context, "local-python-package", 5);
        Assert.True(local.Editable);
        Assert.Equal("../local-python-package", local.Url);
    }
}
