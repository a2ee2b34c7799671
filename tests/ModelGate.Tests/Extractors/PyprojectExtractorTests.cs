using ModelGate.Extractors.Python;
using ModelGate.Findings;
using ModelGate.Inventory;
using static ModelGate.Tests.Extractors.PackageRows;

namespace ModelGate.Tests.Extractors;

public sealed class PyprojectExtractorTests
{
    private readonly PyprojectExtractor _extractor = new();

    [Fact]
    public void Pep621_project_reads_dependencies_extras_and_dependency_groups_at_their_lines()
    {
        var context = ExtractorHarness.Run(_extractor, "pyproject/pep621-groups/pyproject.toml");

        Assert.Empty(context.Diagnostics);
        Assert.Equal(
        [
            "fastapi:10 spec=>=0.110,<1.0",
            "transformers:11 spec===4.41.2 version=4.41.2 extras=torch",
            "numpy:12 spec=>=1.26 marker=python_version >= '3.10'",
            "tokenizers:13",
            "torch:17 spec===2.3.1 version=2.3.1 group=optional:gpu",
            "accelerate:17 spec=>=0.30 group=optional:gpu",
            "pytest:21 spec=>=8.2 group=group:test",
            "pytest-cov:21 group=group:test",
            "ruff:22 spec===0.4.8 version=0.4.8 group=group:lint",
            "ipython:26 group=group:dev",
        ], Rows(context.Packages));
        Assert.All(context.Packages, p =>
        {
            Assert.True(p.Direct);
            Assert.Equal(PackageOrigin.Manifest, p.Origin);
            Assert.Equal("python/pyproject", p.Extractor);
            Assert.Equal("pyproject/pep621-groups/pyproject.toml", p.Source.Path);
        });
    }

    [Fact]
    public void Poetry_1_translates_caret_tilde_tables_multiple_constraints_git_path_and_sources()
    {
        var context = ExtractorHarness.Run(_extractor, "pyproject/poetry-1/pyproject.toml");

        Assert.Empty(context.Diagnostics);
        const string mirror = " extra-index=https://mirror.example.com/simple/";
        Assert.Equal(
        [
            "requests:9 spec=>=2.31.0,<3.0.0" + mirror,
            "pandas:10 spec=>=1.5,<1.6" + mirror,
            "scikit-learn:11 spec===1.4.2 version=1.4.2" + mirror,
            "boto3:12 spec=>=1.28,<2.0 group=optional:aws" + mirror,
            "torch:14 spec=<=1.13.1 marker=python_version >= \"3.7\" and python_version < \"3.8\"" + mirror,
            "torch:15 spec=>=2.0,<3.0 marker=(sys_platform == 'linux') and (python_version >= \"3.8\")" + mirror,
            "private-lib:17 spec=>=1.0,<2.0 index=https://pypi.internal.example.com/simple/",
            "mylib:18 url=git+https://github.com/example/mylib.git@v0.3.1" + mirror,
            "localpkg:19 url=../localpkg editable" + mirror,
            "pytest:25 spec=>=7.4,<8.0 group=dev" + mirror,
            "black:26 spec===23.* group=dev extras=jupyter" + mirror,
        ], Rows(context.Packages));
    }

    [Fact]
    public void Poetry_2_reads_project_table_and_groups_with_main_as_the_main_set()
    {
        var context = ExtractorHarness.Run(_extractor, "pyproject/poetry-2/pyproject.toml");

        Assert.Empty(context.Diagnostics);
        Assert.Equal(
        [
            "pillow:6 spec=>=10.3.0,<11.0.0",
            "httpx:7 spec=>=0.27.0,<0.28.0 index=https://pypi.org/simple/",
            "uvicorn:17 spec=>=0.30,<0.31",
            "pytest:20 spec=>=8.2.0,<9.0.0 group=test",
            "pytest-asyncio:21 spec=>=0.23,<0.24 group=test",
            "mkdocs:27 spec=>=1.5 || ^1.6 group=docs",
        ], Rows(context.Packages));
    }

    [Fact]
    public void Pdm_and_uv_development_groups_sources_and_editable_entries()
    {
        var context = ExtractorHarness.Run(_extractor, "pyproject/pdm-uv/pyproject.toml");

        Assert.Empty(context.Diagnostics);
        Assert.Equal(
        [
            "sentence-transformers:4 spec=>=3.0",
            "torch:4 index=https://download.pytorch.org/whl/cpu",
            "pytest:18 spec=>=8 group=dev:test",
            "embed-plugin:18 group=dev:test url=file:///${PROJECT_ROOT}/plugins/embed-plugin editable",
            "mypy:7 spec=>=1.10 group=dev",
        ], Rows(context.Packages));
    }

