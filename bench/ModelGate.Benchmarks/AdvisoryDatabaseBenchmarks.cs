using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using ModelGate.Advisories.Database;

namespace ModelGate.Benchmarks;

/// <summary>
/// The local advisory database: a full import (targets: 3,000 advisories well under 1 s), opening it (on the
/// critical path of every audit), 1,000 package lookups on one open database (target: well under 50 ms), and the
/// full-file integrity check that <see cref="AdvisoryDatabase.Open"/> deliberately does not run.
/// </summary>
[MemoryDiagnoser]
public class AdvisoryDatabaseBenchmarks
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "modelgate-bench-" + Guid.NewGuid().ToString("N"));
    private List<StoredAdvisory> _advisories = [];
    private string[] _lookups = [];
    private AdvisoryDatabase? _open;

    [Params(3_000, 10_000)]
    public int Advisories { get; set; }

    private string DatabasePath => Path.Combine(_folder, "advisories.db");

    [GlobalSetup]
    public void Setup()
    {
        _advisories = Generate(Advisories);
        _lookups = Enumerable.Range(0, 1_000)
            .Select(i => i % 2 == 0 ? "pkg-" + i.ToString(CultureInfo.InvariantCulture) : "absent-" + i.ToString(CultureInfo.InvariantCulture))
            .ToArray();
        AdvisoryDatabaseWriter.Import(DatabasePath, "benchmark", _advisories, TimeProvider.System);
        _open = AdvisoryDatabase.Open(DatabasePath);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _open?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public long Import() =>
        AdvisoryDatabaseWriter.Import(Path.Combine(_folder, "import.db"), "benchmark", _advisories, TimeProvider.System).AdvisoryCount;

    [Benchmark]
    public long Open()
    {
        using var database = AdvisoryDatabase.Open(DatabasePath);
        return database.Status.AdvisoryCount;
    }

    [Benchmark]
    public int Lookup1000()
    {
        var found = 0;
        foreach (var name in _lookups)
            found += _open!.GetAdvisoriesJson(name).Count;
        return found;
    }

    [Benchmark]
    public void QuickCheck() => _open!.CheckIntegrity();

    /// <summary>
    /// OSV-shaped documents of about 1.7 KB (the PyPA snapshot's YAML files average about 1.8 KB), one package each over
    /// 2,000 names. Deterministic.
    /// </summary>
    private static List<StoredAdvisory> Generate(int count)
    {
        var result = new List<StoredAdvisory>(count);
        for (var i = 0; i < count; i++)
        {
            var id = "GHSA-" + i.ToString("D5", CultureInfo.InvariantCulture);
            var package = "pkg-" + (i % 2_000).ToString(CultureInfo.InvariantCulture);
            var json = new StringBuilder(1_800)
                .Append("{\"schema_version\":\"1.6.0\",\"id\":\"").Append(id)
                .Append("\",\"modified\":\"2024-05-01T12:00:00Z\",\"aliases\":[\"CVE-2023-").Append(i)
                .Append("\"],\"details\":\"").Append('d', 700)
                .Append("\",\"affected\":[{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"").Append(package)
                .Append("\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"")
                .Append(i % 9).Append(".1\"}]}],\"versions\":[");
            for (var v = 0; v < 25; v++)
                json.Append(v == 0 ? "\"" : ",\"").Append(v / 5).Append('.').Append(v % 5).Append(".0\"");
            json.Append("]}],\"references\":[{\"type\":\"WEB\",\"url\":\"https://example.invalid/advisory/").Append(id)
                .Append("\"}],\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}]}");
            result.Add(new StoredAdvisory(id, DateTimeOffset.UnixEpoch.AddDays(i), [package], json.ToString()));
        }
        return result;
    }
}
