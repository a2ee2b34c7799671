using ModelGate.Provenance.Digests;

namespace ModelGate.Provenance.Hub;

/// <summary>
/// One file of <see cref="HubSnapshotFetcher.FetchIntoCacheAsync"/>: its metadata (completed by HEAD when the
/// model info lacked it), the digests of the verified bytes now in the cache, or why it failed.
/// </summary>
internal sealed record HubFileDownload(HubFile File, FileDigests? Digests, HubException? Error)
{
    public bool Succeeded => Error is null && Digests is not null;
}
