namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// Signs a model folder in key mode, as <c>model_signing sign key</c> does: files serialization with SHA-256, no
/// symbolic links, the git paths and the signature file itself ignored (and recorded as ignored).
/// </summary>
internal static class ModelSigner
{
    /// <param name="modelPath">The model folder (or single file).</param>
    /// <param name="privateKeyPath">A PEM private key (PKCS#8 or SEC1) on P-256, P-384 or P-521.</param>
    /// <param name="signaturePath">Where the signature goes.</param>
    /// <param name="ignorePaths">More paths to leave out: model-relative, or paths inside the model folder.</param>
    /// <param name="limits">Bounds on the walk.</param>
    /// <param name="cancellationToken">Cancels the hashing.</param>
    /// <returns>The manifest that was signed.</returns>
    public static async Task<ModelManifest> SignAsync(
        string modelPath, string privateKeyPath, string signaturePath, IReadOnlyList<string> ignorePaths, ModelSigningLimits limits, CancellationToken cancellationToken)
    {
        string pem;
        try
        {
            pem = await File.ReadAllTextAsync(privateKeyPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelSignatureException("key", $"{privateKeyPath}: cannot be read: {ex.Message}", ex);
        }
        using var key = EcKeys.LoadPrivateKey(pem, privateKeyPath);
        var isFolder = Directory.Exists(modelPath);
        var ignore = new SortedSet<string>(StringComparer.Ordinal);
        if (isFolder)
        {
            foreach (var path in ModelSigningFormat.GitPaths)
                ignore.Add(path);
            if (ModelSigningVerification.RelativeInside(modelPath, signaturePath) is { } signatureName)
                ignore.Add(signatureName);
            foreach (var path in ignorePaths)
            {
                var relative = ModelSigningVerification.RelativeInside(modelPath, path) ?? ResourceNames.NormalizeIgnore(path.Replace('\\', '/'))
                    ?? throw new ModelSignatureException("manifest", $"--ignore-paths {path}: not a path inside {modelPath}");
                ignore.Add(relative);
            }
        }
        var options = SerializationOptions.Files([.. ignore]);
        var manifest = await ModelManifestBuilder.BuildAsync(modelPath, options, [], null, limits, cancellationToken).ConfigureAwait(false);
        var bundle = ModelSignatureWriter.Sign(manifest, key);
        try
        {
            await File.WriteAllBytesAsync(signaturePath, bundle, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelSignatureException("manifest", $"{signaturePath}: cannot be written: {ex.Message}", ex);
        }
        return manifest;
    }
}
