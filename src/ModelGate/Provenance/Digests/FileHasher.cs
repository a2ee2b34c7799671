using System.Buffers;

namespace ModelGate.Provenance.Digests;

/// <summary>
/// Streams files through <see cref="DigestAccumulator"/>: one file, or many in parallel.
/// </summary>
/// <remarks>
/// How it is fast (measurements in src/ModelGate/Provenance/README.md, "Digests"): SHA-256 over one stream is a
/// Merkle–Damgård chain, so one digest of one file runs on one core at the speed of libcrypto's SHA-NI code.
/// What is left to win is everything around it: blocks of <see cref="BlockSize"/> read with the next block's
/// read running on another core while this one is hashed (double buffering, so hashing never waits for the
/// copy out of the page cache); the handle opened with <see cref="FileOptions.SequentialScan"/> (posix_fadvise
/// SEQUENTIAL: larger kernel read-ahead); several digests of one file each on their own core
/// (<see cref="DigestAccumulator.AppendConcurrently"/>); and many files spread over the cores, largest first, so
/// one big file does not start last and end alone. Memory is two blocks per file in flight. Files are never
/// memory-mapped: a file truncated under a mapping raises SIGBUS and kills the process.
/// </remarks>
internal static class FileHasher
{
    /// <summary>Bytes per read. Large enough that a syscall and a hand-off per block cost nothing; small enough to stay in cache.</summary>
    internal const int BlockSize = 1 << 20;

    /// <summary>Blocks read ahead of the one being hashed, for files: enough to ride out a read scheduled late.</summary>
    internal const int ReadsAhead = 2;

    private const int MinBlockSize = 4096;

