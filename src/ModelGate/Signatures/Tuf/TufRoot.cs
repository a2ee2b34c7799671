namespace ModelGate.Signatures.Tuf;

/// <summary>root.json (§4.3): the keys and the four top-level roles, and whether the repository uses consistent snapshots.</summary>
internal sealed class TufRoot
{
    public const string RootRole = "root";
    public const string TimestampRole = "timestamp";
    public const string SnapshotRole = "snapshot";
    public const string TargetsRole = "targets";

    public required TufMetadata Metadata { get; init; }

    public required IReadOnlyDictionary<string, TufKey> Keys { get; init; }

    public required IReadOnlyDictionary<string, TufRole> Roles { get; init; }

    public required bool ConsistentSnapshot { get; init; }

    public long Version => Metadata.Version;

    /// <summary>Whether the role has the same key ids and threshold in both roots (§5.3.11 compares the timestamp and snapshot keys).</summary>
    public bool SameKeys(TufRoot other, string role)
    {
        var mine = Roles[role];
        var theirs = other.Roles[role];
        return mine.Threshold == theirs.Threshold
            && mine.KeyIds.Order(StringComparer.Ordinal).SequenceEqual(theirs.KeyIds.Order(StringComparer.Ordinal), StringComparer.Ordinal)
            && mine.KeyIds.All(id => Keys.TryGetValue(id, out var a) == other.Keys.TryGetValue(id, out var b)
                && (a is null || (a.KeyType == b!.KeyType && a.Scheme == b.Scheme && a.PublicValue == b.PublicValue)));
    }
}
