namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// Checks a model against its signature, end to end: read the bundle, verify who signed it, read the statement,
/// rebuild the manifest with the statement's serialization options and compare. Failures become a
/// <see cref="ModelSignatureCheck"/> status, never an exception (cancellation aside), so a scan can report them.
/// </summary>
internal static class ModelSigningVerification
{
    /// <param name="modelPath">The model folder or file.</param>
    /// <param name="signaturePath">The signature file.</param>
    /// <param name="trust">Who may have signed; with none, the files are still compared and the signature is "untrusted".</param>
    /// <param name="extraIgnore">More model-relative paths to leave out (model_signing <c>verify --ignore-paths</c>).</param>
    /// <param name="limits">Bounds on the signature and the walk.</param>
    /// <param name="cancellationToken">Cancels the hashing.</param>
    public static async Task<ModelSignatureCheck> CheckAsync(
        string modelPath, string signaturePath, ModelSigningTrust trust, IReadOnlyList<string> extraIgnore, ModelSigningLimits limits, CancellationToken cancellationToken)
    {
        ModelSignatureBundle bundle;
        try
        {
            bundle = ModelSignatureReader.ReadBundle(signaturePath, limits);
        }
        catch (ModelSignatureException ex)
        {
            return Failed(modelPath, signaturePath, ex, null);
        }

        ModelSignatureStatus status;
        string? signer = null;
        string? problem = null;
        ModelSignatureStatement statement;
        var warnings = new List<string>();
        try
        {
            var verified = ModelSignatureVerifier.Verify(bundle, trust, limits);
            statement = verified.Statement;
            signer = verified.Signer;
            warnings.AddRange(verified.Warnings);
            status = ModelSignatureStatus.Verified;
        }
        catch (ModelSignatureException ex) when (ex.Check == "trust")
        {
            // Not signed by anyone trusted: the statement is read unverified, so at least an accidental change to
            // the files shows — but nothing here vouches for the signer.
            status = ModelSignatureStatus.Untrusted;
            problem = ex.Message;
            signer = bundle.PublicKeyHint is { Length: > 0 } hint ? $"key {hint}" : null;
            try
            {
                statement = ModelSignatureVerifier.Statement(bundle, limits);
            }
            catch (ModelSignatureException inner)
            {
                return Failed(modelPath, signaturePath, inner, null);
            }
        }
        catch (ModelSignatureException ex)
        {
            return Failed(modelPath, signaturePath, ex, null);
        }

        try
        {
            var actual = await RebuildAsync(modelPath, signaturePath, statement, extraIgnore, limits, cancellationToken).ConfigureAwait(false);
            var differences = ManifestComparison.Compare(statement.Resources, actual.Resources, statement.Serialization.IsShards);
            return new ModelSignatureCheck(modelPath, signaturePath, status, signer, problem, statement, differences, warnings);
        }
        catch (ModelSignatureException ex)
        {
            return Failed(modelPath, signaturePath, ex, statement) with { Signer = signer };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ModelSignatureCheck(modelPath, signaturePath, ModelSignatureStatus.Unverifiable, signer, $"{modelPath}: cannot be read: {ex.Message}", statement, [], warnings);
        }
    }

    /// <summary>The model's manifest as the signature's serialization options build it.</summary>
    internal static Task<ModelManifest> RebuildAsync(
        string modelPath, string signaturePath, ModelSignatureStatement statement, IReadOnlyList<string> extraIgnore, ModelSigningLimits limits, CancellationToken cancellationToken)
    {
        var ignore = new List<string>(ModelSigningFormat.GitPaths);
        ignore.AddRange(extraIgnore);
        if (RelativeInside(modelPath, signaturePath) is { } signatureName)
            ignore.Add(signatureName);
        var listed = statement.Resources.Select(r => ManifestComparison.FileOf(r.Name, statement.Serialization.IsShards)).ToHashSet(StringComparer.Ordinal);
        return ModelManifestBuilder.BuildAsync(modelPath, statement.Serialization, ignore, listed, limits, cancellationToken);
    }

    /// <summary><paramref name="path"/> relative to the folder <paramref name="folder"/> (POSIX), or null when it is not inside it.</summary>
    internal static string? RelativeInside(string folder, string path)
    {
        if (!Directory.Exists(folder))
            return null;
        var relative = Path.GetRelativePath(Path.GetFullPath(folder), Path.GetFullPath(path));
        if (relative is "." or ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            return null;
        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static ModelSignatureCheck Failed(string model, string signature, ModelSignatureException ex, ModelSignatureStatement? statement)
    {
        var status = ex.Check is "unsupported" or "manifest" or "trusted-root" ? ModelSignatureStatus.Unverifiable : ModelSignatureStatus.Invalid;
        return new ModelSignatureCheck(model, signature, status, null, ex.Message, statement, [], []);
    }
}
