using ModelGate.Artifacts;
using ModelGate.Scanning;

namespace ModelGate.Tests.Artifacts;

/// <summary>
/// The model corpus (testdata/corpus, made by tools/make-model-corpus.py with the real libraries and the
/// published attack techniques): every benign file clean, every malicious file caught. manifest.tsv says
/// what each file is and what the scanner must conclude.
/// </summary>
public sealed class CorpusTests
{
    private static readonly string CorpusRoot = Path.Combine(AppContext.BaseDirectory, "Artifacts", "testdata", "corpus");

    /// <summary>One row per corpus file: path, expected outcome, technique (for the test name).</summary>
    public static TheoryData<string, string, string> Files()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in ReadManifest())
            data.Add(row.Path, row.Expect, row.Technique);
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_file_gets_the_expected_verdict(string path, string expect, string technique)
    {
        if (technique == "onnx-external-data-file")
        {
            // The raw tensor bytes beside an ONNX model are data, not a model file: never listed, never an error.
            var full = Path.Combine(CorpusRoot, path);
            Assert.False(new ModelGate.Extractors.Models.ModelArtifactExtractor().CanExtract(new ModelGate.Discovery.DiscoveredFile(full, path, new FileInfo(full).Length)), path);
            return;
        }
        var (results, findings) = ArtifactScanner.ScanFile(Path.Combine(CorpusRoot, path), path, null, ArtifactScanSettings.Default);
        var verdict = results[0].Verdict;
        var because = $"{path} ({technique}) expected {expect}, got {verdict}:\n" + string.Join('\n', findings.Select(f => $"  {f.Rule.Id} {f.Severity} {f.Message}"));
        var acceptable = expect switch
        {
            "clean" => [ArtifactVerdict.Clean],
            "malicious" => [ArtifactVerdict.Malicious],
            "suspicious" => [ArtifactVerdict.Suspicious],
            "error" => [ArtifactVerdict.Error],
            "flagged" => new[] { ArtifactVerdict.Malicious, ArtifactVerdict.Suspicious },
            _ => throw new InvalidOperationException($"manifest expect '{expect}' is not one of clean, malicious, suspicious, flagged, error"),
        };
        Assert.True(acceptable.Contains(verdict), because);
    }

    [Fact]
    public void Corpus_has_at_least_forty_benign_and_forty_malicious_files()
    {
        var rows = ReadManifest();
        Assert.True(rows.Count(r => r.Expect == "clean") >= 40, "fewer than 40 benign files");
        Assert.True(rows.Count(r => r.Expect is "malicious" or "flagged") >= 40, "fewer than 40 malicious files");
        foreach (var row in rows)
            Assert.True(File.Exists(Path.Combine(CorpusRoot, row.Path)), $"manifest names a missing file: {row.Path}");
    }

    [Fact]
    public async Task Scanning_the_whole_corpus_never_runs_a_payload()
    {
        // Several payloads would create this file if anything unpickled, imported or rendered them.
        const string Marker = "/tmp/modelgate-payload-ran";
        if (File.Exists(Marker))
            File.Delete(Marker);
        var scanner = ScannerBuilder.CreateForModels().Build();

        var report = await scanner.ScanAsync(CorpusRoot, new ScanOptions());

        Assert.False(File.Exists(Marker), "a payload ran during the scan");
        Assert.NotEmpty(report.Artifacts);
        Assert.Contains(report.Artifacts, a => a.Verdict == ArtifactVerdict.Malicious);
    }

    private static List<(string Path, string Expect, string Technique)> ReadManifest()
    {
        var lines = File.ReadAllLines(Path.Combine(CorpusRoot, "manifest.tsv"));
        var header = lines[0].Split('\t');
        int Column(string name) => Array.IndexOf(header, name);
        var (path, expect, technique) = (Column("path"), Column("expect"), Column("technique"));
        return [.. lines.Skip(1).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).Select(c => (c[path], c[expect], c[technique]))];
    }
}
