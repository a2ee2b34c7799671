using ModelGate.Discovery;
using ModelGate.Extractors.Python;
using static ModelGate.Tests.Extractors.LockfileFixture;

namespace ModelGate.Tests.Extractors;

public sealed class PylockExtractorTests
{
    private readonly PylockExtractor _extractor = new();

    [Fact]
    public void Reads_wheels_sdist_vcs_directory_and_archive_packages()
    {
        var context = Run(_extractor, "pylock", "pylock.toml");

        Assert.Empty(context.Diagnostics);
        Assert.Equal(
            ["attrs@9", "numpy@18", "mylib@38", "localpkg@42", "archived@46"],
            context.Packages.Select(p => $"{p.Name}@{p.Source.Line}"));
        Assert.All(context.Packages, p => Assert.False(p.Direct));
        Assert.All(context.Packages, p => Assert.Null(p.Group));

        var attrs = Single(context, "attrs", 9);
        Assert.Equal("25.1.0", attrs.Version);
        Assert.Equal(["https://pypi.org/simple"], attrs.IndexUrls);
        Assert.Equal([Sha("pl-attrs-whl")], attrs.Hashes);

        var numpy = Single(context, "numpy", 18);
        Assert.Equal("sys_platform == 'linux'", numpy.Marker);
        Assert.Equal(
            [Sha("pl-numpy-sdist"), Sha("pl-numpy-whl1"), "blake2b:" + Sha("pl-numpy-whl1-b2")["sha256:".Length..], Sha("pl-numpy-whl2")],
            numpy.Hashes);

        var mylib = Single(context, "mylib", 38);
        Assert.Null(mylib.Version);
        Assert.Equal(string.Empty, mylib.Specifier);
        Assert.Equal("git+https://github.com/example/mylib.git@0f8e7bb2c7d44ac7e34e5f4d0f1c2b8a91e6d3ab", mylib.Url);

        var local = Single(context, "localpkg", 42);
        Assert.Equal("./localpkg", local.Url);
        Assert.True(local.Editable);

        var archived = Single(context, "archived", 46);
        Assert.Equal("https://example.com/archived-1.0.tar.gz", archived.Url);
        Assert.Equal([Sha("pl-archived")], archived.Hashes);
        Assert.Empty(archived.IndexUrls);
    }

    [Theory]
    [InlineData("pylock.toml", true)]
    [InlineData("pylock.spam.toml", true)]
    [InlineData("pylock.a.b.toml", false)]
    [InlineData("pylock..toml", false)]
    [InlineData("Pylock.toml", false)]
    [InlineData("pylock.toml.orig", false)]
    [InlineData("pyproject.toml", false)]
    public void Claims_names_matching_pep_751(string fileName, bool expected) =>
        Assert.Equal(expected, _extractor.CanExtract(new DiscoveredFile("/x/" + fileName, fileName, 1)));

    [Fact]
    public void Missing_lock_version_is_reported_and_packages_still_read()
    {
        var context = RunText(_extractor, "pylock.toml", """
            [[packages]]
            name = "attrs"
            version = "25.1.0"
            """);

        Assert.Contains("lock-version", Assert.Single(context.Diagnostics).Message, StringComparison.Ordinal);
        Assert.Equal("attrs", Assert.Single(context.Packages).Name);
    }
}
