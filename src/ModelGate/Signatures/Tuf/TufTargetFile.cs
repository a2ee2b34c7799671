namespace ModelGate.Signatures.Tuf;

/// <summary>A TARGETS entry of targets.json (§4.5): the file's exact length and its hashes (algorithm name → lowercase hex).</summary>
internal sealed record TufTargetFile(long Length, IReadOnlyDictionary<string, string> Hashes);
