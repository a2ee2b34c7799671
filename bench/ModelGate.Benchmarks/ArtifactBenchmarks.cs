using System.Buffers.Binary;
using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using ModelGate.Artifacts;
using ModelGate.Scanning;

namespace ModelGate.Benchmarks;

/// <summary>
/// The artifact scanner on the three shapes the issue sets targets for: pickle analysis throughput on a
/// 64 MiB pickle of many small objects (target ≥ 100 MB/s); a 1 GiB PyTorch checkpoint, whose scan must
/// read only the zip directory and the data.pkl member (time independent of the tensor bytes); and a
/// folder of 1,000 small artifacts through the whole scanner (target under a second).
/// Files are made in a temporary folder by the setup and deleted by the cleanup.
/// </summary>
[MemoryDiagnoser]
public class ArtifactBenchmarks
{
    private string _folder = string.Empty;
    private string _pickle = string.Empty;
    private string _checkpoint = string.Empty;
    private string _manyFolder = string.Empty;
    private Scanner _scanner = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "modelgate-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(_folder);
        _pickle = Path.Combine(_folder, "objects.pkl");
        File.WriteAllBytes(_pickle, ManySmallObjectsPickle(64 * 1024 * 1024));
        _checkpoint = Path.Combine(_folder, "checkpoint.pt");
        WriteCheckpoint(_checkpoint, 1L << 30);
        _manyFolder = Path.Combine(_folder, "many");
        Directory.CreateDirectory(_manyFolder);
        var small = ManySmallObjectsPickle(2048);
        for (var i = 0; i < 1000; i++)
            File.WriteAllBytes(Path.Combine(_manyFolder, $"model-{i:0000}.pkl"), small);
        _scanner = ScannerBuilder.CreateForModels().Build();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>64 MiB of pickle opcodes: divide 64 MiB by the mean time for the throughput.</summary>
    [Benchmark]
    public ArtifactVerdict Pickle64MiB() => ArtifactScanner.ScanFile(_pickle, "objects.pkl", null, ArtifactScanSettings.Default).Results[0].Verdict;

    [Benchmark]
    public ArtifactVerdict TorchCheckpoint1GiB() => ArtifactScanner.ScanFile(_checkpoint, "checkpoint.pt", null, ArtifactScanSettings.Default).Results[0].Verdict;

    [Benchmark]
    public int FolderOf1000SmallPickles() => _scanner.ScanAsync(_manyFolder, new ScanOptions()).GetAwaiter().GetResult().Artifacts.Count;

    /// <summary>
    /// A protocol-2 pickle of a list of (int, str, float) tuples wrapped in collections.OrderedDict calls:
    /// the opcode mix of a real state dict's metadata, without tensor bytes.
    /// </summary>
    internal static byte[] ManySmallObjectsPickle(int targetBytes)
    {
        using var buffer = new MemoryStream(targetBytes + 1024);
        buffer.Write([0x80, 0x02]);
        buffer.Write("ccollections\nOrderedDict\n"u8);
        buffer.WriteByte(0x71); // BINPUT 0
        buffer.WriteByte(0x00);
        buffer.WriteByte(0x5D); // EMPTY_LIST
        buffer.WriteByte(0x28); // MARK
        var i = 0;
        Span<byte> scratch = stackalloc byte[8];
        while (buffer.Length < targetBytes)
        {
            buffer.WriteByte(0x4A); // BININT
            BinaryPrimitives.WriteInt32LittleEndian(scratch, i);
            buffer.Write(scratch[..4]);
            buffer.WriteByte(0x58); // BINUNICODE "layer.weight"
            BinaryPrimitives.WriteInt32LittleEndian(scratch, 12);
            buffer.Write(scratch[..4]);
            buffer.Write("layer.weight"u8);
            buffer.WriteByte(0x47); // BINFLOAT
            BinaryPrimitives.WriteDoubleBigEndian(scratch, i * 0.5);
            buffer.Write(scratch);
            buffer.WriteByte(0x87); // TUPLE3
            if (++i % 1000 == 0)
            {
                buffer.WriteByte(0x65); // APPENDS
                buffer.WriteByte(0x68); // BINGET 0
                buffer.WriteByte(0x00);
                buffer.WriteByte(0x29); // EMPTY_TUPLE
                buffer.WriteByte(0x52); // REDUCE: OrderedDict()
                buffer.WriteByte(0x61); // APPEND
                buffer.WriteByte(0x28); // MARK
            }
        }
        buffer.WriteByte(0x65); // APPENDS
        buffer.WriteByte(0x2E); // STOP
        return buffer.ToArray();
    }

    /// <summary>A torch.save-shaped zip: archive/data.pkl, archive/version and one stored storage of <paramref name="tensorBytes"/>.</summary>
    private static void WriteCheckpoint(string path, long tensorBytes)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        using (var pickle = zip.CreateEntry("archive/data.pkl", CompressionLevel.NoCompression).Open())
            pickle.Write(ManySmallObjectsPickle(4096));
        using (var version = zip.CreateEntry("archive/version", CompressionLevel.NoCompression).Open())
            version.Write("3\n"u8);
        using var storage = zip.CreateEntry("archive/data/0", CompressionLevel.NoCompression).Open();
        var chunk = new byte[1 << 20];
        for (long written = 0; written < tensorBytes; written += chunk.Length)
            storage.Write(chunk);
    }
}
