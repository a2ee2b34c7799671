using System.Text;
using ModelGate.Formats.Requirements;
using ModelGate.Remediation;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Remediation;

public sealed class HashPinningTests
{
    private static readonly string A = new('a', 64);
    private static readonly string B = new('b', 64);
    private static readonly string C = new('c', 64);

    /// <summary>An in-memory source: "name==version" to digests; anything else is not found; "down" fails transiently.</summary>
    private sealed class MemorySource(Dictionary<string, string[]> releases) : IDigestSource
    {
        public List<string> Asked { get; } = [];

        public string Description => "memory";

        public Task<DigestLookup> LookupAsync(string name, string version, CancellationToken cancellationToken)
        {
            Asked.Add($"{name}=={version}");
            if (name == "down")
                throw new PackageIndexException("memory: HTTP 503 (after 4 attempts)", "memory", 503, transient: true);
            if (name == "broken")
                throw new PackageIndexException("memory: the answer is not valid JSON", "memory", 200, transient: false);
            return Task.FromResult(releases.TryGetValue($"{name}=={version}", out var digests)
                ? new DigestLookup(true, [.. digests.Select((d, i) => new DistributionDigest($"{name}-{version}-{i}.whl", d))])
                : DigestLookup.NotFound);
        }
    }

    [Fact]
    public async Task Pinned_requirements_get_hashes_and_the_rest_are_reported()
    {
        using var tree = new TempTree();
        var path = tree.Write("requirements.txt",
            "# app\nnumpy==1.19.5  # via pandas\nrequests>=2\nmissing==0.1\nsix==1.16.0 ; python_version < \"3\"\n");
        var source = new MemorySource(new() { ["numpy==1.19.5"] = [B, A], ["six==1.16.0"] = [C] });

        var result = await HashPinning.PinAsync(path, source, dryRun: false, CancellationToken.None);

        var expected =
            "# app\n" +
            $"numpy==1.19.5 \\\n    --hash=sha256:{A} \\\n    --hash=sha256:{B}\n    # via pandas\n" +
            "requests>=2\nmissing==0.1\n" +
            $"six==1.16.0 ; python_version < \"3\" \\\n    --hash=sha256:{C}\n";
        Assert.Equal(expected, result.After);
        Assert.Equal(expected, File.ReadAllText(path));
        Assert.True(result.Written);
        Assert.False(result.Complete);
        Assert.Equal(
            [
                "2 Applied", "2 CommentMoved",
                "3 NotApplied requests: no hashes added: not pinned with == to one version (>=2)",
                "4 NotApplied missing: no hashes added: memory has no version 0.1 of missing",
                "5 Applied",
            ],
            result.Notes.Select(n => n.Kind is RequirementsEditNoteKind.NotApplied ? $"{n.Line} {n.Kind} {n.Message}" : $"{n.Line} {n.Kind}"));
        Assert.StartsWith("--- a/", result.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_run_leaves_the_file_alone_and_returns_the_diff()
    {
        using var tree = new TempTree();
        var path = tree.Write("requirements.txt", "numpy==1.19.5\n");
        var result = await HashPinning.PinAsync(path, new MemorySource(new() { ["numpy==1.19.5"] = [A] }), dryRun: true, CancellationToken.None);
        Assert.False(result.Written);
        Assert.Equal("numpy==1.19.5\n", File.ReadAllText(path));
        Assert.Contains($"+    --hash=sha256:{A}\n", result.Diff, StringComparison.Ordinal);
        Assert.Contains("-numpy==1.19.5\n+numpy==1.19.5 \\\n", result.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unavailable_index_stops_further_lookups()
    {
        using var tree = new TempTree();
        var path = tree.Write("requirements.txt", "broken==1\ndown==1\nnumpy==1.19.5\n");
        var source = new MemorySource(new() { ["numpy==1.19.5"] = [A] });
        var result = await HashPinning.PinAsync(path, source, dryRun: false, CancellationToken.None);
        Assert.Equal(["broken==1", "down==1"], source.Asked);
        Assert.Equal(
            [
                "broken: no hashes added: memory: the answer is not valid JSON",
                "down: no hashes added: memory: HTTP 503 (after 4 attempts)",
                "numpy: not looked up: memory was unavailable (memory: HTTP 503 (after 4 attempts))",
            ],
            result.Notes.Select(n => n.Message));
        Assert.False(result.Changed);
        Assert.False(result.Written);
    }

    [Fact]
    public async Task Bom_and_crlf_survive_the_rewrite()
    {
        using var tree = new TempTree();
        var path = tree.WriteBytes("requirements.txt", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("numpy==1.19.5\r\nsix==1.16.0")]);
        await HashPinning.PinAsync(path, new MemorySource(new() { ["numpy==1.19.5"] = [A], ["six==1.16.0"] = [B] }), dryRun: false, CancellationToken.None);
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        Assert.Equal($"numpy==1.19.5 \\\r\n    --hash=sha256:{A}\r\nsix==1.16.0 \\\r\n    --hash=sha256:{B}", Encoding.UTF8.GetString(bytes.AsSpan(3)));
        Assert.Single(Directory.GetFiles(tree.Root));
    }

    [Fact]
    public async Task Pins_from_a_fake_index_over_http()
    {
        await using var index = new FakePackageIndex((c, _) => c.Request.Url!.AbsolutePath == "/pypi/numpy/1.19.5/json"
            ? FakePackageIndex.Json(c, FakePackageIndex.Release(("numpy-1.19.5-cp38-cp38-manylinux1_x86_64.whl", A), ("numpy-1.19.5.zip", B)))
            : Task.Run(() => FakePackageIndex.Status(c, 404)));
        using var client = new PyPiJsonClient(new PyPiJsonClientOptions { IndexUrl = index.BaseUrl + "/simple" });
        using var tree = new TempTree();
        var path = tree.Write("requirements.txt", "numpy==1.19.5\nnothere==1.0\n");

        var result = await HashPinning.PinAsync(path, client, dryRun: false, CancellationToken.None);

        Assert.Equal($"numpy==1.19.5 \\\n    --hash=sha256:{A} \\\n    --hash=sha256:{B}\nnothere==1.0\n", File.ReadAllText(path));
        Assert.Contains(result.Notes, n => n.Line == 2 && n.Message == $"nothere: no hashes added: {index.BaseUrl} has no version 1.0 of nothere");
    }

    [Fact]
    public void Pin_upgrade_writes_the_file_and_a_dry_run_does_not()
    {
        using var tree = new TempTree();
        const string original = "numpy==1.19.5 \\\n    --hash=sha256:aa \\\n    --hash=sha256:bb\n    # via pandas\npandas==1.1.0\n";
        var path = tree.Write("requirements.txt", original);

        var dry = PinUpgrade.Apply(path, [(1, "numpy", "1.21.0"), (5, "pandas", "1.3.0")], dryRun: true);
        Assert.Equal(original, File.ReadAllText(path));
        Assert.False(dry.Written);
        Golden.AssertMatches(dry.Diff.Replace(RequirementsFileText.DisplayPath(path), "requirements.txt", StringComparison.Ordinal), "pin-upgrade.diff");

        var applied = PinUpgrade.Apply(path, [(1, "numpy", "1.21.0"), (5, "pandas", "1.3.0")], dryRun: false);
        Assert.True(applied.Written);
        Assert.Equal("numpy==1.21.0\n    # via pandas\npandas==1.3.0\n", File.ReadAllText(path));
        Assert.Contains(applied.Notes, n => n.Message == "numpy: 2 --hash values removed; they were for 1.19.5");
    }
}
