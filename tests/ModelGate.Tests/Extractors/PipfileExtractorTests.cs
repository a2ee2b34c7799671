using ModelGate.Extractors.Python;
using ModelGate.Findings;
using static ModelGate.Tests.Extractors.PackageRows;

namespace ModelGate.Tests.Extractors;

public sealed class PipfileExtractorTests
{
    private const string PyPI = " index=https://pypi.org/simple";
    private readonly PipfileExtractor _extractor = new();

    [Fact]
    public void Pipfile_reads_categories_sources_markers_git_and_editable_entries()
    {
        var context = ExtractorHarness.Run(_extractor, "pipfile/sources-dev-git/Pipfile");

        Assert.Empty(context.Diagnostics);
        Assert.Equal(
        [
            "requests:12" + PyPI,
            "numpy:13 spec===1.26.4 version=1.26.4" + PyPI,
            "pandas:14 spec=>=2.0,<3" + PyPI,
            "torch:15 spec===2.3.1 version=2.3.1 index=https://download.pytorch.org/whl/cu121",
            "pywinusb:16 marker=sys_platform == 'win32'" + PyPI,
            "django:17 url=git+https://github.com/django/django.git@4.2.13" + PyPI,
            "mypkg:18 url=./src/mypkg editable" + PyPI,
            "celery:19 spec=>=5.3 marker=python_version >= '3.8' extras=redis,sqs" + PyPI,
            "pytest:22 spec=~=8.2 group=dev" + PyPI,
            "black:23 spec===24.4.2 version=24.4.2 group=dev" + PyPI,
            "sphinx:26 group=docs" + PyPI,
        ], Rows(context.Packages));
        Assert.All(context.Packages, p => Assert.True(p.Direct));
        Assert.All(context.Packages, p => Assert.Equal("python/pipfile", p.Extractor));
    }

    [Fact]
    public void Bad_values_are_reported_and_the_rest_is_read()
    {
        const string text = """
            [packages]
            ok = "==1.0"
            nope = ">>>1"
            wrong = 3
            table = {version = "*", editable = "yes"}
            unknown-index = {version = "*", index = "internal"}
            marker = {version = "*", sys_platform = "is linux"}

            [dev-packages]
            fine = "*"
            """;
        var context = ExtractorHarness.RunText(_extractor, "Pipfile", text);

        Assert.Equal(["ok:2 spec===1.0 version=1.0", "unknown-index:6", "fine:10 group=dev"], Rows(context.Packages));
        Assert.All(context.Diagnostics, d => Assert.Equal(Rules.ParseError.Id, d.RuleId));
        Assert.Equal([3, 4, 5, 6, 7], context.Diagnostics.Select(d => d.Location.Line!.Value).Order().ToArray());
        Assert.Contains(context.Diagnostics, d => d.Location.Line == 6 && d.Message.Contains("'internal', which is not declared", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[packages\nx = 1")]
    [InlineData("[packages]\nrequests = \"*\"\nrequests = \"==1\"\n")]
    [InlineData("\u0000\u0001\u0002garbage")]
    public void Invalid_toml_is_one_diagnostic(string text)
    {
        var context = ExtractorHarness.RunText(_extractor, "Pipfile", text);

        Assert.Empty(context.Packages);
        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.NotNull(diagnostic.Location.Line);
    }

    [Fact]
    public void Truncated_pipfile_is_a_diagnostic()
    {
        var context = ExtractorHarness.RunText(_extractor, "Pipfile", "[packages]\nrequests = {version = \"==2.0\", ext");

        Assert.Empty(context.Packages);
        Assert.Single(context.Diagnostics);
    }
}
