using ModelGate.Provenance.Hub;

namespace ModelGate.Provenance.Locks;

/// <summary>What a snapshot folder says about itself: the repository (cache layout only) and the commit.</summary>
internal sealed record SnapshotIdentity(HubRepoId? Repo, string? Commit);
