using ModelGate.Signatures.Sigstore;
using ModelGate.Tests.Signatures.Sigstore;

namespace ModelGate.Cli.Tests;

[CollectionDefinition(nameof(SigstoreEnvironment), DisableParallelization = true)]
public sealed class SigstoreEnvironment
{
}

/// <summary>
/// The Sigstore client conformance suite's bundle-verification cases, driven through <c>modelgate sigstore
/// verify-bundle</c> with the suite's own arguments (sigstore-conformance docs/cli_protocol.md), once with the
/// artifact's path and once with <c>sha256:&lt;hex&gt;</c>. Cases without a trusted root of their own use the
/// production root through MODELGATE_SIGSTORE_TRUSTED_ROOT, as the suite's harness would through TUF.
/// </summary>
[Collection(nameof(SigstoreEnvironment))]
public sealed class SigstoreConformanceTests
{
    private static readonly Dictionary<string, (string Check, string Reason)> Expected = File
        .ReadLines(Path.Combine(AppContext.BaseDirectory, "testdata", "sigstore-conformance-expected.tsv"))
        .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("case\t", StringComparison.Ordinal))
        .Select(line => line.Split('\t'))
        .ToDictionary(f => f[0], f => (f[1], f[2]), StringComparer.Ordinal);

    public static TheoryData<string, bool> Runs()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in SigstoreTestData.CaseNames)
        {
            data.Add(name, false);
            data.Add(name, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Case_gives_the_expected_result(string caseName, bool byDigest)
    {
        var c = new ConformanceCase(caseName);
        var args = new List<string> { "sigstore", "verify-bundle", "--bundle", c.BundlePath };
        if (c.KeyPath is { } key)
            args.AddRange(["--key", key]);
        else
            args.AddRange(["--certificate-identity", c.Identity, "--certificate-oidc-issuer", c.Issuer]);
        if (File.Exists(Path.Combine(c.Folder, "trusted_root.json")))
            args.AddRange(["--trusted-root", c.TrustedRootPath]);
        args.Add(byDigest ? c.ArtifactDigest : c.ArtifactPath);

        var (exitCode, stdout, stderr) = await RunWithProductionRootAsync([.. args]);

        if (!c.ShouldFail)
        {
            Assert.True(exitCode == 0, $"{caseName}: {stderr}");
            Assert.StartsWith("OK: ", stdout, StringComparison.Ordinal);
            return;
        }

        Assert.True(Expected.TryGetValue(caseName, out var expected), $"{caseName} has no row in sigstore-conformance-expected.tsv");
        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.Contains($"verification failed [{expected.Check}]", stderr, StringComparison.Ordinal);
        Assert.Contains(expected.Reason, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Expected_table_lists_exactly_the_failing_cases()
    {
        Assert.Equal(
            SigstoreTestData.CaseNames.Where(n => n.EndsWith("_fail", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
            Expected.Keys.Order(StringComparer.Ordinal));
    }

    internal static async Task<(int ExitCode, string Stdout, string Stderr)> RunWithProductionRootAsync(string[] args)
    {
        var previous = Environment.GetEnvironmentVariable(SigstoreTrustLocations.EnvironmentVariable);
        Environment.SetEnvironmentVariable(SigstoreTrustLocations.EnvironmentVariable, SigstoreTestData.ProductionTrustedRoot);
        try
        {
            return await CliRunner.RunAsync(args);
        }
        finally
        {
            Environment.SetEnvironmentVariable(SigstoreTrustLocations.EnvironmentVariable, previous);
        }
    }
}
