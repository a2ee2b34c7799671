namespace ModelGate.Signatures.Tuf;

/// <summary>The four top-level metadata files after a verified update (or a verified load of the cache).</summary>
internal sealed record TufTrustedSet(TufRoot Root, TufTimestamp Timestamp, TufSnapshot Snapshot, TufTargets Targets)
{
    /// <summary>Role, version and expiry of each file, root first.</summary>
    public IReadOnlyList<(string Role, long Version, DateTimeOffset Expires)> Roles =>
    [
        (TufRoot.RootRole, Root.Version, Root.Metadata.Expires),
        (TufRoot.TimestampRole, Timestamp.Version, Timestamp.Metadata.Expires),
        (TufRoot.SnapshotRole, Snapshot.Version, Snapshot.Metadata.Expires),
        (TufRoot.TargetsRole, Targets.Version, Targets.Metadata.Expires),
    ];
}
