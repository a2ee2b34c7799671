using System.Diagnostics;
using System.Text.Json;

namespace ModelGate.Cli.Tests;

public sealed class HashCommandTests : IDisposable
{
    private const string HelloSha256 = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "modelgate-cli-tests", Guid.NewGuid().ToString("N"));

    public HashCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "model", "sub"));
        File.WriteAllText(Path.Combine(_dir, "model", "hello.txt"), "hello\n");
        File.WriteAllText(Path.Combine(_dir, "model", "sub", "empty.bin"), "");
        File.WriteAllText(Path.Combine(_dir, "model", "B.txt"), "abc");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_folder_is_listed_like_sha256sum_sorted_by_relative_path()
    {
        var folder = Path.Combine(_dir, "model");

        var (code, stdout, stderr) = await CliRunner.RunAsync("hash", folder);

        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.Equal(
            $"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  {Path.Combine(folder, "B.txt")}\n" +
            $"{HelloSha256}  {Path.Combine(folder, "hello.txt")}\n" +
            $"{EmptySha256}  {Path.Combine(folder, "sub", "empty.bin")}\n",
            stdout);
    }

    [Theory]
    [InlineData("sha1", "f572d396fae9206628714fb2ce00f72e94f2258f")]
    [InlineData("git-blob", "ce013625030ba8dba906f756967f9e9ca394464a")]
    [InlineData("sha256", HelloSha256)]
    public async Task One_algorithm_prints_hex_two_spaces_path(string algorithm, string hex)
    {
        var file = Path.Combine(_dir, "model", "hello.txt");

        var (code, stdout, _) = await CliRunner.RunAsync("hash", "--algorithm", algorithm, file);

        Assert.Equal(0, code);
        Assert.Equal($"{hex}  {file}\n", stdout);
    }

    [Fact]
    public async Task Several_algorithms_print_tagged_lines_per_file_in_the_order_asked()
    {
        var file = Path.Combine(_dir, "model", "hello.txt");

        var (code, stdout, _) = await CliRunner.RunAsync("hash", "-a", "git-blob", "-a", "sha256", file);

        Assert.Equal(0, code);
        Assert.Equal($"SHA256 ({file}) = {HelloSha256}\nGIT-BLOB ({file}) = ce013625030ba8dba906f756967f9e9ca394464a\n", stdout);
    }

    [Fact]
    public async Task Json_lists_path_size_and_each_digest()
    {
        var file = Path.Combine(_dir, "model", "hello.txt");

        var (code, stdout, _) = await CliRunner.RunAsync("hash", "--format", "json", "-a", "sha256", "-a", "git-blob", file);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        var entry = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(file, entry.GetProperty("path").GetString());
        Assert.Equal(6, entry.GetProperty("size").GetInt64());
        Assert.Equal(HelloSha256, entry.GetProperty("sha256").GetString());
        Assert.Equal("ce013625030ba8dba906f756967f9e9ca394464a", entry.GetProperty("gitBlobSha1").GetString());
    }

    [Fact]
    public async Task A_missing_file_exits_2_naming_it_and_the_others_are_still_printed()
    {
        var file = Path.Combine(_dir, "model", "hello.txt");
        var missing = Path.Combine(_dir, "missing.bin");

        var (code, stdout, stderr) = await CliRunner.RunAsync("hash", file, missing);

        Assert.Equal(2, code);
        Assert.Equal($"{HelloSha256}  {file}\n", stdout);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_with_a_backslash_or_newline_is_escaped_as_coreutils_does()
    {
        var file = Path.Combine(_dir, "a\\b\nc");
        File.WriteAllText(file, "");

        var (_, stdout, _) = await CliRunner.RunAsync("hash", file);

        Assert.Equal($"\\{EmptySha256}  {file.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\n", stdout);
    }

    [Fact]
    public async Task A_link_to_a_file_is_hashed_and_a_link_to_a_folder_is_not_followed()
    {
        var folder = Path.Combine(_dir, "links");
        Directory.CreateDirectory(folder);
        File.CreateSymbolicLink(Path.Combine(folder, "file-link"), Path.Combine(_dir, "model", "hello.txt"));
        Directory.CreateSymbolicLink(Path.Combine(folder, "loop"), folder);

        var (code, stdout, _) = await CliRunner.RunAsync("hash", folder);

        Assert.Equal(0, code);
        Assert.Equal($"{HelloSha256}  {Path.Combine(folder, "file-link")}\n", stdout);
    }

    [Theory]
    [InlineData("sha256", "sha256sum")]
    [InlineData("sha1", "sha1sum")]
    [InlineData("sha512", "sha512sum")]
    public async Task The_text_output_is_accepted_by_coreutils_check(string algorithm, string tool)
    {
        var folder = Path.Combine(_dir, "model");
        var (_, stdout, _) = await CliRunner.RunAsync("hash", "-a", algorithm, folder);
        var sums = Path.Combine(_dir, "SUMS");
        await File.WriteAllTextAsync(sums, stdout);

        var check = Process.Start(new ProcessStartInfo(tool, ["--check", "--strict", sums]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await check.StandardOutput.ReadToEndAsync();
        await check.WaitForExitAsync();

        Assert.Equal(0, check.ExitCode);
        Assert.Equal(3, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.EndsWith(": OK", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_unknown_algorithm_is_a_usage_error()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("hash", "-a", "md5", _dir);

        Assert.Equal(2, code);
        Assert.Contains("md5", stderr, StringComparison.Ordinal);
    }
}
