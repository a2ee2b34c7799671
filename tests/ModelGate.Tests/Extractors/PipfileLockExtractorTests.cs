using ModelGate.Extractors.Python;
using static ModelGate.Tests.Extractors.LockfileFixture;

namespace ModelGate.Tests.Extractors;

public sealed class PipfileLockExtractorTests
{
    private readonly PipfileLockExtractor _extractor = new();

    [Fact]
    public void Reads_default_and_develop_with_key_lines()
    {
        var context = Run(_extractor, "pipfile", "Pipfile.lock");

        Assert.Empty(context.Diagnostics);
        Assert.Equal(
            ["certifi@24", "company-utils@33", "mylib@40", "tokenizers@44", "certifi@51", "pytest@60"],
            context.Packages.Select(p => $"{p.Name}@{p.Source.Line}"));

        var certifi = Single(context, "certifi", 24);
        Assert.Equal("2024.8.30", certifi.Version);
        Assert.Equal("==2024.8.30", certifi.Specifier);
        Assert.Null(certifi.Group);
        Assert.Equal("python_version >= '3.6'", certifi.Marker);
        Assert.Equal(["https://pypi.org/simple"], certifi.IndexUrls);
        Assert.Equal([Sha("pf-certifi-whl"), Sha("pf-certifi-sdist")], certifi.Hashes);

        Assert.Equal(["https://pypi.internal.example/simple"], Single(context, "company-utils", 33).IndexUrls);

        var mylib = Single(context, "mylib", 40);
        Assert.Null(mylib.Version);
        Assert.True(mylib.Editable);
        Assert.Equal(".", mylib.Url);

        var tokenizers = Single(context, "tokenizers", 44);
        Assert.Equal("git+https://github.com/huggingface/tokenizers.git@a4d7fb5cd7ac3cfdcd0c6e1cd5a3b4d09d7a3d6c#subdirectory=bindings/python", tokenizers.Url);
        Assert.Empty(tokenizers.Hashes);

        Assert.Equal("dev", Single(context, "certifi", 51).Group);
        var pytest = Single(context, "pytest", 60);
        Assert.Equal("dev", pytest.Group);
        Assert.Equal("8.3.3", pytest.Version);
        Assert.Equal([Sha("pf-pytest-whl"), Sha("pf-pytest-sdist")], pytest.Hashes);
    }

    [Fact]
    public void Unknown_index_and_unpinned_version_are_reported_for_that_entry()
    {
        var context = RunText(_extractor, "Pipfile.lock", """
            {
                "_meta": {"sources": [{"name": "pypi", "url": "https://pypi.org/simple"}]},
                "default": {
                    "a": {"index": "mirror", "version": "==1.0"},
                    "b": {"version": ">=2"},
                    "c": {"version": "==3.0", "index": "pypi"}
                }
            }
            """);

        Assert.Equal([4, 5], context.Diagnostics.Select(d => d.Location.Line ?? 0));
        Assert.Equal(["a", "b", "c"], context.Packages.Select(p => p.Name));
        Assert.Null(Single(context, "b", 5).Version);
        Assert.Equal("3.0", Single(context, "c", 6).Version);
    }
}
