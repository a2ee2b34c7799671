using ModelGate.Extractors.Python;
using ModelGate.Inventory;
using static ModelGate.Tests.Extractors.LockfileFixture;

namespace ModelGate.Tests.Extractors;

public sealed class PoetryLockExtractorTests
{
    private readonly PoetryLockExtractor _extractor = new();

    [Fact]
    public void Poetry_1_8_lock_2_0_reads_every_package_with_its_header_line_and_source()
    {
        var context = Run(_extractor, "poetry", "poetry-1.8-lock-2.0.lock", "app/poetry.lock");

        Assert.Empty(context.Diagnostics);
        Assert.Equal(
            ["certifi@3", "mylib@14", "requests@27", "torch@50", "transformers@69"],
            context.Packages.Select(p => $"{p.Name}@{p.Source.Line}"));
        Assert.All(context.Packages, p =>
        {
            Assert.Equal("app/poetry.lock", p.Source.Path);
            Assert.Equal(PackageOrigin.Lockfile, p.Origin);
            Assert.Equal("python/poetry-lock", p.Extractor);
            Assert.Equal(Ecosystems.PyPI, p.Ecosystem);
            Assert.False(p.Direct);
        });

        var certifi = Single(context, "certifi", 3);
        Assert.Equal("2024.7.4", certifi.Version);
        Assert.Equal("==2024.7.4", certifi.Specifier);
        Assert.Equal([Sha("certifi-whl"), Sha("certifi-sdist")], certifi.Hashes);
        Assert.Null(certifi.Group);
        Assert.Empty(certifi.IndexUrls);
        Assert.Null(certifi.Url);

        var mylib = Single(context, "mylib", 14);
        Assert.Equal("../mylib", mylib.Url);
        Assert.True(mylib.Editable);
        Assert.Empty(mylib.Hashes);

        // "SHA256:" is lowercased and the repeated wheel hash kept once.
        var requests = Single(context, "requests", 27);
        Assert.Equal([Sha("requests-whl"), Sha("requests-sdist")], requests.Hashes);

        var torch = Single(context, "torch", 50);
        Assert.Equal("2.3.1+cpu", torch.Version);
        Assert.Equal("optional:gpu", torch.Group);
        Assert.Equal(["https://download.pytorch.org/whl/cpu"], torch.IndexUrls);
        Assert.Equal([Sha("torch-whl")], torch.Hashes);

        var transformers = Single(context, "transformers", 69);
        Assert.Equal("4.42.0.dev0", transformers.Version);
        Assert.Equal("git+https://github.com/huggingface/transformers.git@1c68f2cafb4ca54562f74b66d1085b68dd6682f5", transformers.Url);
        Assert.False(transformers.Editable);
    }

    [Theory]
    [InlineData("colorama", 3, "0.4.6", null, "sys_platform == \"win32\"")]
    [InlineData("iniconfig", 16, "2.0.0", "dev", null)]
    [InlineData("numpy", 28, "2.0.0", null, null)]
    [InlineData("pytest", 40, "8.3.2", "dev", null)]
    [InlineData("sphinx", 60, "7.4.7", "docs", "(python_version >= \"3.10\") or (python_version >= \"3.11\")")]
    public void Poetry_2_lock_2_1_maps_groups_and_markers(string name, int line, string version, string? group, string? marker)
    {
        var context = Run(_extractor, "poetry", "poetry-2-groups.lock");

        Assert.Empty(context.Diagnostics);
        Assert.Equal(5, context.Packages.Count);
        var package = Single(context, name, line);
        Assert.Equal(version, package.Version);
        Assert.Equal(group, package.Group);
        Assert.Equal(marker, package.Marker);
    }

    [Fact]
    public void Poetry_2_lock_hashes_come_from_every_file()
    {
        var context = Run(_extractor, "poetry", "poetry-2-groups.lock");

        Assert.Equal([Sha("numpy-whl"), Sha("numpy-sdist")], Single(context, "numpy", 28).Hashes);
        Assert.Equal([Sha("pytest-whl")], Single(context, "pytest", 40).Hashes);
    }

    [Fact]
    public void Poetry_lock_1_1_takes_category_and_hashes_from_metadata_files()
    {
        var context = Run(_extractor, "poetry", "poetry-1.1-metadata-files.lock");

        Assert.Empty(context.Diagnostics);
        var click = Single(context, "click", 1);
        Assert.Equal("8.0.1", click.Version);
        Assert.Null(click.Group);
        Assert.Equal([Sha("click-whl"), Sha("click-sdist")], click.Hashes);
        var pytest = Single(context, "pytest", 12);
        Assert.Equal("dev", pytest.Group);
        Assert.Equal([Sha("pytest6-whl")], pytest.Hashes);
    }

    [Theory]
    [InlineData("poetry.lock", true)]
    [InlineData("Poetry.lock", false)]
    [InlineData("poetry.lock.bak", false)]
    [InlineData("uv.lock", false)]
    public void Claims_only_poetry_lock(string fileName, bool expected) =>
        Assert.Equal(expected, _extractor.CanExtract(new Discovery.DiscoveredFile("/x/" + fileName, fileName, 1)));
}
