using ModelGate.Tests.Signatures.Tuf;
using ModelGate.Tests.Support;

namespace ModelGate.Cli.Tests;

/// <summary>
/// <c>sigstore update-trust</c> end to end against a TUF repository served on 127.0.0.1, with the cache in a
/// temporary XDG_CACHE_HOME (process-wide, so these run one at a time).
/// </summary>
[Collection(ProcessEnvironmentTests.Name)]
public sealed class SigstoreUpdateTrustRunTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "modelgate-tuf-tests", Guid.NewGuid().ToString("N"));
    private readonly string? _savedCache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");

    public SigstoreUpdateTrustRunTests()
    {
        Directory.CreateDirectory(_dir);
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", Path.Combine(_dir, "cache"));
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", _savedCache);
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A repository serving the production trusted root as its target; the client is bootstrapped with its root.json.</summary>
    private TufTestRepository Repository()
    {
        var repository = new TufTestRepository();
        // The command reads the system clock: the test repository's metadata must be current now.
        foreach (var role in repository.Expires.Keys.ToList())
            repository.Expires[role] = DateTimeOffset.UtcNow.AddDays(30);
        repository.Targets["trusted_root.json"] = File.ReadAllBytes(Path.Combine(SharedTestData.SigstoreTrust, "trusted_root.production.json"));
        File.WriteAllBytes(BootstrapRoot, repository.PublishRoot());
        repository.PublishMetadata();
        return repository;
    }

    private string BootstrapRoot => Path.Combine(_dir, "root.json");

    private string TrustedRootPath => Path.Combine(_dir, "cache", "modelgate", "sigstore", "production", "trusted_root.json");

    [Fact]
    public async Task Update_prints_the_trusted_root_path_the_TUF_root_version_and_each_expiry_then_offline_verifies_it()
    {
        await using var repository = Repository();
        var online = await RunAsync("--mirror", repository.Server.Endpoint.AbsoluteUri, "--root", BootstrapRoot);
        var offline = await RunAsync("--offline");

        Assert.Equal((0, ""), (online.ExitCode, online.Stderr));
        var lines = online.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"trusted root: {TrustedRootPath} (updated)", lines[0]);
        Assert.Equal($"repository:   {repository.Server.Endpoint.AbsoluteUri}", lines[1]);
        Assert.Equal("TUF root:     version 1", lines[2]);
        Assert.Equal(["root:", "timestamp:", "snapshot:", "targets:"], lines[3..].Select(l => l.Split(' ')[0]));
        Assert.All(lines[3..], l => Assert.Contains("version 1, expires ", l, StringComparison.Ordinal));
        Assert.Equal(repository.Targets["trusted_root.json"], File.ReadAllBytes(TrustedRootPath));
        Assert.Equal((0, ""), (offline.ExitCode, offline.Stderr));
        Assert.StartsWith($"trusted root: {TrustedRootPath} (verified offline)", offline.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rollback_is_exit_2_with_the_check_named_and_the_trusted_root_kept()
    {
        await using var repository = Repository();
        repository.Versions["timestamp"] = 5;
        repository.PublishMetadata();
        Assert.Equal(0, (await RunAsync("--mirror", repository.Server.Endpoint.AbsoluteUri, "--root", BootstrapRoot)).ExitCode);
        repository.Versions["timestamp"] = 4;
        repository.PublishMetadata();

        var (code, stdout, stderr) = await RunAsync("--mirror", repository.Server.Endpoint.AbsoluteUri);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Equal("modelgate: sigstore update-trust: timestamp.json: version 4 is lower than the trusted version 5 (rollback)", stderr.Trim());
        Assert.True(File.Exists(TrustedRootPath));
    }

    [Theory]
    [InlineData("--mirror", "http://tuf.example/", "plain HTTP is allowed only for 127.0.0.1 and localhost; use HTTPS")]
    [InlineData("--offline", null, "no cached TUF root (run update-trust online first)")]
    public async Task Refusals_are_exit_2_with_a_reason(string option, string? value, string reason)
    {
        var (code, _, stderr) = await RunAsync(value is null ? [option] : [option, value]);

        Assert.Equal(2, code);
        Assert.EndsWith(reason, stderr.Trim(), StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        CliRunner.RunAsync(["sigstore", "update-trust", .. args]);
}
