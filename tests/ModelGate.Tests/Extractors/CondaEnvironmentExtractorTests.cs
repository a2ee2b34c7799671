using System.Text;
using ModelGate.Extractors.Python;
using ModelGate.Findings;
using ModelGate.Formats;
using ModelGate.Inventory;

namespace ModelGate.Tests.Extractors;

public sealed class CondaEnvironmentExtractorTests
{
    private static readonly CondaEnvironmentExtractor Extractor = new();

    [Theory]
    [InlineData("environment.yml", true)]
    [InlineData("environment.yaml", true)]
    [InlineData("environment-gpu.yml", true)]
    [InlineData("environment_cpu.yaml", true)]
    [InlineData("ci/test-environment.yml", true)]
    [InlineData("conda.yml", true)]
    [InlineData("conda-dev.yaml", true)]
    [InlineData("conda-lock.yml", false)]
    [InlineData("environment.json", false)]
    [InlineData("docker-compose.yml", false)]
    public void Claims_environment_files_by_name(string relativePath, bool expected) =>
        Assert.Equal(expected, Extractor.CanExtract(new Discovery.DiscoveredFile("/r/" + relativePath, relativePath, 1)));

    [Fact]
    public void Reads_conda_specs_and_the_pip_section_with_their_lines()
    {
        var context = ExtractorHarness.Run(Extractor, ExtractorHarness.TestDataPath("conda"), "environment.yml");

        var conda = context.Packages.Where(p => p.Ecosystem == Ecosystems.Conda)
            .Select(p => (p.Name, p.Version, p.Specifier, p.Source.Line!.Value)).ToList();
        (string, string?, string, int)[] expectedConda =
        [
            ("python", null, "=3.11", 8),
            ("numpy", "1.26.4", "==1.26.4", 9),
            ("pandas", null, ">=2.0,<3", 10),
            ("scipy", "1.12.0", "1.12.0=py311h64a7726_0", 11),
            ("pytorch", "2.2.1", "=2.2.1=py3.11_cuda12.1_cudnn8.9.2_0", 12),
            ("tokenizers", null, "=0.15", 13),
            ("cudatoolkit", null, "", 14),
            ("pip", null, "", 15),
        ];
        Assert.Equal(expectedConda, conda);
        var byName = context.Packages.Where(p => p.Ecosystem == Ecosystems.Conda).ToDictionary(p => p.Name);
        Assert.Equal(["pytorch", "nvidia", "conda-forge", "defaults"], byName["numpy"].IndexUrls);
        Assert.Equal(["pytorch"], byName["pytorch"].IndexUrls);
        Assert.Equal(["conda-forge"], byName["tokenizers"].IndexUrls);

        var pypi = context.Packages.Where(p => p.Ecosystem == Ecosystems.PyPI)
            .Select(p => (p.Name, p.Version, p.Source.Path, p.Source.Line!.Value)).ToList();
        (string, string?, string, int)[] expectedPypi =
        [
            ("transformers", "4.38.2", "environment.yml", 18),
            ("accelerate", null, "environment.yml", 19),
            ("sentencepiece", "0.2.0", "requirements-pip.txt", 1),
            ("textclean", null, "environment.yml", 21),
        ];
        Assert.Equal(expectedPypi, pypi);
        var pip = context.Packages.Where(p => p.Ecosystem == Ecosystems.PyPI).ToList();
        Assert.All(pip, p => Assert.Equal(["https://download.pytorch.org/whl/cu121"], p.ExtraIndexUrls));
        Assert.Equal(["sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"], pip[2].Hashes);
        Assert.Equal("git+https://github.com/org/textclean@v1.2#egg=textclean", pip[3].Url);
        Assert.All(context.Packages, p =>
        {
            Assert.True(p.Direct);
            Assert.Equal("conda/environment", p.Extractor);
        });
        Assert.Empty(context.Diagnostics);
    }

