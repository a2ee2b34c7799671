using BenchmarkDotNet.Attributes;
using ModelGate.Provenance.Digests;

namespace ModelGate.Benchmarks;

/// <summary>
/// File digests on the shapes the issue names: one 1 GiB file (SHA-256 alone, then SHA-256 with the git blob id,
/// which should cost no more wall time on two cores), 1,000 files of 64 KiB, and 16 files of 64 MiB hashed in
/// parallel. Files are made in a temporary folder by the setup (and stay in the page cache: warm-cache numbers,
/// like bench/hash-vs-openssl.sh) and deleted by the cleanup. A short job: each operation reads gigabytes.
/// Run: dotnet run -c Release --project bench/ModelGate.Benchmarks -- --filter '*Digest*' --job short
/// </summary>
[MemoryDiagnoser]
public class DigestBenchmarks
{
    private string _folder = string.Empty;
    private string _large = string.Empty;
    private string[] _small = [];
    private string[] _medium = [];

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "modelgate-digest-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(_folder);
        _large = Path.Combine(_folder, "large.bin");
        Write(_large, 1L << 30, seed: 1);
        _small = [.. Enumerable.Range(0, 1000).Select(i => Path.Combine(_folder, $"small-{i:0000}.bin"))];
        for (var i = 0; i < _small.Length; i++)
            Write(_small[i], 64 * 1024, seed: i);
        _medium = [.. Enumerable.Range(0, 16).Select(i => Path.Combine(_folder, $"medium-{i:00}.bin"))];
        for (var i = 0; i < _medium.Length; i++)
            Write(_medium[i], 64L << 20, seed: i);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>1 GiB: divide by the mean time for the throughput.</summary>
    [Benchmark]
    public string? OneGiBSha256() => FileHasher.HashFileAsync(_large, DigestKinds.Sha256).GetAwaiter().GetResult().Sha256;

    [Benchmark]
    public string? OneGiBSha256AndGitBlob() => FileHasher.HashFileAsync(_large, DigestKinds.Sha256 | DigestKinds.GitBlobSha1).GetAwaiter().GetResult().GitBlobSha1;

    [Benchmark]
    public int Files1000Of64KiB() => FileHasher.HashFilesAsync(_small, DigestKinds.Sha256).GetAwaiter().GetResult().Count;

    [Benchmark]
    public int Files16Of64MiB() => FileHasher.HashFilesAsync(_medium, DigestKinds.Sha256).GetAwaiter().GetResult().Count;

    /// <summary>Incompressible-looking bytes (xorshift), so no layer below can shortcut zeros.</summary>
    private static void Write(string path, long length, int seed)
    {
        using var file = File.Create(path);
        var chunk = new byte[1 << 20];
        var state = (ulong)seed * 0x9E3779B97F4A7C15UL + 1;
        for (long written = 0; written < length; written += chunk.Length)
        {
            for (var i = 0; i < chunk.Length; i += 8)
            {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                BitConverter.TryWriteBytes(chunk.AsSpan(i), state);
            }
            file.Write(chunk, 0, (int)Math.Min(chunk.Length, length - written));
        }
    }
}
