using System.IO.Compression;
using System.Text;
using ModelGate.Artifacts;
using ModelGate.Findings;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Artifacts;

/// <summary>The walk through files and containers: recursion, limits, fail-closed verdicts, member paths.</summary>
public sealed class ArtifactScannerTests
{
    // GLOBAL 'os system', SHORT_BINUNICODE 'true', TUPLE1, REDUCE, STOP at protocol 2.
    private static readonly byte[] OsSystemPickle = [0x80, 0x02, .. "cos\nsystem\n"u8, 0x58, 4, 0, 0, 0, .. "true"u8, 0x85, 0x52, 0x2E];

    // An empty list: nothing imported, nothing called.
    private static readonly byte[] EmptyListPickle = [0x80, 0x02, 0x5D, 0x71, 0x00, 0x2E];

    [Fact]
    public void A_raw_pickle_payload_is_malicious_whatever_its_name()
    {
        using var tree = new TempTree();
        var path = tree.WriteBytes("model.safetensors", OsSystemPickle);

        var (results, findings) = Scan(path, "model.safetensors");

        Assert.Equal(ArtifactVerdict.Malicious, results[0].Verdict);
        var finding = Assert.Single(findings, f => f.Rule == Rules.DangerousCallable);
        Assert.Contains("os.system", finding.Message, StringComparison.Ordinal);
        Assert.Equal(2, finding.Location?.Offset);
        Assert.Contains(finding.Fingerprint, results[0].Findings);
    }

    [Fact]
    public void A_payload_followed_by_garbage_is_still_malicious()
    {
        using var tree = new TempTree();
        var path = tree.WriteBytes("broken.pkl", [.. OsSystemPickle[..^1], 0xFF, 0xFF, 0xFF]);

        var (results, findings) = Scan(path, "broken.pkl");

        Assert.Equal(ArtifactVerdict.Malicious, results[0].Verdict);
        Assert.Contains(findings, f => f.Rule == Rules.ArtifactNotAnalysed);
    }

    [Fact]
    public void Members_are_named_with_their_archive_and_the_archive_takes_the_worst_verdict()
    {
        using var tree = new TempTree();
        var path = tree.WriteBytes("bundle.zip", Zip(("weights/clean.pkl", EmptyListPickle), ("notes/readme.txt", "hello"u8.ToArray()), ("weights/evil.bin", OsSystemPickle)));

        var (results, _) = Scan(path, "bundle.zip");

        Assert.Equal(ArtifactVerdict.Malicious, results[0].Verdict);
        Assert.Equal(ArtifactVerdict.Clean, results.Single(r => r.Path == "bundle.zip!weights/clean.pkl").Verdict);
        Assert.Equal(ArtifactVerdict.Malicious, results.Single(r => r.Path == "bundle.zip!weights/evil.bin").Verdict);
        Assert.DoesNotContain(results, r => r.Path.EndsWith("readme.txt", StringComparison.Ordinal));
        Assert.Equal("bundle.zip", results.Single(r => r.Path == "bundle.zip!weights/evil.bin").Container);
    }

    [Fact]
    public void A_corrupt_member_does_not_stop_the_walk_over_the_others()
    {
        using var tree = new TempTree();
        var path = tree.WriteBytes("a.zip", Zip(("first.pkl", [0x80, 0x02, 0xFF, 0xFF]), ("second.pkl", OsSystemPickle)));

        var (results, _) = Scan(path, "a.zip");

        Assert.Equal(ArtifactVerdict.Error, results.Single(r => r.Path == "a.zip!first.pkl").Verdict);
        Assert.Equal(ArtifactVerdict.Malicious, results.Single(r => r.Path == "a.zip!second.pkl").Verdict);
        Assert.Equal(ArtifactVerdict.Malicious, results[0].Verdict);
    }

