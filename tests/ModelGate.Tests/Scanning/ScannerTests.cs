using ModelGate.Analyzers;
using ModelGate.Findings;
using ModelGate.Formats.Pep508;
using ModelGate.Inventory;
using ModelGate.Policy;
using ModelGate.Scanning;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Scanning;

public sealed class ScannerTests : IDisposable
{
    private readonly TempTree _tree = new();

    private static Scanner NewScanner(GatePolicy? policy = null)
    {
        var builder = new ScannerBuilder().AddExtractor(new LineListExtractor()).AddAnalyzer(new InputDiagnosticsAnalyzer());
        if (policy is not null)
            builder.UsePolicy(policy);
        return builder.Build();
    }

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Discovery_skips_version_control_node_modules_and_virtual_environments()
    {
        _tree.Write("app.pkgs", "numpy 1.0\n");
        _tree.Write(".git/hooks.pkgs", "evil 1.0\n");
        _tree.Write("node_modules/x/y.pkgs", "leftpad 1.0\n");
        _tree.Write(".venv/pyvenv.cfg", "home = /usr/bin\n");
        _tree.Write(".venv/lib/site.pkgs", "installed 1.0\n");
        _tree.Write("sub/dir/more.pkgs", "pandas 2.0\n");

        var inventory = await NewScanner().InventoryAsync(_tree.Root, new ScanOptions());

        Assert.Equal(["app.pkgs", "sub/dir/more.pkgs"], inventory.SourceFiles);
        Assert.Equal(["numpy", "pandas"], inventory.Packages.Select(p => p.Name));
    }

    [Fact]
    public async Task Virtual_environments_are_read_when_asked()
    {
        _tree.Write(".venv/pyvenv.cfg", "home = /usr/bin\n");
        _tree.Write(".venv/lib/site.pkgs", "installed 1.0\n");

        var inventory = await NewScanner().InventoryAsync(_tree.Root, new ScanOptions { IncludeVirtualEnvironments = true });

        Assert.Equal(".venv/lib/site.pkgs", Assert.Single(inventory.Packages).Source.Path);
    }

    [Fact]
    public async Task A_virtual_environment_given_as_the_target_is_read()
    {
        _tree.Write("pyvenv.cfg", "home = /usr/bin\n");
        _tree.Write("lib/site.pkgs", "installed 1.0\n");

        var inventory = await NewScanner().InventoryAsync(_tree.Root, new ScanOptions());

        Assert.Single(inventory.Packages);
    }

    [Fact]
    public async Task A_single_file_target_no_reader_claims_is_a_finding_not_a_pass()
    {
        var file = _tree.Write("notes.md", "hello");

        var report = await NewScanner().ScanAsync(file, new ScanOptions());

        var finding = Assert.Single(report.Findings);
        Assert.Equal(Rules.UnsupportedInput.Id, finding.Rule.Id);
        Assert.Equal(Verdict.Fail, report.Decision.Verdict);
    }

    [Fact]
    public async Task A_missing_target_is_a_usage_error()
    {
        await Assert.ThrowsAsync<ScanTargetException>(() => NewScanner().ScanAsync(Path.Combine(_tree.Root, "nope"), new ScanOptions()));
    }

    [Fact]
    public async Task A_reader_that_throws_fails_closed_and_the_scan_goes_on()
    {
        _tree.Write("a.pkgs", "boom\n");
        _tree.Write("b.pkgs", "numpy 1.0\n");

        var report = await NewScanner().ScanAsync(_tree.Root, new ScanOptions());

        Assert.Equal("numpy", Assert.Single(report.Inventory.Packages).Name);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(Rules.ReaderFailure.Id, finding.Rule.Id);
        Assert.Equal("a.pkgs", finding.Location!.Path);
        Assert.Equal(Verdict.Fail, report.Decision.Verdict);
    }

