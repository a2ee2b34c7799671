namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// How a model was turned into a manifest: the predicate's <c>serialization</c> section. The verifier rebuilds
/// the manifest with exactly these options.
/// </summary>
/// <param name="Method"><see cref="ModelSigningFormat.FilesMethod"/> or <see cref="ModelSigningFormat.ShardsMethod"/>.</param>
/// <param name="HashType">The digest, as written (<c>sha256</c>; for shards the reference may write <c>sha256-sharded-{size}</c>).</param>
/// <param name="AllowSymlinks">Whether symbolic links were hashed (as their targets) rather than refused.</param>
/// <param name="ShardSize">Bytes per shard, for the shards method; null otherwise.</param>
/// <param name="IgnorePaths">Model-relative POSIX paths left out of the manifest (a directory leaves out its contents).</param>
internal sealed record SerializationOptions(string Method, string HashType, bool AllowSymlinks, long? ShardSize, IReadOnlyList<string> IgnorePaths)
{
    /// <summary>What <c>modelgate model-signing sign</c> uses: whole files, SHA-256, no symbolic links.</summary>
    public static SerializationOptions Files(IReadOnlyList<string> ignorePaths) =>
        new(ModelSigningFormat.FilesMethod, ModelSigningFormat.Sha256, AllowSymlinks: false, ShardSize: null, ignorePaths);

    public bool IsShards => Method == ModelSigningFormat.ShardsMethod;
}
