using System.Text;
using ModelGate.Extractors;
using ModelGate.Extractors.Python;
using ModelGate.Findings;
using ModelGate.Formats;
using ModelGate.Inventory;

namespace ModelGate.Tests.Extractors;

public sealed class RequirementsExtractorTests
{
    private const string TorchHashA = "sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
    private const string TorchHashB = "sha256:3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d";

    private static readonly RequirementsExtractor Extractor = new();

    private static ExtractionContext Run(string folder, string file = "requirements.txt") =>
        ExtractorHarness.Run(Extractor, ExtractorHarness.TestDataPath("requirements", folder), file);

    [Theory]
    [InlineData("requirements.txt", true)]
    [InlineData("requirements-dev.txt", true)]
    [InlineData("dev-requirements.txt", true)]
    [InlineData("test_requirements.txt", true)]
    [InlineData("Requirements.TXT", true)]
    [InlineData("requirements.in", true)]
    [InlineData("requirements-dev.in", true)]
    [InlineData("requirements/base.txt", true)]
    [InlineData("services/api/requirements/prod.in", true)]
    [InlineData("constraints.txt", true)]
    [InlineData("constraints-py311.txt", true)]
    [InlineData("ci-constraints.txt", true)]
    [InlineData("notes.txt", false)]
    [InlineData("requirements.txt.bak", false)]
    [InlineData("requirements.yml", false)]
    [InlineData("docs/base.txt", false)]
    [InlineData("pyproject.toml", false)]
    public void Claims_requirements_and_constraints_files_by_name(string relativePath, bool expected)
    {
        var file = new Discovery.DiscoveredFile("/repo/" + relativePath, relativePath, 10);
        Assert.Equal(expected, Extractor.CanExtract(file));
    }

