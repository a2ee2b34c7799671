namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// One entry of a model manifest (an in-toto resource descriptor in the predicate's <c>resources</c>): a file
/// path relative to the model, or <c>path:start:end</c> for a shard, with its digest as lowercase hex.
/// </summary>
internal sealed record ManifestResource(string Name, string Algorithm, string Digest);