    [Fact]
    public void A_yaml_file_without_dependencies_yields_nothing()
    {
        using var temp = new TempFolder();
        temp.Write("environment.yml", "name: x\nvariables:\n  A: b\n");

        var context = ExtractorHarness.Run(Extractor, temp.Path, "environment.yml");

        Assert.Empty(context.Packages);
        Assert.Empty(context.Diagnostics);
    }

    [Fact]
    public void Invalid_yaml_is_one_diagnostic_with_the_parser_line()
    {
        using var temp = new TempFolder();
        temp.Write("environment.yml", "name: x\ndependencies:\n  - numpy\n  - [unclosed\n");

        var context = ExtractorHarness.Run(Extractor, temp.Path, "environment.yml");

        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal(Rules.ParseError.Id, diagnostic.RuleId);
        Assert.NotNull(diagnostic.Location.Line);
        Assert.Contains("invalid YAML", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_are_not_expanded_so_an_alias_bomb_is_harmless()
    {
        var sb = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (var i = 1; i < 12; i++)
            sb.Append((char)('a' + i)).Append(": &").Append((char)('a' + i)).Append(" [")
              .Append(string.Join(",", Enumerable.Repeat("*" + (char)('a' + i - 1), 9))).Append("]\n");
        sb.Append("dependencies:\n  - numpy=1.26\n  - *l\n  - pip:\n    - *l\n");
        using var temp = new TempFolder();
        temp.Write("environment.yml", sb.ToString());

        var context = ExtractorHarness.Run(Extractor, temp.Path, "environment.yml");

        Assert.Equal("numpy", Assert.Single(context.Packages).Name);
        Assert.Equal(2, context.Diagnostics.Count);
        Assert.All(context.Diagnostics, d => Assert.Contains("aliases are not followed", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Tagged_nodes_are_refused()
    {
        using var temp = new TempFolder();
        temp.Write("environment.yml", "dependencies:\n  - !!python/object:os.system [\"echo\"]\n  - numpy\n");

        var context = ExtractorHarness.Run(Extractor, temp.Path, "environment.yml");

        Assert.Equal(("numpy", 3), (Assert.Single(context.Packages).Name, context.Packages[0].Source.Line!.Value));
        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal(2, diagnostic.Location.Line);
        Assert.Contains("tags are not accepted", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_stops_at_the_document_depth_limit()
    {
        using var temp = new TempFolder();
        temp.Write("environment.yml", "dependencies:\n  - " + new string('[', 10_000) + new string(']', 10_000) + "\n");

        var context = ExtractorHarness.Run(Extractor, temp.Path, "environment.yml");

        Assert.Empty(context.Packages);
        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal(Rules.InputLimitExceeded.Id, diagnostic.RuleId);
        Assert.Contains(ReaderLimits.MaxDocumentDepth.ToString(System.Globalization.CultureInfo.InvariantCulture), diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_specs_and_bad_pip_lines_are_diagnostics_at_their_lines()
    {
        using var temp = new TempFolder();
        temp.Write("environment.yml", "dependencies:\n  - numpy>=\n  - {weird: map}\n  - scipy\n  - pip:\n    - --no-deps\n    - requests==2.31.0\n");

        var context = ExtractorHarness.Run(Extractor, temp.Path, "environment.yml");

        Assert.Equal([("scipy", 4), ("requests", 7)], context.Packages.Select(p => (p.Name, p.Source.Line!.Value)).ToList());
        Assert.Equal([2, 3, 6], context.Diagnostics.Select(d => d.Location.Line!.Value).Order().ToList());
    }

    [Fact]
    public void Invalid_utf8_is_a_diagnostic()
    {
        using var temp = new TempFolder();
        temp.WriteBytes("environment.yml", [.. "dependencies:\n  - "u8, 0xFF, 0xFE, .. "\n"u8]);

        var context = ExtractorHarness.Run(Extractor, temp.Path, "environment.yml");

        Assert.Empty(context.Packages);
        Assert.Equal(2, Assert.Single(context.Diagnostics).Location.Line);
    }
}
