namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// Constants of the OpenSSF Model Signing format (sigstore/model-transparency, <c>model_signing</c> 1.x): a
/// Sigstore bundle whose DSSE envelope carries an in-toto statement describing every file of the model.
/// </summary>
internal static class ModelSigningFormat
{
    /// <summary>The signature file name the reference CLI writes and looks for.</summary>
    public const string DefaultSignatureName = "model.sig";

    /// <summary>The bundle media type the reference writes, and the only one its key and certificate verifiers accept.</summary>
    public const string BundleMediaType = "application/vnd.dev.sigstore.bundle.v0.3+json";

    /// <summary>DSSE payload type of an in-toto statement.</summary>
    public const string PayloadType = "application/vnd.in-toto+json";

    /// <summary>in-toto attestation framework v1 statement type.</summary>
    public const string StatementType = "https://in-toto.io/Statement/v1";

    /// <summary>The predicate of model_signing 1.0 and later: serialization options plus one resource per file or shard.</summary>
    public const string PredicateType = "https://model_signing/signature/v1.0";

    /// <summary>The predicate of model_signing 0.2: one subject per file, no serialization section.</summary>
    public const string CompatPredicateType = "https://model_signing/Digests/v0.1";

    /// <summary>Serialization by whole files.</summary>
    public const string FilesMethod = "files";

    /// <summary>Serialization by fixed-size shards of files; resource names are <c>path:start:end</c>.</summary>
    public const string ShardsMethod = "shards";

    /// <summary>The one content digest implemented here (the reference also offers blake2b and blake3).</summary>
    public const string Sha256 = "sha256";

    /// <summary>
    /// Paths the reference ignores unless told otherwise (<c>hashing.Config</c>, <c>ignore_git_paths=True</c>),
    /// relative to the model folder; a directory ignores everything below it.
    /// </summary>
    public static IReadOnlyList<string> GitPaths { get; } = [".git", ".gitattributes", ".github", ".gitignore"];
}
