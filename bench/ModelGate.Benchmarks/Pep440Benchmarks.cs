using BenchmarkDotNet.Attributes;
using ModelGate.Formats.Pep440;

namespace ModelGate.Benchmarks;

/// <summary>Parsing and sorting one million PEP 440 versions of a realistic mix (see <see cref="Pep440Corpus"/>).</summary>
[MemoryDiagnoser]
public class Pep440Benchmarks
{
    private const int Count = 1_000_000;

    private string[] _texts = [];
    private PythonVersion[] _versions = [];
    private PythonVersion[] _scratch = [];
    private SpecifierSet _specifiers = SpecifierSet.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _texts = Pep440Corpus.Generate(Count, seed: 440);
        _versions = Array.ConvertAll(_texts, PythonVersion.Parse);
        _scratch = new PythonVersion[Count];
        _specifiers = SpecifierSet.Parse(">=1.4,!=2.0.*,<20,~=1.4");
    }

    [Benchmark]
    public int ParseOneMillion()
    {
        var prereleases = 0;
        foreach (var text in _texts)
        {
            if (PythonVersion.Parse(text).IsPrerelease)
                prereleases++;
        }
        return prereleases;
    }

    [Benchmark]
    public PythonVersion SortOneMillion()
    {
        Array.Copy(_versions, _scratch, Count);
        Array.Sort(_scratch);
        return _scratch[^1];
    }

    [Benchmark]
    public PythonVersion ParseAndSortOneMillion()
    {
        for (var i = 0; i < Count; i++)
            _scratch[i] = PythonVersion.Parse(_texts[i]);
        Array.Sort(_scratch);
        return _scratch[^1];
    }

    [Benchmark]
    public int MatchOneMillionAgainstASpecifierSet()
    {
        var matches = 0;
        foreach (var version in _versions)
        {
            if (_specifiers.Contains(version))
                matches++;
        }
        return matches;
    }
}
