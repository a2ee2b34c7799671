using System.IO.Compression;
using ModelGate.Advisories;

namespace ModelGate.Tests.Advisories;

/// <summary>
/// The matcher against an independent Python implementation of the osv-schema evaluation
/// (testdata/make-expected.py, which says how it was run) over the whole PyPA snapshot: 142,640 probes
/// at, around and between every event boundary, enumerated versions, legacy strings and name spellings.
/// </summary>
public sealed class AdvisoryDifferentialTests
{
    [Fact]
    public void Matcher_agrees_with_the_python_reference_on_every_probe()
    {
        var loaded = OsvFileSource.Load(SnapshotPaths.PypaAdvisoryDb);
        Assert.Empty(loaded.Warnings);
        var matcher = new AdvisoryMatcher(AdvisoryIndex.Build(loaded.Advisories));

        var path = Path.Combine(AppContext.BaseDirectory, "Advisories", "testdata", "expected.tsv.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var disagreements = new List<string>();
        var probes = 0;
        var affected = 0;
        var unevaluable = 0;
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split('\t');
            Assert.Equal(4, fields.Length);
            probes++;
            var matches = matcher.Match(fields[0], fields[1]);
            var gotAffected = Ids(matches, MatchOutcome.Affected);
            var gotUnevaluable = Ids(matches, MatchOutcome.CannotEvaluate);
            affected += fields[2] == "-" ? 0 : 1;
            unevaluable += fields[3] == "-" ? 0 : 1;
            if (gotAffected != fields[2] || gotUnevaluable != fields[3])
                disagreements.Add($"{fields[0]} {fields[1]}: expected {fields[2]} / {fields[3]}, got {gotAffected} / {gotUnevaluable}");
        }
        Assert.True(probes > 100_000, $"only {probes} probes");
        Assert.True(affected > 50_000 && unevaluable > 10_000, $"{affected} affected, {unevaluable} unevaluable probes");
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements, first: " + string.Join("\n", disagreements.Take(20)));
    }

    private static string Ids(IReadOnlyList<AdvisoryMatch> matches, MatchOutcome outcome)
    {
        var ids = matches.Where(m => m.Outcome == outcome).Select(m => m.Id).Order(StringComparer.Ordinal).ToArray();
        return ids.Length == 0 ? "-" : string.Join(',', ids);
    }
}