    [Fact]
    public void Reads_every_feature_of_a_hand_written_file_with_exact_lines()
    {
        var context = Run("features");

        var actual = context.Packages.Select(p => (p.Name, p.Version, p.Specifier, p.Source.Path, p.Source.Line)).ToList();
        (string, string?, string, string, int?)[] expected =
        [
            ("numpy", "1.26.4", "==1.26.4", "requirements.txt", 7),
            ("pandas", null, ">=2.0,<3", "requirements.txt", 8),
            ("requests", "2.31.0", "==2.31.0", "requirements.txt", 9),
            ("scikit-learn", null, "~=1.4.0", "requirements.txt", 10),
            ("torch", "2.2.1+cu121", "==2.2.1+cu121", "requirements.txt", 11),
            ("transformers", "4.38.2", "===4.38.2", "requirements.txt", 14),
            ("tokenizers", null, "==0.15.*", "requirements.txt", 15),
            ("sentencepiece", "0.2.0", "", "requirements.txt", 16),
            ("urllib3", null, "", "requirements.txt", 17),
            ("accelerate", null, "", "requirements.txt", 18),
            ("textclean", null, "", "requirements.txt", 19),
            ("private-tools", null, "", "requirements.txt", 20),
            ("tqdm", "4.66.2", "", "requirements.txt", 21),
            ("numpy", "1.26.4", "==1.26.4", "requirements.txt", 23),
            ("pyyaml", "6.0.1", "==6.0.1", "requirements-extra.txt", 2),
        ];
        Assert.Equal(expected, actual);

        Assert.All(context.Packages, p =>
        {
            Assert.Equal(Ecosystems.PyPI, p.Ecosystem);
            Assert.True(p.Direct);
            Assert.Equal(PackageOrigin.Manifest, p.Origin);
            Assert.Equal("python/requirements", p.Extractor);
            // pip's options are global: every entry of the tree sees every index, including the included file's.
            Assert.Equal(["https://pypi.internal.example.com/simple"], p.IndexUrls);
            Assert.Equal(["https://download.pytorch.org/whl/cu121", "https://mirror.example.com/simple"], p.ExtraIndexUrls);
        });
        Assert.Empty(context.Constraints);

        var byLine = context.Packages.Where(p => p.Source.Path == "requirements.txt").ToDictionary(p => p.Source.Line!.Value);
        Assert.Equal(["security", "socks"], byLine[9].Extras);
        Assert.Equal("python_version >= \"3.8\"", byLine[9].Marker);
        Assert.Equal("scikit_learn", byLine[10].DeclaredName);
        Assert.Equal([TorchHashA, TorchHashB], byLine[11].Hashes);
        Assert.Equal("https://files.example.com/wheels/sentencepiece-0.2.0-cp311-cp311-manylinux_2_17_x86_64.whl", byLine[16].Url);
        Assert.Equal("https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip", byLine[17].Url);
        Assert.Equal("git+https://github.com/huggingface/accelerate.git@v0.27.2#egg=accelerate", byLine[18].Url);
        Assert.False(byLine[18].Editable);
        Assert.True(byLine[19].Editable);
        Assert.Equal("./libs/textclean", byLine[19].Url);
        Assert.True(byLine[20].Editable);
        Assert.Equal("private_tools", byLine[20].DeclaredName);
        Assert.Equal("./vendor/tqdm-4.66.2.tar.gz", byLine[21].Url);

        var diagnostics = context.Diagnostics.Select(d => (d.RuleId, d.Location.Path, d.Location.Line)).ToList();
        Assert.Equal([(Rules.ParseError.Id, "requirements.txt", (int?)22), (Rules.ParseError.Id, "requirements.txt", 25)], diagnostics);
        Assert.Contains("environment variable", context.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("no such option: --no-such-option", context.Diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pip_compile_output_marks_pins_needed_only_by_other_packages_as_transitive()
    {
        var context = Run("compiled");

        var actual = context.Packages.Select(p => (p.Name, p.Version, p.Source.Line, p.Direct, p.Hashes.Count)).ToList();
        (string, string?, int?, bool, int)[] expected =
        [
            ("anyio", "4.3.0", 7, false, 2),
            ("certifi", "2024.2.2", 13, false, 2),
            ("fastapi", "0.110.0", 20, true, 2),
            ("idna", "3.6", 24, false, 1),
            ("requests", "2.31.0", 29, true, 2),
            ("six", "1.16.0", 35, false, 1),
            ("urllib3", "2.2.1", 38, false, 0),
        ];
        Assert.Equal(expected, actual);
        Assert.Equal(["all"], context.Packages[2].Extras);
        Assert.Equal(
            ["sha256:cd0aa9856147b6c5b4ff2b7dfee5da20aa38253099ef1b4a64aced233c9afe29"],
            context.Packages[3].Hashes);
        Assert.Empty(context.Diagnostics);
    }

    [Fact]
    public void A_via_block_ends_at_the_unsafe_packages_comment()
    {
        using var temp = new TempFolder();
        temp.Write("requirements.txt", "idna==3.6\n    # via\n    #   anyio\n\n# The following packages are considered to be unsafe in a requirements file:\n# setuptools\n");

        var context = ExtractorHarness.Run(Extractor, temp.Path, "requirements.txt");

        Assert.False(Assert.Single(context.Packages).Direct);
    }

    [Theory]
    [InlineData("-e .", "myproject", ".")]
    [InlineData("-e ./", "myproject", "./")]
    [InlineData("-e ../shared-lib", "shared-lib", "../shared-lib")]
    [InlineData("./plugins/Text_Clean[dev]", "text-clean", "./plugins/Text_Clean")]
    public void A_path_without_a_name_is_named_after_its_folder(string line, string name, string url)
    {
        using var temp = new TempFolder();
        temp.Write("myproject/requirements.txt", line + "\n");

        var context = ExtractorHarness.Run(Extractor, temp.Path, "myproject/requirements.txt");

        var package = Assert.Single(context.Packages);
        Assert.Equal((name, url, (int?)1), (package.Name, package.Url, package.Source.Line));
        Assert.Empty(context.Diagnostics);
    }

    [Fact]
    public void The_pip_tools_input_file_is_all_direct()
    {
        var context = Run("compiled", "requirements.in");

        Assert.Equal([("requests", 1, true, ""), ("fastapi", 2, true, ">=0.110")],
            context.Packages.Select(p => (p.Name, p.Source.Line!.Value, p.Direct, p.Specifier)).ToList());
    }

    [Fact]
    public void Follows_nested_includes_and_sends_constraints_to_constraints()
    {
        var context = Run("tree");

        Assert.Equal(
            [("click", "requirements/common.txt", 1), ("jinja2", "requirements/base.txt", 3), ("flask", "requirements.txt", 3)],
            context.Packages.Select(p => (p.Name, p.Source.Path, p.Source.Line!.Value)).ToList());
        Assert.Equal(
            [("werkzeug", "constraints.txt", 2, "3.0.1"), ("markupsafe", "constraints-extra.txt", 1, "2.1.5")],
            context.Constraints.Select(p => (p.Name, p.Source.Path, p.Source.Line!.Value, p.Version!)).ToList());
        Assert.All(context.Packages.Concat(context.Constraints), p => Assert.Equal(["https://pypi.org/simple"], p.IndexUrls));
        Assert.Empty(context.Diagnostics);
    }

    [Fact]
    public void A_constraints_file_discovered_on_its_own_is_read_as_constraints()
    {
        var context = Run("tree", "constraints.txt");

        Assert.Empty(context.Packages);
        Assert.Equal(["werkzeug", "markupsafe"], context.Constraints.Select(p => p.Name).ToList());
    }

    [Fact]
    public void An_include_cycle_is_reported_at_the_including_line_naming_the_chain()
    {
        var context = Run("cycle");

        Assert.Equal([("beta", "requirements-dev.txt", 1), ("alpha", "requirements.txt", 2)],
            context.Packages.Select(p => (p.Name, p.Source.Path, p.Source.Line!.Value)).ToList());
        var cycle = Assert.Single(context.Diagnostics);
        Assert.Equal(Rules.IncludeCycle.Id, cycle.RuleId);
        Assert.Equal(new SourceLocation("requirements-dev.txt", 2), cycle.Location);
        Assert.Contains("requirements.txt -> requirements-dev.txt -> requirements.txt", cycle.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_include_is_reported_at_its_line_and_the_rest_is_read()
    {
        var context = Run("missing");

        Assert.Equal([("gamma", 1), ("delta", 5)], context.Packages.Select(p => (p.Name, p.Source.Line!.Value)).ToList());
        Assert.Equal(
            [(Rules.IncludeNotFound.Id, (int?)3), (Rules.IncludeNotFound.Id, 4)],
            context.Diagnostics.Select(d => (d.RuleId, d.Location.Line)).ToList());
        Assert.Contains("does-not-exist.txt", context.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("environment variable", context.Diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_40_deep_include_chain_stops_at_the_depth_limit()
    {
        using var temp = new TempFolder();
        for (var i = 0; i <= 40; i++)
            temp.Write(i == 0 ? "requirements.txt" : $"level-{i:D2}.txt", $"-r level-{i + 1:D2}.txt\npkg-{i:D2}==1.0\n");

        var context = ExtractorHarness.Run(Extractor, temp.Path, "requirements.txt");

        Assert.Equal(ReaderLimits.MaxIncludeDepth + 1, context.Packages.Count);
        var limit = Assert.Single(context.Diagnostics);
        Assert.Equal(Rules.InputLimitExceeded.Id, limit.RuleId);
        Assert.Equal(new SourceLocation($"level-{ReaderLimits.MaxIncludeDepth:D2}.txt", 1), limit.Location);
    }

    [Fact]
    public void Includes_past_the_file_count_limit_are_reported_once()
    {
        using var temp = new TempFolder();
        var root = new StringBuilder();
        for (var i = 1; i <= ReaderLimits.MaxIncludedFiles + 10; i++)
        {
            root.Append("-r part-").Append(i).Append(".txt\n");
            temp.Write($"part-{i}.txt", $"pkg-{i}==1.0\n");
        }
        temp.Write("requirements.txt", root.ToString());

        var context = ExtractorHarness.Run(Extractor, temp.Path, "requirements.txt");

        Assert.Equal(ReaderLimits.MaxIncludedFiles - 1, context.Packages.Count);
        var limit = Assert.Single(context.Diagnostics);
        Assert.Equal((Rules.InputLimitExceeded.Id, (int?)ReaderLimits.MaxIncludedFiles), (limit.RuleId, limit.Location.Line));
    }

    [Fact]
    public void A_file_included_twice_is_read_once()
    {
        using var temp = new TempFolder();
        temp.Write("requirements.txt", "-r common.txt\n-r dev.txt\n");
        temp.Write("dev.txt", "-r common.txt\npytest==8.0.2\n");
        temp.Write("common.txt", "numpy==1.26.4\n");

        var context = ExtractorHarness.Run(Extractor, temp.Path, "requirements.txt");

        Assert.Equal([("numpy", "common.txt"), ("pytest", "dev.txt")], context.Packages.Select(p => (p.Name, p.Source.Path)).ToList());
        Assert.Empty(context.Diagnostics);
    }

    [Fact]
    public void A_100000_line_file_is_read_in_full()
    {
        using var temp = new TempFolder();
        var sb = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
            sb.Append("package-").Append(i).Append("==1.").Append(i % 10).Append(".0 \\\n    --hash=sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb\n");
        temp.Write("requirements.txt", sb.ToString());

        var context = ExtractorHarness.Run(Extractor, temp.Path, "requirements.txt");

        Assert.Equal(100_000, context.Packages.Count);
        Assert.Equal(199_999, context.Packages[^1].Source.Line);
        Assert.Empty(context.Diagnostics);
    }

    [Fact]
    public void A_10_MB_line_is_one_diagnostic_and_the_next_line_is_read()
    {
        using var temp = new TempFolder();
        temp.Write("requirements.txt", "alpha==1\n" + new string('a', 10 * 1024 * 1024) + "\nbeta==2\n");

        var context = ExtractorHarness.Run(Extractor, temp.Path, "requirements.txt");

        Assert.Equal([("alpha", 1), ("beta", 3)], context.Packages.Select(p => (p.Name, p.Source.Line!.Value)).ToList());
        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal(2, diagnostic.Location.Line);
        Assert.Contains("limit", diagnostic.Message, StringComparison.Ordinal);
        Assert.True(diagnostic.Message.Length < 300);
    }

    [Fact]
    public void Invalid_utf8_is_one_diagnostic_naming_the_line()
    {
        using var temp = new TempFolder();
        temp.WriteBytes("requirements.txt", [.. "alpha==1\n"u8, 0xC3, 0x28, .. "\n"u8]);

        var context = ExtractorHarness.Run(Extractor, temp.Path, "requirements.txt");

        Assert.Empty(context.Packages);
        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal(Rules.ParseError.Id, diagnostic.RuleId);
        Assert.Equal(2, diagnostic.Location.Line);
        Assert.Contains("UTF-8", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_garbage_gives_diagnostics_and_no_exception()
    {
        using var temp = new TempFolder();
        var random = new Random(1234);
        var sb = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
            sb.Append((char)random.Next(1, 0x7F));
        temp.Write("requirements.txt", sb.ToString());

        var context = ExtractorHarness.Run(Extractor, temp.Path, "requirements.txt");

        Assert.NotEmpty(context.Diagnostics);
        Assert.All(context.Diagnostics, d => Assert.NotNull(d.Location.Line));
    }

    [Fact]
    public void A_truncated_continuation_at_the_end_of_the_file_still_yields_the_requirement()
    {
        using var temp = new TempFolder();
        temp.Write("requirements.txt", "numpy==1.26.4 \\\n    --hash=sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb \\");

        var context = ExtractorHarness.Run(Extractor, temp.Path, "requirements.txt");

        var package = Assert.Single(context.Packages);
        Assert.Equal([TorchHashA], package.Hashes);
        Assert.Empty(context.Diagnostics);
    }
}
