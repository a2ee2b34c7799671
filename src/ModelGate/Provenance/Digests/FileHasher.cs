namespace ModelGate.Provenance.Digests;

/// <summary>Streams files through <see cref="DigestAccumulator"/>: one file, or many in parallel.</summary>
internal static class FileHasher
{
    private const int BufferSize = 1 << 20;

    /// <summary>The digests of one file. <paramref name="progress"/> receives byte counts as they are hashed.</summary>
    public static async Task<FileDigests> HashFileAsync(string path, DigestKinds kinds, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        using var accumulator = new DigestAccumulator(kinds, length);
        var buffer = new byte[BufferSize];
        long offset = 0;
        while (true)
        {
            var read = await RandomAccess.ReadAsync(handle, buffer, offset, cancellationToken).ConfigureAwait(false);
            if (read == 0)
                break;
            accumulator.Append(buffer.AsSpan(0, read));
            offset += read;
            progress?.Invoke(read);
        }
        if (offset != length)
            throw new IOException($"{path} changed size while it was being hashed ({length} bytes, then {offset})");
        return accumulator.Complete();
    }

    /// <summary>The digests of several files, in the order given, hashed in parallel.</summary>
    public static async Task<IReadOnlyList<FileDigests>> HashFilesAsync(IReadOnlyList<string> paths, DigestKinds kinds, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var results = new FileDigests[paths.Count];
        await Parallel.ForAsync(0, paths.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (i, ct) => results[i] = await HashFileAsync(paths[i], kinds, progress, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }
}