    [Fact]
    public void A_clean_pickle_inside_gzip_inside_zip_is_clean()
    {
        using var tree = new TempTree();
        var path = tree.WriteBytes("nested.zip", Zip(("inner/model.pkl.gz", Gzip(EmptyListPickle))));

        var (results, findings) = Scan(path, "nested.zip");

        Assert.Empty(findings);
        Assert.All(results, r => Assert.Equal(ArtifactVerdict.Clean, r.Verdict));
        Assert.Contains(results, r => r.Path == "nested.zip!inner/model.pkl.gz!model.pkl" && r.Format == "pickle");
    }

    [Fact]
    public void Archives_nested_beyond_the_depth_limit_are_an_error_not_clean()
    {
        using var tree = new TempTree();
        var bytes = OsSystemPickle;
        var name = "payload.pkl";
        for (var i = 0; i < 20; i++)
        {
            bytes = Zip((name, bytes));
            name = $"level{i}.zip";
        }
        var path = tree.WriteBytes(name, bytes);

        var (results, findings) = Scan(path, name);

        Assert.NotEqual(ArtifactVerdict.Clean, results[0].Verdict);
        Assert.Contains(findings, f => f.Rule == Rules.ArtifactNotAnalysed && f.Message.Contains("deep", StringComparison.Ordinal));
    }

    [Fact]
    public void A_member_that_inflates_past_the_budget_is_stopped_and_reported()
    {
        using var tree = new TempTree();
        // A pickle holding 32 MiB of zeros as one BINBYTES argument deflates to a few KiB.
        var pickle = new byte[32 * 1024 * 1024 + 8];
        pickle[0] = 0x80;
        pickle[1] = 0x02;
        pickle[2] = 0x42;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(pickle.AsSpan(3), pickle.Length - 8);
        pickle[^1] = 0x2E;
        var path = tree.WriteBytes("bomb.zip", Zip(("zeros.pkl", pickle)));
        var settings = ArtifactScanSettings.Default with { Limits = ArtifactLimits.Default with { MaxTotalUncompressedBytes = 4 * 1024 * 1024 } };

        var (results, findings) = ArtifactScanner.ScanFile(path, "bomb.zip", null, settings);

        Assert.Equal(ArtifactVerdict.Error, results[0].Verdict);
        Assert.Contains(findings, f => f.Rule == Rules.ArtifactNotAnalysed);
    }

    [Fact]
    public void Ten_thousand_members_are_walked_and_the_member_limit_is_enforced()
    {
        using var tree = new TempTree();
        var members = Enumerable.Range(0, 10_000).Select(i => ($"m/{i}.pkl", EmptyListPickle)).ToArray();
        var path = tree.WriteBytes("many.zip", Zip(members));

        var (results, findings) = Scan(path, "many.zip");
        Assert.Equal(ArtifactVerdict.Clean, results[0].Verdict);
        Assert.Equal(10_001, results.Count);
        Assert.Empty(findings);

        var limited = ArtifactScanSettings.Default with { Limits = ArtifactLimits.Default with { MaxMembers = 100 } };
        var (limitedResults, limitedFindings) = ArtifactScanner.ScanFile(path, "many.zip", null, limited);
        Assert.Equal(ArtifactVerdict.Error, limitedResults[0].Verdict);
        Assert.Contains(limitedFindings, f => f.Rule == Rules.ArtifactNotAnalysed && f.Message.Contains("limit is 100", StringComparison.Ordinal));
    }

    [Fact]
    public void Bytes_no_reader_recognises_are_an_error_for_a_listed_model_file()
    {
        using var tree = new TempTree();
        var path = tree.WriteBytes("weights.bin", [0x00, 0x01, 0x02, 0x03, 0xFE, 0xFD, 0x10, 0x11]);

        var (results, findings) = Scan(path, "weights.bin");

        Assert.Equal(ArtifactVerdict.Error, results[0].Verdict);
        Assert.Contains(findings, f => f.Rule == Rules.ArtifactNotAnalysed);
    }