    /// <summary>
    /// The digests of one file. <paramref name="progress"/> receives byte counts as they are hashed (from
    /// several threads when called through <see cref="HashFilesAsync"/>). A file that changes length while it
    /// is read is an <see cref="IOException"/> naming it; cancellation is checked between blocks.
    /// </summary>
    public static async Task<FileDigests> HashFileAsync(string path, DigestKinds kinds, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var handle = Open(path);
        if (handle is null)
        {
            // FIFOs and devices also stat as empty, and opening a FIFO blocks until a writer comes: an empty entry
            // is never opened. An empty regular file hashes to the digests of no bytes, which is what this returns.
            using var empty = new DigestAccumulator(kinds, 0);
            return empty.Complete();
        }
        var length = RandomAccess.GetLength(handle);
        // pread at independent offsets: several blocks can be read at once, ahead of the hashing.
        return await HashAsync((buffer, offset, ct) => RandomAccess.ReadAsync(handle, buffer, offset, ct), path, length, ReadsAhead, kinds, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The digests of a stream read to its end, which must be <paramref name="declaredLength"/> bytes long;
    /// otherwise an <see cref="IOException"/> naming <paramref name="name"/> (at most one block past the declared
    /// length is read).
    /// </summary>
    public static Task<FileDigests> HashStreamAsync(Stream stream, string name, long declaredLength, DigestKinds kinds, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(declaredLength);
        // A stream has one position: one read at a time, overlapping the hashing of the block before.
        return HashAsync((buffer, _, ct) => stream.ReadAsync(buffer, ct), name, declaredLength, readsAhead: 1, kinds, progress, cancellationToken);
    }

    /// <summary>
    /// The digests of several files, in the order given, hashed in parallel (largest first). The first file that
    /// cannot be read, in input order, is thrown, and the others stop early.
    /// </summary>
    public static async Task<IReadOnlyList<FileDigests>> HashFilesAsync(IReadOnlyList<string> paths, DigestKinds kinds, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var outcomes = await HashEachAsync(paths, kinds, progress, stopOnError: true, cancellationToken).ConfigureAwait(false);
        return [.. outcomes.Select(o => o.Digests!)];
    }

    /// <summary>
    /// Like <see cref="HashFilesAsync"/>, but a file that cannot be read is an outcome with its error and the
    /// others are still hashed: for listings that must show every file.
    /// </summary>
    public static Task<IReadOnlyList<FileHashOutcome>> HashEachAsync(IReadOnlyList<string> paths, DigestKinds kinds, Action<long>? progress = null, CancellationToken cancellationToken = default) =>
        HashEachAsync(paths, kinds, progress, stopOnError: false, cancellationToken);

    private static async Task<IReadOnlyList<FileHashOutcome>> HashEachAsync(IReadOnlyList<string> paths, DigestKinds kinds, Action<long>? progress, bool stopOnError, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var outcomes = new FileHashOutcome?[paths.Count];
        // Largest first: a big file started last would run alone on one core at the end. The sort is stable, so
        // equal sizes keep the input order.
        var order = Enumerable.Range(0, paths.Count).OrderByDescending(i => SizeForScheduling(paths[i])).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var options = new ParallelOptions { CancellationToken = stop.Token, MaxDegreeOfParallelism = Environment.ProcessorCount };
        try
        {
            await Parallel.ForEachAsync(order, options, async (i, ct) =>
            {
                try
                {
                    outcomes[i] = new FileHashOutcome(paths[i], await HashFileAsync(paths[i], kinds, progress, ct).ConfigureAwait(false), null);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    outcomes[i] = new FileHashOutcome(paths[i], null, ex);
                    if (stopOnError)
                        await stop.CancelAsync().ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && stop.IsCancellationRequested)
        {
            // Stopped by a failed file: its outcome is recorded below.
        }
        if (stop.IsCancellationRequested)
            cancellationToken.ThrowIfCancellationRequested();
        if (stopOnError)
        {
            // The first failure in input order, not whichever file happened to fail first.
            foreach (var outcome in outcomes)
            {
                if (outcome?.Error is { } error)
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }
        }
        var result = new FileHashOutcome[paths.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = outcomes[i] ?? throw new InvalidOperationException($"{paths[i]} was not hashed");
        return result;
    }

    private static async Task<FileDigests> HashAsync(Func<Memory<byte>, long, CancellationToken, ValueTask<int>> read, string name, long length, int readsAhead, DigestKinds kinds, Action<long>? progress, CancellationToken cancellationToken)
    {
        var blockSize = (int)Math.Clamp(length, MinBlockSize, BlockSize);
        // Reads in flight, in file order: the blocks are contiguous, and the last read is a probe at the
        // declared length, which must find the end (0 bytes) — more means the file grew.
        var inFlight = new Queue<(Task<int> Read, byte[] Buffer, long Offset)>(readsAhead + 1);
        long nextOffset = 0;
        var probed = false;
        bool IssueNext()
        {
            if (probed)
                return false;
            var offset = Math.Min(nextOffset, length);
            probed = offset == length;
            var buffer = ArrayPool<byte>.Shared.Rent(blockSize);
            inFlight.Enqueue((ReadBlockAsync(read, buffer.AsMemory(0, blockSize), offset, name, cancellationToken), buffer, offset));
            nextOffset = offset + blockSize;
            return true;
        }
        try
        {
            using var accumulator = new DigestAccumulator(kinds, length);
            IssueNext();
            while (inFlight.TryDequeue(out var block))
            {
                try
                {
                    var filled = await block.Read.ConfigureAwait(false);
                    var expected = (int)Math.Min(blockSize, length - block.Offset);
                    if (filled != expected)
                    {
                        throw filled > expected
                            ? new IOException($"{name} grew while it was being hashed (it was {length} bytes)")
                            : new IOException($"{name} shrank while it was being hashed (it was {length} bytes; it ended after {block.Offset + filled})");
                    }
                    // The next blocks are read (on other cores) while this one is hashed.
                    while (inFlight.Count < readsAhead && IssueNext())
                    {
                    }
                    if (filled > 0)
                    {
                        accumulator.AppendConcurrently(block.Buffer.AsMemory(0, filled));
                        progress?.Invoke(filled);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(block.Buffer);
                }
                cancellationToken.ThrowIfCancellationRequested();
            }
            return accumulator.Complete();
        }
        finally
        {
            // A read still in flight writes into a pooled buffer: it must end before the buffer goes back.
            while (inFlight.TryDequeue(out var left))
            {
                await ((Task)left.Read).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                ArrayPool<byte>.Shared.Return(left.Buffer);
            }
        }
    }

    /// <summary>Fills <paramref name="buffer"/> unless the end comes first; the count read (0 at the end).</summary>
    private static async Task<int> ReadBlockAsync(Func<Memory<byte>, long, CancellationToken, ValueTask<int>> read, Memory<byte> buffer, long offset, string name, CancellationToken cancellationToken)
    {
        var total = 0;
        try
        {
            while (total < buffer.Length)
            {
                var n = await read(buffer[total..], offset + total, cancellationToken).ConfigureAwait(false);
                if (n <= 0)
                    break;
                total += n;
            }
        }
        catch (IOException ex)
        {
            throw new IOException($"{name}: read failed at byte {offset + total}: {ex.Message}", ex);
        }
        return total;
    }

    /// <summary>
    /// The file opened for a sequential read, or null when it is empty by stat. The runtime's own messages are
    /// resource keys in the trimmed CLI, so each failure gets a message of ours naming the file.
    /// </summary>
    private static Microsoft.Win32.SafeHandles.SafeFileHandle? Open(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
                info = target;
            if (info.Exists && info.Length == 0)
                return null;
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"{path}: no such file", path, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new UnauthorizedAccessException(Directory.Exists(path) ? $"{path}: is a folder, not a file" : $"{path}: permission denied", ex);
        }
        catch (IOException ex)
        {
            throw new IOException($"{path}: cannot be opened: {ex.Message}", ex);
        }
    }

    private static long SizeForScheduling(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }
}
