namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// The in-toto statement of a model signature, checked for consistency: the subject's digest is the SHA-256 of
/// the resource digests' bytes in the order listed (model_signing <c>signing.Payload</c>), and names are
/// unique, relative and free of traversal.
/// </summary>
/// <param name="ModelName">The subject name: the model folder's name when signed; informative only.</param>
/// <param name="RootDigest">The subject's sha256, lowercase hex.</param>
/// <param name="PredicateType">Which predicate version the statement uses.</param>
/// <param name="Serialization">The serialization options the manifest was built with.</param>
/// <param name="Resources">The manifest entries, in statement order.</param>
internal sealed record ModelSignatureStatement(
    string ModelName, string RootDigest, string PredicateType, SerializationOptions Serialization, IReadOnlyList<ManifestResource> Resources);
