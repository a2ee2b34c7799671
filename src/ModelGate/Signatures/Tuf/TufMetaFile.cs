namespace ModelGate.Signatures.Tuf;

/// <summary>
/// A METAFILES entry of timestamp.json or snapshot.json (§4.4, §4.5): the version of a metadata file and,
/// optionally, its length and hashes (algorithm name → lowercase hex).
/// </summary>
internal sealed record TufMetaFile(long Version, long? Length, IReadOnlyDictionary<string, string> Hashes);
