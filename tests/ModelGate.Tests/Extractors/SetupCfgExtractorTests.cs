using ModelGate.Extractors.Python;
using ModelGate.Findings;
using ModelGate.Inventory;

namespace ModelGate.Tests.Extractors;

public sealed class SetupCfgExtractorTests
{
    private static readonly SetupCfgExtractor Extractor = new();

    [Theory]
    [InlineData("setup.cfg", true)]
    [InlineData("pkg/setup.cfg", true)]
    [InlineData("setup.py", false)]
    [InlineData("tox.ini", false)]
    public void Claims_setup_cfg_only(string relativePath, bool expected) =>
        Assert.Equal(expected, Extractor.CanExtract(new Discovery.DiscoveredFile("/r/" + relativePath, relativePath, 1)));

    [Fact]
    public void Reads_install_setup_test_and_extra_requirements_with_their_own_lines()
    {
        var context = ExtractorHarness.Run(Extractor, ExtractorHarness.TestDataPath("setup-cfg"), "setup.cfg");

        var actual = context.Packages.Select(p => (p.Name, p.Version, p.Specifier, p.Source.Line!.Value, p.Group)).ToList();
        (string, string?, string, int, string?)[] expected =
        [
            ("numpy", null, ">=1.22,<2", 10, null),
            ("torch", "2.2.1", "==2.2.1", 11, null),
            ("transformers", null, "~=4.38", 12, null),
            ("requests", null, "", 14, null),
            ("fastapi", null, "", 16, null),
            ("setuptools-scm", null, ">=8", 17, "setup"),
            ("wheel", null, "", 17, "setup"),
            ("pytest", "8.0.2", "==8.0.2", 19, "test"),
            ("nvidia-ml-py", "12.535.133", "==12.535.133", 23, "optional:gpu-support"),
            ("sphinx", null, ">=7", 24, "optional:docs"),
            ("furo", null, "", 24, "optional:docs"),
        ];
        Assert.Equal(expected, actual);
        Assert.All(context.Packages, p =>
        {
            Assert.True(p.Direct);
            Assert.Equal(Ecosystems.PyPI, p.Ecosystem);
            Assert.Equal("python/setup-cfg", p.Extractor);
        });
        Assert.Equal(["torch"], context.Packages[2].Extras);
        Assert.Equal("python_version >= \"3.9\"", context.Packages[2].Marker);
        Assert.Equal("https://github.com/psf/requests/archive/refs/tags/v2.31.0.zip", context.Packages[3].Url);
        Assert.Empty(context.Diagnostics);
    }

    [Fact]
    public void A_one_line_value_is_split_on_semicolons_as_setuptools_does()
    {
        using var temp = new TempFolder();
        temp.Write("setup.cfg", "[options]\ninstall_requires = requests; python_version < \"3.8\"\n");

        var context = ExtractorHarness.Run(Extractor, temp.Path, "setup.cfg");

        Assert.Equal(("requests", 2), (context.Packages.Single().Name, context.Packages.Single().Source.Line!.Value));
        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal(2, diagnostic.Location.Line);
        Assert.Contains("splits a one-line value on ';'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_directive_is_noted_and_not_followed()
    {
        using var temp = new TempFolder();
        temp.Write("setup.cfg", "[options]\ninstall_requires = file: requirements.txt\n[options.extras_require]\ndev = file: deps/dev.list\n");

        var context = ExtractorHarness.Run(Extractor, temp.Path, "setup.cfg");

        Assert.Empty(context.Packages);
        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal((Rules.IncludeNotFound.Id, (int?)4), (diagnostic.RuleId, diagnostic.Location.Line));
    }

    [Theory]
    [InlineData("install_requires = numpy\n", 1)]
    [InlineData("[options]\ninstall_requires =\n    numpy>=\n    scipy\n", 3)]
    [InlineData("[options]\nthis line has no delimiter\ninstall_requires = scipy\n", 2)]
    [InlineData("[options]\ninstall_requires = a\ninstall_requires = scipy\n", 3)]
    public void Bad_lines_are_diagnostics_and_the_rest_is_read(string text, int errorLine)
    {
        using var temp = new TempFolder();
        temp.Write("setup.cfg", text);

        var context = ExtractorHarness.Run(Extractor, temp.Path, "setup.cfg");

        Assert.Contains(context.Diagnostics, d => d.Location.Line == errorLine && d.RuleId == Rules.ParseError.Id);
    }

    [Fact]
    public void A_10_MB_requirement_line_is_one_short_diagnostic()
    {
        using var temp = new TempFolder();
        temp.Write("setup.cfg", "[options]\ninstall_requires =\n    numpy\n    " + new string('a', 10 * 1024 * 1024) + "\n    scipy\n");

        var context = ExtractorHarness.Run(Extractor, temp.Path, "setup.cfg");

        Assert.Equal([("numpy", 3), ("scipy", 5)], context.Packages.Select(p => (p.Name, p.Source.Line!.Value)).ToList());
        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal(4, diagnostic.Location.Line);
        Assert.True(diagnostic.Message.Length < 400);
    }

    [Fact]
    public void Binary_garbage_and_invalid_utf8_end_in_a_diagnostic()
    {
        using var temp = new TempFolder();
        temp.WriteBytes("setup.cfg", [0x5B, 0x6F, 0x70, 0x5D, 0x0A, 0xFF, 0xFE, 0x00, 0x01]);

        var context = ExtractorHarness.Run(Extractor, temp.Path, "setup.cfg");

        Assert.Empty(context.Packages);
        Assert.Equal(Rules.ParseError.Id, Assert.Single(context.Diagnostics).RuleId);
    }
}
