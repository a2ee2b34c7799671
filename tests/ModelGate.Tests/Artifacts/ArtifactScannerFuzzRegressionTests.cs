using ModelGate.Artifacts;

namespace ModelGate.Tests.Artifacts;

/// <summary>Inputs the fuzzer found (Artifacts/testdata/regressions): the scan never throws and no reader fails unexpectedly.</summary>
public sealed class ArtifactScannerFuzzRegressionTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Artifacts", "testdata", "regressions");

    public static TheoryData<string> Inputs() =>
        [.. Directory.GetFiles(Folder).Select(f => Path.GetFileName(f)).Where(n => n != "README.md").Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Fuzz_regression_is_scanned_without_a_reader_failure(string name)
    {
        var (results, findings) = ArtifactScanner.ScanFile(Path.Combine(Folder, name), name, null, ArtifactScanSettings.Default);

        Assert.NotEmpty(results);
        Assert.DoesNotContain(findings, f => f.Message.Contains("reader failed unexpectedly", StringComparison.Ordinal));
    }

    [Fact]
    public void Onnx_external_location_with_a_nul_character_is_reported_by_the_reader()
    {
        var (_, findings) = ArtifactScanner.ScanFile(Path.Combine(Folder, "onnx-external-location-with-nul.onnx"), "model.onnx", null, ArtifactScanSettings.Default);

        Assert.Contains(findings, f => f.Message.Contains("NUL character", StringComparison.Ordinal));
    }
}
