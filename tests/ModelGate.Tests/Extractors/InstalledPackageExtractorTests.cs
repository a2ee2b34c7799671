using ModelGate.Discovery;
using ModelGate.Extractors.Python;
using ModelGate.Findings;
using ModelGate.Inventory;
using static ModelGate.Tests.Extractors.PackageRows;

namespace ModelGate.Tests.Extractors;

public sealed class InstalledPackageExtractorTests
{
    private readonly InstalledPackageExtractor _installed = new();
    private readonly EggInfoExtractor _eggInfo = new();

    [Theory]
    [InlineData("site-packages/requests-2.32.3.dist-info/METADATA", "requests:2 spec===2.32.3 version=2.32.3", true)]
    [InlineData("site-packages/URLLIB3-2.2.1.dist-info/METADATA", "urllib3:2 spec===2.2.1 version=2.2.1", false)]
    [InlineData("site-packages/my_lib-0.1.0.dist-info/METADATA", "my-lib:2 spec===0.1.0 version=0.1.0 url=file:///home/dev/src/my-lib editable", true)]
    [InlineData("site-packages/transformers-4.42.0.dev0.dist-info/METADATA", "transformers:2 spec===4.42.0.dev0 version=4.42.0.dev0 url=git+https://github.com/huggingface/transformers.git@1c68f2cafbaaa2b3b2c2e0c8c8fd3f0f2c1c9a7e", false)]
    [InlineData("site-packages/tiny_model-1.0.0.dist-info/METADATA", "tiny-model:2 spec===1.0.0 version=1.0.0 url=https://files.example.com/tiny_model-1.0.0-py3-none-any.whl hashes=sha256:2dc4e1d5e8a0c1e41b3d6ad9c1d0f1a6e4c3b2a19f8e7d6c5b4a39281706f5e4", false)]
    public void Dist_info_metadata_becomes_one_installed_entry(string path, string expected, bool direct)
    {
        var context = ExtractorHarness.Run(_installed, path);

        Assert.Empty(context.Diagnostics);
        var package = Assert.Single(context.Packages);
        Assert.Equal(expected, Row(package));
        Assert.Equal(direct, package.Direct);
        Assert.Equal(PackageOrigin.Installed, package.Origin);
        Assert.Equal(path, package.Source.Path);
        Assert.Equal("python/installed", package.Extractor);
    }

    [Fact]
    public void Malformed_record_rows_are_reported_at_their_record_lines()
    {
        var context = ExtractorHarness.Run(_installed, "site-packages/badrecord-1.0.dist-info/METADATA");

        Assert.Equal(["badrecord:2 spec===1.0 version=1.0"], Rows(context.Packages));
        Assert.All(context.Diagnostics, d => Assert.Equal("site-packages/badrecord-1.0.dist-info/RECORD", d.Location.Path));
        Assert.Equal([1, 3, 4], context.Diagnostics.Select(d => d.Location.Line!.Value).ToArray());
    }

    [Fact]
    public void Metadata_without_name_is_a_parse_error()
    {
        var context = ExtractorHarness.Run(_installed, "site-packages/nometa-1.0.dist-info/METADATA");

        Assert.Empty(context.Packages);
        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal(Rules.ParseError.Id, diagnostic.RuleId);
        Assert.Contains("no 'Name' field", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("site-packages/simplejson-3.19.2-py3.11.egg-info/PKG-INFO", "simplejson:2 spec===3.19.2 version=3.19.2")]
    [InlineData("site-packages/python_apt-2.4.0.egg-info", "python-apt:2 spec===2.4.0 version=2.4.0")]
    public void Egg_info_folder_and_legacy_single_file_are_read(string path, string expected)
    {
        var context = ExtractorHarness.Run(_eggInfo, path);

        Assert.Empty(context.Diagnostics);
        var package = Assert.Single(context.Packages);
        Assert.Equal(expected, Row(package));
        Assert.False(package.Direct);
        Assert.Equal("python/egg-info", package.Extractor);
    }

    [Theory]
    [InlineData("/sp/requests-2.32.3.dist-info/METADATA", true, false)]
    [InlineData("/sp/requests-2.32.3.dist-info/RECORD", false, false)]
    [InlineData("/src/requests/METADATA", false, false)]
    [InlineData("/sp/foo.egg-info/PKG-INFO", false, true)]
    [InlineData("/sp/foo-1.0-py3.8.egg-info", false, true)]
    [InlineData("/dist/foo-1.0/PKG-INFO", false, false)]
    public void Claims_files_by_parent_folder_name(string path, bool installed, bool eggInfo)
    {
        var file = new DiscoveredFile(path, path.TrimStart('/'), 10);
        Assert.Equal(installed, _installed.CanExtract(file));
        Assert.Equal(eggInfo, _eggInfo.CanExtract(file));
    }

    [Fact]
    public void Huge_metadata_header_is_a_diagnostic()
    {
        var text = "Metadata-Version: 2.1\nName: big\nVersion: 1.0\nSummary: " + new string('x', 2 * 1024 * 1024) + "\n";
        var context = ExtractorHarness.RunText(_installed, "big-1.0.dist-info/METADATA", text);

        Assert.Empty(context.Packages);
        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal(4, diagnostic.Location.Line);
    }

    [Fact]
    public void Binary_garbage_metadata_is_a_diagnostic()
    {
        var garbage = new byte[2048];
        new Random(7).NextBytes(garbage);
        var context = ExtractorHarness.RunBytes(_installed, "junk-1.0.dist-info/METADATA", garbage);

        Assert.Empty(context.Packages);
        Assert.Single(context.Diagnostics);
    }

    [Fact]
    public async Task Invalid_direct_url_json_is_reported_and_the_package_kept()
    {
        var root = Path.Combine(Path.GetTempPath(), "modelgate-tests", Guid.NewGuid().ToString("N"));
        var folder = Path.Combine(root, "pkg-1.0.dist-info");
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "METADATA"), "Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\n");
            File.WriteAllText(Path.Combine(folder, "direct_url.json"), "{\"url\": \"file:///x\",\n  \"dir_info\": {");
            var file = new DiscoveredFile(Path.Combine(folder, "METADATA"), "pkg-1.0.dist-info/METADATA", 40);
            var context = new ModelGate.Extractors.ExtractionContext(file, root, new global::ModelGate.Scanning.ScanOptions());
            await _installed.ExtractAsync(context, CancellationToken.None);

            Assert.Equal(["pkg:2 spec===1.0 version=1.0"], Rows(context.Packages));
            var diagnostic = Assert.Single(context.Diagnostics);
            Assert.Equal("pkg-1.0.dist-info/direct_url.json", diagnostic.Location.Path);
            Assert.Equal(Rules.ParseError.Id, diagnostic.RuleId);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