    [Fact]
    public void Bad_entries_are_reported_at_their_lines_and_the_rest_is_read()
    {
        var context = ExtractorHarness.Run(_extractor, "pyproject/bad-entries/pyproject.toml");

        Assert.Equal(["requests:4 spec=>=2.0", "flask:7 spec===3.0.3 version=3.0.3", "attrs:11 group=group:a", "good:16 spec=>=1.0,<2.0"], Rows(context.Packages));
        var errors = context.Diagnostics.Select(d => (d.Location.Line, d.RuleId)).ToArray();
        Assert.All(errors, e => Assert.Equal(Rules.ParseError.Id, e.RuleId));
        Assert.Equal([5, 6, 12, 13, 17, 18, 19], errors.Select(e => e.Line!.Value).Order().ToArray());
        Assert.Contains(context.Diagnostics, d => d.Location.Line == 12 && d.Message.Contains("include cycle", StringComparison.Ordinal));
        Assert.Contains(context.Diagnostics, d => d.Location.Line == 13 && d.Message.Contains("'missing', which is not defined", StringComparison.Ordinal));
        Assert.Contains(context.Diagnostics, d => d.Location.Line == 5 && d.Message.Contains("not a PEP 508 requirement", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_toml_is_one_parse_error_at_the_parser_line()
    {
        var context = ExtractorHarness.Run(_extractor, "pyproject/invalid-toml/pyproject.toml");

        Assert.Empty(context.Packages);
        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal(Rules.ParseError.Id, diagnostic.RuleId);
        Assert.NotNull(diagnostic.Location.Line);
        Assert.Contains("invalid TOML", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{a = ")]
    [InlineData("[")]
    [InlineData("{a = [")]
    public void Toml_bomb_of_deep_nesting_is_a_diagnostic(string opener)
    {
        var text = "[project]\nname = \"bomb\"\ndependencies = " + string.Concat(Enumerable.Repeat(opener, 50_000));
        var context = ExtractorHarness.RunText(_extractor, "pyproject.toml", text);

        Assert.Empty(context.Packages);
        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal(Rules.ParseError.Id, diagnostic.RuleId);
    }

    [Fact]
    public void Manifest_over_a_mebibyte_is_parsed_whole()
    {
        var text = "[project]\nname = \"big\"\n" + string.Concat(Enumerable.Repeat("# padding line\n", 80_000)) + "dependencies = [\"numpy==1.0\"]\n";
        var context = ExtractorHarness.RunText(_extractor, "pyproject.toml", text);

        Assert.Empty(context.Diagnostics);
        Assert.Equal(["numpy:80003 spec===1.0 version=1.0"], Rows(context.Packages));
    }

    [Fact]
    public void Deep_but_well_formed_inline_tables_inside_a_dependency_are_bounded()
    {
        const int depth = 200;
        var text = "[tool.poetry.dependencies]\nfoo = " + string.Concat(Enumerable.Repeat("{a = ", depth)) + "1" + new string('}', depth) + "\n";
        var context = ExtractorHarness.RunText(_extractor, "pyproject.toml", text);

        Assert.Empty(context.Packages);
        Assert.Single(context.Diagnostics);
    }

    [Fact]
    public void Binary_garbage_and_invalid_utf8_are_diagnostics()
    {
        var garbage = new byte[4096];
        new Random(42).NextBytes(garbage);
        var context = ExtractorHarness.RunBytes(_extractor, "pyproject.toml", garbage);

        Assert.Empty(context.Packages);
        Assert.Single(context.Diagnostics);
    }

    [Fact]
    public void Huge_requirement_line_is_an_entry_error_not_a_crash()
    {
        var text = "[project]\nname = \"x\"\ndependencies = [\"a" + new string('b', 512 * 1024) + "\", \"ok==1\"]\n";
        var context = ExtractorHarness.RunText(_extractor, "pyproject.toml", text);

        Assert.Equal(["ok:3 spec===1 version=1"], Rows(context.Packages));
        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal(3, diagnostic.Location.Line);
        Assert.Contains("longer than", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Claims_only_pyproject_toml()
    {
        Assert.True(_extractor.CanExtract(new Discovery.DiscoveredFile("/p/pyproject.toml", "pyproject.toml", 1)));
        Assert.False(_extractor.CanExtract(new Discovery.DiscoveredFile("/p/poetry.lock", "poetry.lock", 1)));
        Assert.False(_extractor.CanExtract(new Discovery.DiscoveredFile("/p/pyproject.toml.bak", "pyproject.toml.bak", 1)));
    }
}
