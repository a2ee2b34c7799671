using ModelGate.Provenance.Digests;

namespace ModelGate.Provenance.Locks;

/// <summary>
/// Hashes snapshot files in parallel, turning a file that cannot be read into a per-file error instead of
/// failing the batch. Files of size 0 are never opened (their digests are those of no bytes), so a FIFO or
/// device posing as an empty file cannot block.
/// </summary>
internal static class ContentHasher
{
    public static async Task<IReadOnlyList<HashOutcome>> HashAsync(IReadOnlyList<SnapshotEntry> entries, DigestKinds kinds, CancellationToken ct)
    {
        var outcomes = new HashOutcome[entries.Count];
        var toRead = new List<int>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Size == 0)
            {
                using var empty = new DigestAccumulator(kinds, 0);
                outcomes[i] = new HashOutcome(empty.Complete(), null);
            }
            else
            {
                toRead.Add(i);
            }
        }
        if (toRead.Count == 0)
            return outcomes;
        try
        {
            var digests = await FileHasher.HashFilesAsync(toRead.Select(i => entries[i].ContentPath).ToArray(), kinds, cancellationToken: ct).ConfigureAwait(false);
            for (var k = 0; k < toRead.Count; k++)
                outcomes[toRead[k]] = new HashOutcome(digests[k], null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // One unreadable file fails the whole batch; hash one by one to know which.
            foreach (var i in toRead)
            {
                try
                {
                    outcomes[i] = new HashOutcome(await FileHasher.HashFileAsync(entries[i].ContentPath, kinds, cancellationToken: ct).ConfigureAwait(false), null);
                }
                catch (Exception inner) when (inner is IOException or UnauthorizedAccessException)
                {
                    outcomes[i] = new HashOutcome(null, inner.Message);
                }
            }
        }
        return outcomes;
    }

    internal readonly record struct HashOutcome(FileDigests? Digests, string? Error);
}
