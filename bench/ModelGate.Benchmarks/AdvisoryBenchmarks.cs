using BenchmarkDotNet.Attributes;
using ModelGate.Advisories;
using ModelGate.Formats.Osv;

namespace ModelGate.Benchmarks;

/// <summary>
/// The offline audit over the PyPA advisory snapshot (2,661 YAML advisories): loading the folder (parallel
/// YAML parse), reading the same advisories from canonical JSON (what the local database stores), building
/// the index, and auditing 1,000 pinned (name, version) pairs drawn deterministically from the snapshot
/// (match, alias groups, remediation). The snapshot folder comes from MODELGATE_PYPA_DB, else
/// ../shared/testdata/pypa-advisory-db next to the repository root (the folder with ModelGate.slnx).
/// </summary>
[MemoryDiagnoser]
public class AdvisoryBenchmarks
{
    private string _folder = string.Empty;
    private IReadOnlyList<OsvAdvisory> _advisories = [];
    private byte[][] _canonicalJson = [];
    private AdvisoryMatcher _matcher = null!;
    private (string Name, string Version)[] _pairs = [];

    [GlobalSetup]
    public void Setup()
    {
        _folder = SnapshotFolder();
        var loaded = OsvFileSource.Load(_folder);
        if (loaded.Warnings.Count > 0)
            throw new InvalidOperationException(string.Join('\n', loaded.Warnings));
        _advisories = loaded.Advisories;
        _canonicalJson = [.. _advisories.Select(OsvJsonWriter.ToUtf8Bytes)];
        _matcher = new AdvisoryMatcher(AdvisoryIndex.Build(_advisories));
        _pairs = DrawPairs(_advisories, 1_000);
    }

    [Benchmark]
    public int LoadYamlFolder() => OsvFileSource.Load(_folder).Advisories.Count;

    [Benchmark]
    public int ReadCanonicalJson()
    {
        var count = 0;
        foreach (var json in _canonicalJson)
            count += OsvJsonReader.Read(json).Affected.Count;
        return count;
    }

    [Benchmark]
    public int BuildIndex() => AdvisoryIndex.Build(_advisories).PackageCount;

    [Benchmark]
    public int Audit1000Pins()
    {
        var findings = 0;
        foreach (var (name, version) in _pairs)
        {
            var groups = AdvisoryGrouping.Group(_matcher.Match(name, version));
            if (groups.Count == 0)
                continue;
            var advice = UpgradeAdvisor.Advise(version, groups, _matcher.Index.Get(name));
            findings += groups.Count + (advice.RecommendedUpgrade is null ? 0 : 1);
        }
        return findings;
    }

    // Every PyPI (name, version) the snapshot names in events or versions lists, ordered, then evenly spaced.
    internal static (string Name, string Version)[] DrawPairs(IReadOnlyList<OsvAdvisory> advisories, int count)
    {
        var all = advisories
            .SelectMany(a => a.Affected)
            .Where(e => e.Package is { Ecosystem: "PyPI" })
            .SelectMany(e => e.Versions
                .Concat(e.Ranges.Where(r => r.Type != "GIT").SelectMany(r => r.Events).Select(ev => ev.Version))
                .Where(v => v != "0")
                .Select(v => (Name: e.Package!.Name, Version: v)))
            .Distinct()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Version, StringComparer.Ordinal)
            .ToArray();
        var step = Math.Max(1, all.Length / count);
        return [.. all.Where((_, i) => i % step == 0).Take(count)];
    }

    internal static string SnapshotFolder()
    {
        if (Environment.GetEnvironmentVariable("MODELGATE_PYPA_DB") is { Length: > 0 } configured)
            return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModelGate.slnx")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testdata", "pypa-advisory-db"));
        }
        throw new InvalidOperationException("ModelGate.slnx not found above " + AppContext.BaseDirectory + "; set MODELGATE_PYPA_DB");
    }
}
