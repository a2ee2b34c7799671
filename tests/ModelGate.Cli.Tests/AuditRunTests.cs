using System.Text.Json;
using ModelGate.Tests.Advisories.Api;
using ModelGate.Tests.Support;

namespace ModelGate.Cli.Tests;

/// <summary>
/// The dependency audit end to end: each advisory source the precedence rules allow, --fix, --assume-worst
/// and the offline error. Environment variables are process-wide, so these run one at a time.
/// </summary>
[Collection(ProcessEnvironmentTests.Name)]
public sealed class AuditRunTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "modelgate-audit-tests", Guid.NewGuid().ToString("N"));
    private readonly string? _savedCache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
    private readonly string? _savedDb = Environment.GetEnvironmentVariable("MODELGATE_DB");

    public AuditRunTests()
    {
        Directory.CreateDirectory(_dir);
        // An empty cache: no local database unless a test imports one.
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", Path.Combine(_dir, "cache"));
        Environment.SetEnvironmentVariable("MODELGATE_DB", null);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", _savedCache);
        Environment.SetEnvironmentVariable("MODELGATE_DB", _savedDb);
        Directory.Delete(_dir, recursive: true);
    }

    private string Project(string requirements)
    {
        var project = Path.Combine(_dir, "project");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "requirements.txt"), requirements);
        return project;
    }

    private static JsonElement Json(string stdout) => JsonDocument.Parse(stdout).RootElement;

    [Fact]
    public async Task Offline_with_no_local_data_is_an_error_not_a_clean_result()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("deps", Project("aiohttp==3.7.3\n"), "--offline");

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("--offline", stderr, StringComparison.Ordinal);
        Assert.Contains("db update", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pypa_snapshot_imported_with_db_update_is_used_by_default()
    {
        var update = await CliRunner.RunAsync("db", "update", "--from", SharedTestData.PypaAdvisoryDb);
        Assert.Equal(0, update.ExitCode);
        Assert.Contains("advisories: 26", update.Stdout, StringComparison.Ordinal);

        var status = await CliRunner.RunAsync("db", "status");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains(SharedTestData.PypaAdvisoryDb, status.Stdout, StringComparison.Ordinal);

        var (code, stdout, _) = await CliRunner.RunAsync("deps", Project("aiohttp==3.7.3\nAIOHTTP==3.7.4\n"), "--offline", "--format", "json");

        Assert.Equal(1, code);
        var vulnerabilities = Json(stdout).GetProperty("vulnerabilities").EnumerateArray().ToList();
        // PYSEC-2021-76 (fixed in 3.7.4) affects line 1 only: each line is audited on its own.
        Assert.Contains(vulnerabilities, v => v.GetProperty("ids")[0].GetString() == "PYSEC-2021-76" && v.GetProperty("source").GetProperty("line").GetInt32() == 1);
        Assert.DoesNotContain(vulnerabilities, v => v.GetProperty("ids")[0].GetString() == "PYSEC-2021-76" && v.GetProperty("source").GetProperty("line").GetInt32() == 2);
    }

    [Fact]
    public async Task Db_update_downloads_an_osv_zip_export_over_http()
    {
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "testdata", "advisories"), "*.json"))
            {
                using var entry = archive.CreateEntry(Path.GetFileName(file)).Open();
                entry.Write(File.ReadAllBytes(file));
            }
        }
        var body = zip.ToArray();
        await using var server = new FakeOsvServer();
        server.Handler = async (context, _, token) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/zip";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body, token);
        };
        var db = Path.Combine(_dir, "osv.db");

        var update = await CliRunner.RunAsync("db", "update", "--from", new Uri(server.BaseUrl, "PyPI/all.zip").ToString(), "--db", db);

        Assert.True(update.ExitCode == 0, update.Stderr);
        // All four synthetic advisories are stored, the withdrawn one too: withdrawal is applied when matching.
        Assert.Contains("advisories: 4", update.Stdout, StringComparison.Ordinal);
        var (code, stdout, _) = await CliRunner.RunAsync("deps", Project("numpy==1.19.5\nruff==0.1.5\n"), "--db", db, "--format", "json");
        Assert.Equal(1, code);
        var ids = Json(stdout).GetProperty("vulnerabilities").EnumerateArray().Select(v => v.GetProperty("ids")[0].GetString()).ToList();
        Assert.Equal(["GHSA-test-0001-0001"], ids);
    }

    [Fact]
    public async Task Pin_hashes_adds_the_digests_of_a_wheelhouse()
    {
        var wheelhouse = Path.Combine(_dir, "wheels");
        Directory.CreateDirectory(wheelhouse);
        var wheel = Path.Combine(wheelhouse, "numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
        await File.WriteAllBytesAsync(wheel, [1, 2, 3, 4]);
        var project = Project("numpy==1.26.4  # arrays\npandas>=2\n");
        var requirements = Path.Combine(project, "requirements.txt");

        var (code, _, stderr) = await CliRunner.RunAsync("deps", "pin-hashes", requirements, "--find-links", wheelhouse);

        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(new byte[] { 1, 2, 3, 4 }));
        var text = await File.ReadAllTextAsync(requirements);
        Assert.Contains($"--hash=sha256:{digest}", text, StringComparison.Ordinal);
        Assert.Contains("pandas", stderr, StringComparison.Ordinal);
        Assert.Equal(1, code);
    }

    [Theory]
    [InlineData("--ignore", "CVE-2099-0001", "--ignore", "TEST-2026-0002")]
    [InlineData("--ignore", "TEST-2026-0001,TEST-2026-0002")]
    public async Task Ignored_advisories_are_matched_by_any_alias_and_do_not_fail_the_audit(params string[] ignore)
    {
        var advisories = Path.Combine(AppContext.BaseDirectory, "testdata", "advisories");

        var (code, stdout, _) = await CliRunner.RunAsync(["deps", Project("numpy==1.19.5\npydantic==2.4.2\n"), "--db", advisories, "--format", "json", .. ignore]);

        Assert.Equal(0, Json(stdout).GetProperty("vulnerabilities").GetArrayLength());
        Assert.Equal(0, code);
    }

    [Fact]
    public async Task A_corrupt_database_is_a_clear_error()
    {
        var db = Path.Combine(_dir, "broken.db");
        await File.WriteAllBytesAsync(db, [.. "SQLite format 3\0"u8, .. new byte[200]]);

        var (code, _, stderr) = await CliRunner.RunAsync("deps", Project("aiohttp==3.7.3\n"), "--db", db);

        Assert.Equal(2, code);
        Assert.Contains(db, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_osv_api_is_asked_when_there_is_no_local_data()
    {
        await using var server = new FakeOsvServer();
        server.Vulns[("aiohttp", "3.7.3")] = ["PYSEC-2021-76"];
        server.Advisories["PYSEC-2021-76"] = """
            {"id":"PYSEC-2021-76","aliases":["CVE-2021-21330"],"summary":"open redirect",
             "affected":[{"package":{"ecosystem":"PyPI","name":"aiohttp"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"3.7.4"}]}]}]}
            """;

        var (code, stdout, stderr) = await CliRunner.RunAsync("deps", Project("aiohttp==3.7.3\nnumpy==1.26.4\n"), "--osv-url", server.BaseUrl.ToString(), "--format", "json");

        Assert.True(code == 1, stderr);
        var report = Json(stdout);
        var vulnerability = Assert.Single(report.GetProperty("vulnerabilities").EnumerateArray());
        Assert.Equal("3.7.4", vulnerability.GetProperty("recommended").GetString());
        Assert.StartsWith("OSV API at http://127.0.0.1:", report.GetProperty("advisorySource").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_reports_an_unreachable_advisory_source_as_a_failing_finding_and_still_lists_the_inventory()
    {
        await using var server = new FakeOsvServer();
        server.Handler = (context, _, token) => FakeOsvServer.WriteAsync(context.Response, 200, "text/html", "<html>captive portal</html>", token);

        var (code, stdout, _) = await CliRunner.RunAsync("scan", Project("aiohttp==3.7.3\n"), "--osv-url", server.BaseUrl.ToString(), "--format", "json");

        Assert.Equal(1, code);
        var report = Json(stdout);
        Assert.Equal(1, report.GetProperty("packages").GetArrayLength());
        Assert.Contains(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "MG0009" && f.GetProperty("severity").GetString() == "high");
    }

    [Fact]
    public async Task Fix_writes_the_recommended_pins_and_dry_run_only_prints_them()
    {
        var advisories = Path.Combine(AppContext.BaseDirectory, "testdata", "advisories");
        var project = Project("numpy==1.19.5 \\\n    --hash=sha256:aaaa\n# keep me\npydantic==2.4.2  # api models\n");

        var dry = await CliRunner.RunAsync("deps", project, "--db", advisories, "--fix", "--dry-run", "--format", "json", "--output", Path.Combine(_dir, "r.json"));
        Assert.Contains("+numpy==1.22.0", dry.Stdout, StringComparison.Ordinal);
        Assert.Equal("numpy==1.19.5 \\\n    --hash=sha256:aaaa\n# keep me\npydantic==2.4.2  # api models\n", await File.ReadAllTextAsync(Path.Combine(project, "requirements.txt")));

        var (code, _, stderr) = await CliRunner.RunAsync("deps", project, "--db", advisories, "--fix", "--format", "json", "--output", Path.Combine(_dir, "r.json"));

        Assert.Equal(1, code);
        Assert.Equal("numpy==1.22.0\n# keep me\npydantic==2.4.3  # api models\n", await File.ReadAllTextAsync(Path.Combine(project, "requirements.txt")));
        Assert.Contains("--hash", stderr, StringComparison.Ordinal);
        var after = await CliRunner.RunAsync("deps", project, "--db", advisories, "--format", "json");
        Assert.Equal(0, Json(after.Stdout).GetProperty("vulnerabilities").GetArrayLength());
    }

    [Fact]
    public async Task Assume_worst_judges_unpinned_ranges_by_the_versions_they_allow()
    {
        var advisories = Path.Combine(AppContext.BaseDirectory, "testdata", "advisories");
        var project = Project("numpy>=1.20\npydantic>=2.5\n");

        var plain = await CliRunner.RunAsync("deps", project, "--db", advisories, "--format", "json");
        var worst = await CliRunner.RunAsync("deps", project, "--db", advisories, "--format", "json", "--assume-worst");

        Assert.DoesNotContain(Json(plain.Stdout).GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "MG1002");
        var possible = Json(worst.Stdout).GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("ruleId").GetString() == "MG1002").ToList();
        Assert.Equal("numpy", Assert.Single(possible).GetProperty("package").GetString());
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentTests
{
    public const string Name = "process environment";
}
