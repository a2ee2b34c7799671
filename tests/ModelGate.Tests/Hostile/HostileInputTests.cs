using System.Text;
using ModelGate.Findings;
using ModelGate.Scanning;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Hostile;

/// <summary>
/// Bad input is normal input: each of these must end with a clear finding naming the file, while the rest
/// of the target is still read. Run through the whole default pipeline, as a user would meet them.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static Scanner DefaultScanner() => ScannerBuilder.CreateDefault().Build();

    [Fact]
    public async Task A_100000_line_requirements_file_is_read_whole()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
            text.Append("package-").Append(i).Append("==1.").Append(i % 100).Append('\n');
        _tree.Write("requirements.txt", text.ToString());

        var report = await DefaultScanner().ScanAsync(_tree.Root, new ScanOptions());

        Assert.Equal(100_000, report.Inventory.Packages.Count);
        Assert.Equal(100_000, report.Inventory.Packages[^1].Source.Line);
    }

    [Fact]
    public async Task A_10_megabyte_single_line_is_a_finding_and_the_next_line_is_still_read()
    {
        _tree.Write("requirements.txt", "numpy==1.19.5\n" + new string('a', 10 * 1024 * 1024) + "\npandas==1.1.5\n");

        var report = await DefaultScanner().ScanAsync(_tree.Root, new ScanOptions());

        Assert.Equal(["numpy", "pandas"], report.Inventory.Packages.Select(p => p.Name));
        var finding = Assert.Single(report.Findings, f => f.Kind == FindingKind.ParseError);
        Assert.Equal(2, finding.Location!.Line);
    }

    [Fact]
    public async Task A_deep_include_chain_stops_at_the_limit_with_a_finding()
    {
        for (var i = 0; i < 60; i++)
            _tree.Write($"req{i}.txt", $"-r req{i + 1}.txt\npkg{i}==1.0\n");
        _tree.Write("req60.txt", "last==1.0\n");
        _tree.Write("requirements.txt", "-r req0.txt\n");

        var report = await DefaultScanner().ScanAsync(Path.Combine(_tree.Root, "requirements.txt"), new ScanOptions());

        Assert.Contains(report.Findings, f => f.Kind == FindingKind.ParseError);
        Assert.Contains(report.Inventory.Packages, p => p.Name == "pkg0");
    }

    [Fact]
    public async Task An_include_cycle_is_reported_and_each_file_read_once()
    {
        _tree.Write("requirements.txt", "-r b.txt\nnumpy==1.0\n");
        _tree.Write("b.txt", "-r requirements.txt\npandas==2.0\n");

        var report = await DefaultScanner().ScanAsync(Path.Combine(_tree.Root, "requirements.txt"), new ScanOptions());

        Assert.Equal(["b.txt:2", "requirements.txt:2"], report.Inventory.Packages.Select(p => p.Source.ToString()).Order(StringComparer.Ordinal));
        Assert.Contains(report.Findings, f => f.Rule.Id == Rules.IncludeCycle.Id);
    }

    [Theory]
    [InlineData("requirements.txt")]
    [InlineData("pyproject.toml")]
    [InlineData("poetry.lock")]
    [InlineData("uv.lock")]
    [InlineData("pdm.lock")]
    [InlineData("pylock.toml")]
    [InlineData("Pipfile")]
    [InlineData("Pipfile.lock")]
    [InlineData("setup.cfg")]
    [InlineData("environment.yml")]
    public async Task Binary_garbage_is_a_parse_error_naming_the_file(string name)
    {
        var random = new Random(42);
        var bytes = new byte[64 * 1024];
        random.NextBytes(bytes);
        _tree.WriteBytes(name, bytes);
        _tree.Write("sub/requirements.txt", "requests==2.31.0\n");

        var report = await DefaultScanner().ScanAsync(_tree.Root, new ScanOptions());

        Assert.Contains(report.Findings, f => f.Kind == FindingKind.ParseError && f.Location!.Path == name);
        Assert.Contains(report.Inventory.Packages, p => p.Name == "requests");
        Assert.Equal(ModelGate.Policy.Verdict.Fail, report.Decision.Verdict);
    }

    [Theory]
    [InlineData("requirements.txt", "numpy==1.0\n")]
    [InlineData("pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\"numpy==1.0\"]\n")]
    public async Task Invalid_utf8_is_a_parse_error_with_the_line(string name, string before)
    {
        _tree.WriteBytes(name, [.. Encoding.UTF8.GetBytes(before), 0xC3, 0x28, (byte)'\n']);

        var report = await DefaultScanner().ScanAsync(_tree.Root, new ScanOptions());

        var finding = Assert.Single(report.Findings, f => f.Kind == FindingKind.ParseError);
        Assert.Contains("UTF-8", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pyproject.toml")]
    [InlineData("poetry.lock")]
    [InlineData("Pipfile")]
    public async Task A_toml_bomb_of_nested_inline_tables_and_arrays_is_rejected(string name)
    {
        const int depth = 100_000;
        var bomb = "x = " + new string('[', depth) + new string(']', depth) + "\ny = " + string.Concat(Enumerable.Repeat("{a=", depth)) + "1" + new string('}', depth) + "\n";
        _tree.Write(name, bomb);

        var report = await DefaultScanner().ScanAsync(_tree.Root, new ScanOptions());

        Assert.Contains(report.Findings, f => f.Kind == FindingKind.ParseError && f.Location!.Path == name);
    }

    [Fact]
    public async Task A_yaml_alias_bomb_in_environment_yml_is_bounded()
    {
        var yaml = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (var i = 0; i < 9; i++)
            yaml.Append($"{(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)}]\n");
        yaml.Append("dependencies: *j\n");
        _tree.Write("environment.yml", yaml.ToString());

        var report = await DefaultScanner().ScanAsync(_tree.Root, new ScanOptions());

        Assert.True(report.Inventory.Packages.Count < 1000);
    }
}
