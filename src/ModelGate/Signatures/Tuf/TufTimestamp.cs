namespace ModelGate.Signatures.Tuf;

/// <summary>timestamp.json (§4.6): the one entry it lists, snapshot.json.</summary>
internal sealed class TufTimestamp
{
    public required TufMetadata Metadata { get; init; }

    public required TufMetaFile Snapshot { get; init; }

    public long Version => Metadata.Version;
}
