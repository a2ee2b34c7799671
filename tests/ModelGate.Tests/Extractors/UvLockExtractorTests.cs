using ModelGate.Extractors.Python;
using static ModelGate.Tests.Extractors.LockfileFixture;

namespace ModelGate.Tests.Extractors;

public sealed class UvLockExtractorTests
{
    private readonly UvLockExtractor _extractor = new();

    [Theory]
    [InlineData("certifi", 5, "2024.8.30", false, null)]
    [InlineData("idna", 44, "3.10", false, null)]
    [InlineData("iniconfig", 53, "2.0.0", false, "dev")]
    [InlineData("pysocks", 62, "1.7.1", false, "optional:socks")]
    [InlineData("pytest", 71, "8.3.3", true, "dev")]
    [InlineData("requests", 83, "2.32.3", true, null)]
    [InlineData("tokenizers", 101, "0.19.1", true, null)]
    public void Editable_project_is_the_root_and_its_dependencies_are_direct(string name, int line, string version, bool direct, string? group)
    {
        var context = Run(_extractor, "uv", "uv-registry-git-editable-dev.lock");

        Assert.Empty(context.Diagnostics);
        Assert.Equal(7, context.Packages.Count);
        Assert.DoesNotContain(context.Packages, p => p.Name == "demo-app");
        var package = Single(context, name, line);
        Assert.Equal(version, package.Version);
        Assert.Equal("==" + version, package.Specifier);
        Assert.Equal(direct, package.Direct);
        Assert.Equal(group, package.Group);
        Assert.Equal("python/uv-lock", package.Extractor);
    }

    [Fact]
    public void Registry_packages_carry_index_and_sdist_then_wheel_hashes()
    {
        var context = Run(_extractor, "uv", "uv-registry-git-editable-dev.lock");

        var certifi = Single(context, "certifi", 5);
        Assert.Equal(["https://pypi.org/simple"], certifi.IndexUrls);
        Assert.Equal([Sha("uv-certifi-sdist"), Sha("uv-certifi-whl")], certifi.Hashes);
        Assert.Null(certifi.Url);
    }

    [Fact]
    public void Git_source_becomes_a_pip_style_vcs_reference_pinned_to_the_commit()
    {
        var context = Run(_extractor, "uv", "uv-registry-git-editable-dev.lock");

        var tokenizers = Single(context, "tokenizers", 101);
        Assert.Equal("git+https://github.com/huggingface/tokenizers@a4d7fb5cd7ac3cfdcd0c6e1cd5a3b4d09d7a3d6c#subdirectory=bindings/python", tokenizers.Url);
        Assert.Empty(tokenizers.Hashes);
        Assert.Empty(tokenizers.IndexUrls);
    }

    [Theory]
    [InlineData("numpy", 21, true, null, null)]
    [InlineData("onnx-extras", 27, true, null, "https://example.com/wheels/onnx_extras-0.4.0-py3-none-any.whl")]
    [InlineData("ruff", 35, true, "lint", null)]
    [InlineData("vendored", 41, true, null, "vendor/vendored-1.0.0-py3-none-any.whl")]
    public void Virtual_root_and_editable_members_are_not_dependencies(string name, int line, bool direct, string? group, string? url)
    {
        var context = Run(_extractor, "uv", "uv-virtual-workspace.lock");

        Assert.Empty(context.Diagnostics);
        Assert.Equal(["numpy", "onnx-extras", "ruff", "vendored"], context.Packages.Select(p => p.Name));
        var package = Single(context, name, line);
        Assert.Equal(direct, package.Direct);
        Assert.Equal(group, package.Group);
        Assert.Equal(url, package.Url);
    }

    [Fact]
    public void Url_and_path_sources_keep_their_wheel_hashes()
    {
        var context = Run(_extractor, "uv", "uv-virtual-workspace.lock");

        Assert.Equal([Sha("uvw-onnx-extras")], Single(context, "onnx-extras", 27).Hashes);
        Assert.Equal([Sha("uvw-vendored")], Single(context, "vendored", 41).Hashes);
    }

    [Fact]
    public void Package_without_version_is_emitted_with_null_version()
    {
        var context = RunText(_extractor, "uv.lock", """
            version = 1

            [[package]]
            name = "plugin"
            source = { directory = "plugins/plugin" }
            """);

        Assert.Empty(context.Diagnostics);
        var plugin = Single(context, "plugin", 3);
        Assert.Null(plugin.Version);
        Assert.Equal(string.Empty, plugin.Specifier);
        Assert.Equal("plugins/plugin", plugin.Url);
        Assert.False(plugin.Editable);
    }
}
