namespace ModelGate.Signatures.Tuf;

/// <summary>snapshot.json (§4.4): the version (and optionally length and hashes) of every targets metadata file.</summary>
internal sealed class TufSnapshot
{
    public required TufMetadata Metadata { get; init; }

    public required IReadOnlyDictionary<string, TufMetaFile> Meta { get; init; }

    public long Version => Metadata.Version;
}
