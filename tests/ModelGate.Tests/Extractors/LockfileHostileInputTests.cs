using System.Diagnostics;
using System.Text;
using ModelGate.Extractors;
using ModelGate.Extractors.Python;
using ModelGate.Findings;
using static ModelGate.Tests.Extractors.LockfileFixture;

namespace ModelGate.Tests.Extractors;

/// <summary>Bad and hostile lockfiles end in a diagnostic with a line, never in an exception or a hang.</summary>
public sealed class LockfileHostileInputTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public static TheoryData<string, string> TomlLocks => new()
    {
        { "poetry", "poetry.lock" },
        { "uv", "uv.lock" },
        { "pdm", "pdm.lock" },
        { "pylock", "pylock.toml" },
    };

    private static IExtractor Extractor(string kind) => kind switch
    {
        "poetry" => new PoetryLockExtractor(),
        "uv" => new UvLockExtractor(),
        "pdm" => new PdmLockExtractor(),
        "pylock" => new PylockExtractor(),
        _ => new PipfileLockExtractor(),
    };

    private static string Table(string kind) => kind == "pylock" ? "packages" : "package";

    [Theory]
    [MemberData(nameof(TomlLocks))]
    public void Invalid_toml_is_one_parse_error_at_the_parser_line(string kind, string fileName)
    {
        var context = RunText(Extractor(kind), fileName, $"[[{Table(kind)}]]\nname = \"a\nversion = \"1.0\"\n");

        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal(Rules.ParseError.Id, diagnostic.RuleId);
        Assert.Equal(2, diagnostic.Location.Line);
        Assert.StartsWith("invalid TOML", diagnostic.Message, StringComparison.Ordinal);
        Assert.Empty(context.Packages);
    }

    [Theory]
    [MemberData(nameof(TomlLocks))]
    public void Entry_with_a_wrong_typed_name_is_an_error_and_the_rest_is_read(string kind, string fileName)
    {
        var t = Table(kind);
        var header = kind == "pylock" ? "lock-version = \"1.0\"\n\n" : string.Empty;
        var context = RunText(Extractor(kind), fileName,
            $"{header}[[{t}]]\nname = 5\nversion = \"1\"\n\n[[{t}]]\nversion = \"2\"\n\n[[{t}]]\nname = \"ok\"\nversion = \"3.0\"\n");
        var offset = header.Length == 0 ? 0 : 2;

        Assert.Equal([2 + offset, 5 + offset], context.Diagnostics.Select(d => d.Location.Line ?? 0));
        Assert.Contains("'name' is an integer, expected a string", context.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("has no 'name'", context.Diagnostics[1].Message, StringComparison.Ordinal);
        var ok = Assert.Single(context.Packages);
        Assert.Equal(("ok", "3.0", 8 + offset), (ok.Name, ok.Version, ok.Source.Line ?? 0));
    }

    [Theory]
    [MemberData(nameof(TomlLocks))]
    public void Repeated_key_is_invalid_toml(string kind, string fileName)
    {
        var context = RunText(Extractor(kind), fileName, $"[[{Table(kind)}]]\nname = \"a\"\nname = \"b\"\nversion = \"1\"\n");

        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal(3, diagnostic.Location.Line);
        Assert.Contains("more than once", diagnostic.Message, StringComparison.Ordinal);
        Assert.Empty(context.Packages);
    }

    [Theory]
    [InlineData("x = ", "[", 100_000)]
    [InlineData("x = ", "{a = ", 100_000)]
    [InlineData("x = ", "[{a = ", 50_000)]
    public void Deep_nesting_bomb_is_refused_quickly(string prefix, string opener, int depth)
    {
        var watch = Stopwatch.StartNew();
        var context = RunText(new PoetryLockExtractor(), "poetry.lock", prefix + string.Concat(Enumerable.Repeat(opener, depth)));

        Assert.True(watch.Elapsed < Bound, $"took {watch.Elapsed}");
        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Contains("depth", diagnostic.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(context.Packages);
    }

    [Fact]
    public void Deep_dotted_table_header_is_refused()
    {
        var header = "[" + string.Join('.', Enumerable.Repeat("a", 5_000)) + "]\nx = 1\n";
        var context = RunText(new UvLockExtractor(), "uv.lock", header);

        Assert.Single(context.Diagnostics);
        Assert.Empty(context.Packages);
    }

    [Fact]
    public void Huge_array_and_huge_line_are_read_in_bounded_time()
    {
        var text = new StringBuilder();
        text.Append("[metadata]\nfiller = [").AppendJoin(',', Enumerable.Repeat("1", 500_000)).Append("]\n");
        text.Append("long = \"").Append('a', 10 * 1024 * 1024).Append("\"\n\n");
        text.Append("[[package]]\nname = \"after\"\nversion = \"1.0\"\n");
        var watch = Stopwatch.StartNew();
        var context = RunText(new PdmLockExtractor(), "pdm.lock", text.ToString());

        Assert.True(watch.Elapsed < Bound, $"took {watch.Elapsed}");
        Assert.Empty(context.Diagnostics);
        Assert.Equal("1.0", Single(context, "after", 5).Version);
    }

    [Fact]
    public void Ten_megabyte_name_is_an_error_with_a_short_message()
    {
        var context = RunText(new PoetryLockExtractor(), "poetry.lock", "[[package]]\nname = \"" + new string('-', 10 * 1024 * 1024) + "\"\nversion = \"1\"\n");

        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.True(diagnostic.Message.Length < 300);
        Assert.Empty(context.Packages);
    }

    [Theory]
    [InlineData("{\n    \"default\": {\n        \"requests\": {\n            \"version\": \"==2.32.3\",\n", 5)]
    [InlineData("{\n    \"default\": {\n        \"requests\": {\"version\": \"==2.32.3\" ,, }\n    }\n}\n", 3)]
    public void Truncated_or_broken_json_is_one_parse_error_at_its_line(string text, int line)
    {
        var context = RunText(new PipfileLockExtractor(), "Pipfile.lock", text);

        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal(line, diagnostic.Location.Line);
        Assert.StartsWith("invalid JSON", diagnostic.Message, StringComparison.Ordinal);
        Assert.Empty(context.Packages);
    }

    [Fact]
    public void Deeply_nested_json_is_refused()
    {
        var text = "{\"default\": {\"a\": " + new string('[', 100_000) + new string(']', 100_000) + "}}";
        var context = RunText(new PipfileLockExtractor(), "Pipfile.lock", text);

        Assert.Single(context.Diagnostics);
        Assert.Empty(context.Packages);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"default\": []}")]
    [InlineData("{\"default\": {\"a\": 5, \"b\": {\"version\": 7, \"hashes\": \"sha256:x\"}, \"c\": {\"version\": \"==1\"}}}")]
    public void Pipfile_lock_of_wrong_shape_reports_and_keeps_good_entries(string text)
    {
        var context = RunText(new PipfileLockExtractor(), "Pipfile.lock", text);

        Assert.NotEmpty(context.Diagnostics);
        Assert.All(context.Packages, p => Assert.Equal("c", p.Name));
    }

    [Theory]
    [InlineData("poetry", "poetry.lock")]
    [InlineData("uv", "uv.lock")]
    [InlineData("pdm", "pdm.lock")]
    [InlineData("pylock", "pylock.toml")]
    [InlineData("pipfile", "Pipfile.lock")]
    public void Binary_garbage_and_invalid_utf8_are_diagnostics(string kind, string fileName)
    {
        var garbage = new byte[4096];
        new Random(751).NextBytes(garbage);
        garbage[0] = 0xC3;
        garbage[1] = 0x28;
        var context = RunBytes(Extractor(kind), fileName, garbage);

        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal(Rules.ParseError.Id, diagnostic.RuleId);
        Assert.Contains("UTF-8", diagnostic.Message, StringComparison.Ordinal);
        Assert.Empty(context.Packages);
    }

    [Theory]
    [InlineData("poetry", "poetry.lock")]
    [InlineData("uv", "uv.lock")]
    [InlineData("pdm", "pdm.lock")]
    [InlineData("pipfile", "Pipfile.lock")]
    public void Valid_text_that_is_not_the_format_is_an_error(string kind, string fileName)
    {
        var context = RunText(Extractor(kind), fileName, "this is not a lockfile }{ ][\n");

        Assert.Single(context.Diagnostics);
        Assert.Empty(context.Packages);
    }

    [Fact]
    public void Package_that_is_not_an_array_of_tables_is_reported()
    {
        var context = RunText(new UvLockExtractor(), "uv.lock", "version = 1\npackage = \"requests\"\n");

        var diagnostic = Assert.Single(context.Diagnostics);
        Assert.Equal(2, diagnostic.Location.Line);
        Assert.Contains("expected an array", diagnostic.Message, StringComparison.Ordinal);
    }
}
