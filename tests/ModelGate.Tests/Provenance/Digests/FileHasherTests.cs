using System.Security.Cryptography;
using System.Text;
using ModelGate.Provenance.Digests;

namespace ModelGate.Tests.Provenance.Digests;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms", Justification = "Git blob ids and the Hub's SHA-1 digests are SHA-1 by definition: the tests recompute them.")]
public sealed class FileHasherTests : IDisposable
{
    private const DigestKinds All = DigestKinds.Sha256 | DigestKinds.GitBlobSha1 | DigestKinds.Sha1 | DigestKinds.Sha384 | DigestKinds.Sha512;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "modelgate-digest-tests", Guid.NewGuid().ToString("N"));

    public FileHasherTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Sizes around the block boundaries: empty, tiny, one block ± 1, several blocks and a tail.</summary>
    public static TheoryData<int> Sizes => [0, 3, 4095, 4096, FileHasher.BlockSize - 1, FileHasher.BlockSize, FileHasher.BlockSize + 1, 3 * FileHasher.BlockSize + 7];

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Every_digest_of_a_file_matches_the_one_shot_functions(int size)
    {
        var data = Pattern(size);
        var path = Write("f.bin", data);

        var digests = await FileHasher.HashFileAsync(path, All);

        Assert.Equal(size, digests.Length);
        Assert.Equal(Hex(SHA256.HashData(data)), digests.Sha256);
        Assert.Equal(Hex(SHA1.HashData(data)), digests.Sha1);
        Assert.Equal(Hex(SHA384.HashData(data)), digests.Sha384);
        Assert.Equal(Hex(SHA512.HashData(data)), digests.Sha512);
        Assert.Equal(GitBlob(data), digests.GitBlobSha1);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_stream_hashes_like_the_file_with_the_same_bytes(int size)
    {
        var data = Pattern(size);
        using var stream = new MemoryStream(data);

        var fromStream = await FileHasher.HashStreamAsync(stream, "mem", size, All);

        Assert.Equal(await FileHasher.HashFileAsync(Write("same.bin", data), All), fromStream);
    }

    [Theory]
    [InlineData("", "Sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "Sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("", "GitBlobSha1", "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")]
    [InlineData("hello\n", "GitBlobSha1", "ce013625030ba8dba906f756967f9e9ca394464a")]
    [InlineData("abc", "Sha1", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("abc", "Sha384", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")]
    [InlineData("abc", "Sha512", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")]
    public async Task Published_test_vectors(string content, string algorithm, string expected)
    {
        // The enum is internal; a public test method takes its name.
        var kind = Enum.Parse<DigestKinds>(algorithm);
        var digests = await FileHasher.HashFileAsync(Write("v.txt", Encoding.ASCII.GetBytes(content)), kind);

        var actual = kind switch
        {
            DigestKinds.Sha256 => digests.Sha256,
            DigestKinds.GitBlobSha1 => digests.GitBlobSha1,
            DigestKinds.Sha1 => digests.Sha1,
            DigestKinds.Sha384 => digests.Sha384,
            _ => digests.Sha512,
        };
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Only_the_digests_asked_for_are_computed()
    {
        var digests = await FileHasher.HashFileAsync(Write("abc.txt", "abc"u8.ToArray()), DigestKinds.Sha256);

        Assert.NotNull(digests.Sha256);
        Assert.Null(digests.GitBlobSha1);
        Assert.Null(digests.Sha1);
        Assert.Null(digests.Sha384);
        Assert.Null(digests.Sha512);
    }

    [Fact]
    public async Task Many_files_come_back_in_input_order_whatever_order_they_are_hashed_in()
    {
        var sizes = new[] { 10, 0, 2 * FileHasher.BlockSize + 5, 1, 70_000, FileHasher.BlockSize, 4096, 3, 500_000, 12 };
        var paths = new List<string>();
        var expected = new List<string>();
        for (var i = 0; i < sizes.Length; i++)
        {
            var data = Pattern(sizes[i], seed: i);
            paths.Add(Write($"f{i}.bin", data));
            expected.Add(Hex(SHA256.HashData(data)));
        }

        var results = await FileHasher.HashFilesAsync(paths, DigestKinds.Sha256);

        Assert.Equal(expected, results.Select(r => r.Sha256));
        Assert.Equal(sizes.Select(s => (long)s), results.Select(r => r.Length));
    }

    [Fact]
    public async Task Progress_adds_up_to_the_bytes_of_every_file()
    {
        var paths = new[] { Write("a", Pattern(3 * FileHasher.BlockSize + 1)), Write("b", Pattern(17)), Write("c", []) };
        long done = 0;

        await FileHasher.HashFilesAsync(paths, DigestKinds.Sha256 | DigestKinds.GitBlobSha1, n => Interlocked.Add(ref done, n));

        Assert.Equal(3L * FileHasher.BlockSize + 1 + 17, done);
    }

    [Fact]
    public async Task A_missing_file_among_many_is_thrown_naming_it()
    {
        var missing = Path.Combine(_dir, "missing.bin");
        var paths = new[] { Write("a", Pattern(100)), missing, Write("b", Pattern(100)) };

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => FileHasher.HashFilesAsync(paths, DigestKinds.Sha256));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hashing_each_file_reports_the_unreadable_ones_and_hashes_the_rest()
    {
        var missing = Path.Combine(_dir, "missing.bin");
        var paths = new[] { Write("a", "abc"u8.ToArray()), missing, _dir };

        var outcomes = await FileHasher.HashEachAsync(paths, DigestKinds.Sha256);

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", outcomes[0].Digests?.Sha256);
        Assert.IsType<FileNotFoundException>(outcomes[1].Error);
        Assert.Contains(missing, outcomes[1].Error!.Message, StringComparison.Ordinal);
        Assert.Null(outcomes[2].Digests);
        Assert.Contains(_dir, outcomes[2].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_grows_while_it_is_hashed_is_an_error_naming_it()
    {
        var path = Write("growing.bin", Pattern(8 * FileHasher.BlockSize));
        var appended = false;

        // Progress comes after the first block is hashed, long before the reads near the end are issued.
        var error = await Assert.ThrowsAsync<IOException>(() => FileHasher.HashFileAsync(path, DigestKinds.Sha256, _ =>
        {
            if (appended)
                return;
            appended = true;
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            file.Write(Pattern(10));
        }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("grew", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_shrinks_while_it_is_hashed_is_an_error_naming_it()
    {
        var path = Write("shrinking.bin", Pattern(8 * FileHasher.BlockSize));
        var truncated = false;

        var error = await Assert.ThrowsAsync<IOException>(() => FileHasher.HashFileAsync(path, DigestKinds.Sha256, _ =>
        {
            if (truncated)
                return;
            truncated = true;
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            file.SetLength(5L * FileHasher.BlockSize + 3);
        }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("shrank", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 9)]
    [InlineData(10, 11)]
    [InlineData(0, 1)]
    [InlineData(3 * 1024 * 1024, 3 * 1024 * 1024 - 1)]
    [InlineData(3 * 1024 * 1024, 3 * 1024 * 1024 + 1)]
    public async Task A_stream_longer_or_shorter_than_declared_is_an_error_naming_it(int actual, int declared)
    {
        using var stream = new MemoryStream(Pattern(actual));

        var error = await Assert.ThrowsAsync<IOException>(() => FileHasher.HashStreamAsync(stream, "download of model.bin", declared, DigestKinds.Sha256));

        Assert.Contains("download of model.bin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_is_honoured_between_blocks()
    {
        var path = Write("big.bin", Pattern(6 * FileHasher.BlockSize));
        using var cancel = new CancellationTokenSource();
        long hashed = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FileHasher.HashFileAsync(path, DigestKinds.Sha256, n =>
        {
            hashed += n;
            cancel.Cancel();
        }, cancel.Token));

        Assert.Equal(FileHasher.BlockSize, hashed);
    }

    [Fact]
    public async Task Cancellation_stops_many_files()
    {
        var paths = Enumerable.Range(0, 8).Select(i => Write($"m{i}", Pattern(2 * FileHasher.BlockSize, seed: i))).ToArray();
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FileHasher.HashFilesAsync(paths, DigestKinds.Sha256, _ => cancel.Cancel(), cancel.Token));
    }

    [Fact]
    public void Appending_concurrently_matches_appending_in_small_pieces()
    {
        var data = Pattern(3 * DigestAccumulator.MinConcurrentBlock + 11);
        using var pieces = new DigestAccumulator(All, data.Length);
        for (var offset = 0; offset < data.Length; offset += 1000)
            pieces.Append(data.AsSpan(offset, Math.Min(1000, data.Length - offset)));
        using var blocks = new DigestAccumulator(All, data.Length);
        blocks.AppendConcurrently(data.AsMemory(0, 2 * DigestAccumulator.MinConcurrentBlock));
        blocks.AppendConcurrently(data.AsMemory(2 * DigestAccumulator.MinConcurrentBlock));

        Assert.Equal(pieces.Complete(), blocks.Complete());
    }

    [Fact]
    public void A_git_blob_id_is_not_reported_when_the_bytes_differ_from_the_declared_length()
    {
        using var accumulator = new DigestAccumulator(DigestKinds.GitBlobSha1 | DigestKinds.Sha256, 10);
        accumulator.Append("abc"u8);

        var digests = accumulator.Complete();

        Assert.Null(digests.GitBlobSha1);
        Assert.Equal(3, digests.Length);
    }

    private string Write(string name, byte[] data)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, data);
        return path;
    }

    private static byte[] Pattern(int size, int seed = 0)
    {
        var data = new byte[size];
        for (var i = 0; i < size; i++)
            data[i] = (byte)((i * 31) + (i >> 8) + seed);
        return data;
    }

    private static string GitBlob(byte[] data) =>
        Hex(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {data.Length}\0"), .. data]));

    private static string Hex(byte[] digest) => Convert.ToHexStringLower(digest);
}