    [Fact]
    public async Task Parse_errors_become_parse_error_findings_with_file_and_line()
    {
        _tree.Write("a.pkgs", "numpy 1.0\nbad\npandas 2.0\n");

        var report = await NewScanner().ScanAsync(_tree.Root, new ScanOptions());

        Assert.Equal(2, report.Inventory.Packages.Count);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.ParseError, finding.Kind);
        Assert.Equal(new SourceLocation("a.pkgs", 2), finding.Location);
    }

    [Fact]
    public async Task A_parse_error_passes_when_the_threshold_is_above_its_severity()
    {
        _tree.Write("a.pkgs", "bad\n");

        var report = await NewScanner(new GatePolicy(Severity.Critical, Severity.Medium)).ScanAsync(_tree.Root, new ScanOptions());

        Assert.Equal(Verdict.Warn, report.Decision.Verdict);
    }

    [Fact]
    public async Task Lock_entries_are_direct_only_when_a_manifest_in_the_same_folder_names_them()
    {
        _tree.Write("proj/deps.pkgs", "requests\n");
        _tree.Write("proj/deps.lockpkgs", "requests 2.31.0\nurllib3 2.0.7\n");
        _tree.Write("other/deps.lockpkgs", "requests 2.31.0\n");

        var inventory = await NewScanner().InventoryAsync(_tree.Root, new ScanOptions());

        var locked = inventory.Packages.Where(p => p.Origin == PackageOrigin.Lockfile).ToDictionary(p => $"{p.Source.Path}:{p.Name}", p => p.Direct);
        Assert.True(locked["proj/deps.lockpkgs:requests"]);
        Assert.False(locked["proj/deps.lockpkgs:urllib3"]);
        Assert.False(locked["other/deps.lockpkgs:requests"]);
    }

    [Theory]
    [InlineData("pkg editable=1", "editable install")]
    [InlineData("pkg url=git+https://github.com/org/pkg@main", "VCS reference")]
    [InlineData("pkg url=https://example.com/pkg.tar.gz", "direct URL")]
    [InlineData("pkg url=./vendor/pkg", "local path")]
    public async Task Entries_that_cannot_be_audited_by_version_are_skipped_with_the_reason(string line, string reason)
    {
        _tree.Write("a.pkgs", line + "\n");

        var inventory = await NewScanner().InventoryAsync(_tree.Root, new ScanOptions());

        Assert.Empty(inventory.Packages);
        Assert.StartsWith(reason, Assert.Single(inventory.Skipped).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markers_are_kept_by_default_and_evaluated_only_for_a_given_environment()
    {
        _tree.Write("a.pkgs", "pywin32 306 marker=sys_platform~==~\"win32\"\nuvloop 0.19.0 marker=sys_platform~!=~\"win32\"\n");

        var all = await NewScanner().InventoryAsync(_tree.Root, new ScanOptions());
        var linux = await NewScanner().InventoryAsync(_tree.Root, new ScanOptions
        {
            TargetEnvironment = MarkerEnvironment.For("3.11", "linux"),
            TargetEnvironmentDescription = "python 3.11 on linux",
        });

        Assert.Equal(2, all.Packages.Count);
        Assert.Equal("uvloop", Assert.Single(linux.Packages).Name);
        var skipped = Assert.Single(linux.Skipped);
        Assert.Equal("pywin32", skipped.Package.Name);
        Assert.Contains("python 3.11 on linux", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_order_does_not_depend_on_scheduling()
    {
        for (var i = 0; i < 40; i++)
            _tree.Write($"d{i % 7}/f{i}.pkgs", $"p{i} 1.0\np{i}b 2.0\n");

        var first = await NewScanner().InventoryAsync(_tree.Root, new ScanOptions());
        var second = await NewScanner().InventoryAsync(_tree.Root, new ScanOptions());

        Assert.Equal(first.Packages.Select(p => p.Source.ToString()), second.Packages.Select(p => p.Source.ToString()));
        Assert.Equal(first.Packages.Select(p => p.Source.Path).Order(StringComparer.Ordinal), first.Packages.Select(p => p.Source.Path));
    }

    [Fact]
    public async Task Symbolic_links_are_not_followed()
    {
        _tree.Write("real/a.pkgs", "numpy 1.0\n");
        Directory.CreateSymbolicLink(Path.Combine(_tree.Root, "loop"), _tree.Root);
        File.CreateSymbolicLink(Path.Combine(_tree.Root, "link.pkgs"), "/etc/hostname");

        var inventory = await NewScanner().InventoryAsync(_tree.Root, new ScanOptions());

        Assert.Equal(["real/a.pkgs"], inventory.SourceFiles);
    }

    [Fact]
    public async Task Links_to_files_inside_the_target_and_hugging_face_cache_blobs_are_read_under_their_own_names()
    {
        // The layout huggingface_hub writes: snapshots/<commit>/<file> -> ../../blobs/<hash>.
        var repo = Path.Combine(_tree.Root, "models--org--name");
        var blob = _tree.Write("models--org--name/blobs/5d41402abc4b2a76b9719d911017c592", "numpy 1.0\n");
        var snapshot = Path.Combine(repo, "snapshots", "0123abc");
        Directory.CreateDirectory(snapshot);
        File.CreateSymbolicLink(Path.Combine(snapshot, "deps.pkgs"), blob);
        _tree.Write("models--org--name/snapshots/0123abc/real/b.pkgs", "pandas 2.0\n");
        File.CreateSymbolicLink(Path.Combine(snapshot, "again.pkgs"), Path.Combine(snapshot, "real", "b.pkgs"));
        File.CreateSymbolicLink(Path.Combine(snapshot, "outside.pkgs"), "/etc/hostname");
        _tree.Write("models--org--name/snapshots/0123abc/empty.pkgs", "");

        var inventory = await NewScanner().InventoryAsync(snapshot, new ScanOptions());

        Assert.Equal(["again.pkgs", "deps.pkgs", "real/b.pkgs"], inventory.SourceFiles);
    }
}
