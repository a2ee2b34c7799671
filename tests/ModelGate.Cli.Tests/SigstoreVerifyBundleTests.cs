using ModelGate.Signatures.Sigstore;
using ModelGate.Tests.Signatures.Sigstore;

namespace ModelGate.Cli.Tests;

/// <summary><c>modelgate sigstore verify-bundle</c> beyond the conformance protocol: options, errors, limits.</summary>
[Collection(nameof(SigstoreEnvironment))]
public sealed class SigstoreVerifyBundleTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("modelgate-sigstore-").FullName;
    private readonly ConformanceCase happy = new("happy-path-v0.3");

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Fact]
    public async Task Cosign_style_regular_expressions_verify()
    {
        var (exitCode, stdout, stderr) = await SigstoreConformanceTests.RunWithProductionRootAsync(
        [
            "sigstore", "verify-bundle", "--bundle", happy.BundlePath,
            "--certificate-identity-regexp", "https://github\\.com/sigstore-conformance/.+",
            "--certificate-oidc-issuer-regexp", "https://token\\.actions\\.githubusercontent\\.com", happy.ArtifactPath,
        ]);
        Assert.True(exitCode == 0, stderr);
        Assert.Contains($"signed by {happy.Identity} (issuer {happy.Issuer})", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--certificate-identity", "x")]
    [InlineData("--certificate-oidc-issuer", "x")]
    public async Task Half_an_identity_policy_is_a_usage_error(string option, string value)
    {
        var (exitCode, _, stderr) = await SigstoreConformanceTests.RunWithProductionRootAsync(
            ["sigstore", "verify-bundle", "--bundle", happy.BundlePath, option, value, happy.ArtifactPath]);
        Assert.Equal(2, exitCode);
        Assert.Contains("give --certificate-identity", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_any_trusted_root_the_user_is_told_to_run_update_trust()
    {
        var previous = (Xdg: Environment.GetEnvironmentVariable("XDG_CACHE_HOME"), Root: Environment.GetEnvironmentVariable(SigstoreTrustLocations.EnvironmentVariable));
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", temp);
        Environment.SetEnvironmentVariable(SigstoreTrustLocations.EnvironmentVariable, null);
        try
        {
            var (exitCode, _, stderr) = await CliRunner.RunAsync(
                "sigstore", "verify-bundle", "--staging", "--bundle", happy.BundlePath,
                "--certificate-identity", happy.Identity, "--certificate-oidc-issuer", happy.Issuer, happy.ArtifactPath);
            Assert.Equal(1, exitCode);
            Assert.Contains("[trusted-root]", stderr, StringComparison.Ordinal);
            Assert.Contains("run 'modelgate sigstore update-trust --staging'", stderr, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(temp, "modelgate", "sigstore", "staging", "trusted_root.json"), stderr, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", previous.Xdg);
            Environment.SetEnvironmentVariable(SigstoreTrustLocations.EnvironmentVariable, previous.Root);
        }
    }

    [Fact]
    public async Task The_cached_root_of_update_trust_is_used_when_nothing_else_is_named()
    {
        var previous = (Xdg: Environment.GetEnvironmentVariable("XDG_CACHE_HOME"), Root: Environment.GetEnvironmentVariable(SigstoreTrustLocations.EnvironmentVariable));
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", temp);
        Environment.SetEnvironmentVariable(SigstoreTrustLocations.EnvironmentVariable, null);
        try
        {
            var cached = SigstoreTrustLocations.CachedTrustedRootPath(SigstoreTrustLocations.Production);
            Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
            File.Copy(SigstoreTestData.ProductionTrustedRoot, cached);
            var (exitCode, _, stderr) = await CliRunner.RunAsync(
                "sigstore", "verify-bundle", "--bundle", happy.BundlePath,
                "--certificate-identity", happy.Identity, "--certificate-oidc-issuer", happy.Issuer, happy.ArtifactPath);
            Assert.True(exitCode == 0, stderr);
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", previous.Xdg);
            Environment.SetEnvironmentVariable(SigstoreTrustLocations.EnvironmentVariable, previous.Root);
        }
    }

    [Fact]
    public async Task A_50_MB_bundle_is_refused_by_size_before_it_is_read()
    {
        var bundle = Path.Combine(temp, "huge.sigstore.json");
        await using (var stream = File.Create(bundle))
            stream.SetLength(50L * 1024 * 1024);
        var (exitCode, _, stderr) = await SigstoreConformanceTests.RunWithProductionRootAsync(
            ["sigstore", "verify-bundle", "--bundle", bundle, "--certificate-identity", "x", "--certificate-oidc-issuer", "y", happy.ArtifactPath]);
        Assert.Equal(1, exitCode);
        Assert.Contains("[bundle-format]", stderr, StringComparison.Ordinal);
        Assert.Contains("52428800 bytes, more than the 16777216-byte limit; refused before parsing", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_bundle_is_an_input_error()
    {
        var (exitCode, _, stderr) = await SigstoreConformanceTests.RunWithProductionRootAsync(
            ["sigstore", "verify-bundle", "--bundle", Path.Combine(temp, "absent.json"), "--key", new ConformanceCase("managed-key-happy-path").KeyPath!, happy.ArtifactPath]);
        Assert.Equal(2, exitCode);
        Assert.Contains("absent.json", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_digest_that_is_also_a_file_name_is_read_as_the_file()
    {
        var name = happy.ArtifactDigest;
        var file = Path.Combine(temp, "different content");
        await File.WriteAllTextAsync(file, "not the artifact");
        var cwd = Environment.CurrentDirectory;
        Environment.CurrentDirectory = temp;
        try
        {
            File.Move(file, Path.Combine(temp, name));
            var (exitCode, _, stderr) = await SigstoreConformanceTests.RunWithProductionRootAsync(
                ["sigstore", "verify-bundle", "--bundle", happy.BundlePath, "--certificate-identity", happy.Identity, "--certificate-oidc-issuer", happy.Issuer, name]);
            Assert.Equal(1, exitCode);
            Assert.Contains("[artifact-digest]", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Environment.CurrentDirectory = cwd;
        }
    }
}