    [Fact]
    public void A_truncated_zip_is_an_error_naming_the_file()
    {
        using var tree = new TempTree();
        var zip = Zip(("data.pkl", OsSystemPickle));
        var path = tree.WriteBytes("cut.pt", zip[..(zip.Length / 2)]);

        var (results, findings) = Scan(path, "cut.pt");

        Assert.NotEqual(ArtifactVerdict.Clean, results[0].Verdict);
        Assert.Contains(findings, f => f.Message.Contains("cut.pt", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("dense-attributes-lambda.h5", ArtifactVerdict.Malicious)]
    [InlineData("dense-attributes-dense.h5", ArtifactVerdict.Clean)]
    public void Keras_configs_in_hdf5_dense_attribute_storage_are_found_in_the_bytes(string name, ArtifactVerdict expected)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Artifacts", "testdata", "keras", name);

        var (results, findings) = Scan(path, name);

        Assert.Equal(expected, results[0].Verdict);
        Assert.Contains(findings, f => f.Rule == Rules.ArtifactNotAnalysed && f.Severity == Severity.Info);
    }

    [Theory]
    [InlineData("frozen-matmul.pb", "tensorflow-graphdef", ArtifactVerdict.Clean)]
    [InlineData("frozen-pyfunc.pb", "tensorflow-graphdef", ArtifactVerdict.Malicious)]
    [InlineData("not-a-graph.pb", "protobuf", ArtifactVerdict.Clean)]
    public void Frozen_tensorflow_graphs_are_checked_like_saved_models(string name, string format, ArtifactVerdict expected)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Artifacts", "testdata", "tensorflow", name);

        var (results, _) = Scan(path, name);

        Assert.Equal(format, results[0].Format);
        Assert.Equal(expected, results[0].Verdict);
    }

    [Theory]
    [InlineData("benign/onnx/mlp.onnx", "weights.bin", ArtifactVerdict.Clean)]
    [InlineData("malicious/onnx/external_data_traversal.onnx", "model.data", ArtifactVerdict.Suspicious)]
    public void Onnx_models_are_checked_whatever_their_name(string corpusFile, string name, ArtifactVerdict expected)
    {
        using var tree = new TempTree();
        var path = tree.WriteBytes(name, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Artifacts", "testdata", "corpus", corpusFile)));

        var (results, _) = Scan(path, name);

        Assert.Equal("onnx", results[0].Format);
        Assert.Equal(expected, results[0].Verdict);
    }

    [Fact]
    public void Onnx_external_data_behind_a_symbolic_link_out_of_the_folder_is_reported()
    {
        using var tree = new TempTree();
        var corpus = Path.Combine(AppContext.BaseDirectory, "Artifacts", "testdata", "corpus", "benign", "onnx");
        var model = Path.Combine(tree.Root, "mlp_external.onnx");
        File.Copy(Path.Combine(corpus, "mlp_external.onnx"), model);
        var outside = tree.WriteBytes("elsewhere/secret.bin", new byte[64]);
        File.CreateSymbolicLink(Path.Combine(tree.Root, "mlp_external.onnx.data"), outside);
        var (linked, linkedFindings) = Scan(model, "mlp_external.onnx");

        File.Delete(Path.Combine(tree.Root, "mlp_external.onnx.data"));
        File.Copy(Path.Combine(corpus, "mlp_external.onnx.data"), Path.Combine(tree.Root, "mlp_external.onnx.data"));
        var (plain, _) = Scan(model, "mlp_external.onnx");

        Assert.Equal(ArtifactVerdict.Suspicious, linked[0].Verdict);
        Assert.Contains(linkedFindings, f => f.Rule == Rules.ArchivePathTraversal && f.Message.Contains("symbolic link", StringComparison.Ordinal));
        Assert.Equal(ArtifactVerdict.Clean, plain[0].Verdict);
    }

    private static (IReadOnlyList<ArtifactResult> Results, IReadOnlyList<Finding> Findings) Scan(string path, string relative) =>
        ArtifactScanner.ScanFile(path, relative, null, ArtifactScanSettings.Default);

    internal static byte[] Zip(params (string Name, byte[] Content)[] members)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            foreach (var (name, content) in members)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                using var stream = entry.Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(content);
        return buffer.ToArray();
    }
}
