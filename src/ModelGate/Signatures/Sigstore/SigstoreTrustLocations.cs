using ModelGate.Advisories.Database;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// Where a Sigstore trusted root is found when the user names none: the file in
/// <c>MODELGATE_SIGSTORE_TRUSTED_ROOT</c>, else the one <c>modelgate sigstore update-trust</c> caches at
/// <c>&lt;cache&gt;/sigstore/&lt;production|staging&gt;/trusted_root.json</c>, in the folder that holds the advisory
/// database. The product never falls back to a root it was built with: trust is explicit or fetched through TUF.
/// </summary>
internal static class SigstoreTrustLocations
{
    public const string EnvironmentVariable = "MODELGATE_SIGSTORE_TRUSTED_ROOT";
    public const string Production = "production";
    public const string Staging = "staging";
    public const string TrustedRootFileName = "trusted_root.json";

    /// <summary><c>&lt;cache&gt;/sigstore/&lt;instance&gt;</c>, where update-trust keeps the instance's TUF metadata and trusted root.</summary>
    /// <exception cref="SigstoreVerificationException">No cache folder can be found (no HOME and no XDG_CACHE_HOME).</exception>
    public static string InstanceFolder(string instance)
    {
        if (instance is not (Production or Staging))
            throw new ArgumentException($"unknown Sigstore instance '{instance}'", nameof(instance));
        string database;
        try
        {
            database = AdvisoryCache.DefaultDatabasePath();
        }
        catch (AdvisoryDatabaseException ex)
        {
            throw new SigstoreVerificationException(SigstoreChecks.TrustedRoot, "no cache folder for the Sigstore trusted root: set XDG_CACHE_HOME or HOME, or pass --trusted-root", ex);
        }

        return Path.Combine(Path.GetDirectoryName(database)!, "sigstore", instance);
    }

    public static string CachedTrustedRootPath(string instance) => Path.Combine(InstanceFolder(instance), TrustedRootFileName);

    /// <summary>
    /// The trusted root file to use: <paramref name="explicitPath"/> when given, else the environment variable, else
    /// the cached root of <paramref name="instance"/>. Throws (check "trusted-root") when none exists, saying how to get one.
    /// </summary>
    public static string Resolve(string? explicitPath, string instance, Func<string, string?>? environment = null)
    {
        if (!string.IsNullOrEmpty(explicitPath))
            return explicitPath;
        var fromEnvironment = (environment ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new SigstoreVerificationException(SigstoreChecks.TrustedRoot, $"{EnvironmentVariable} names {fromEnvironment}, which does not exist");
        }

        var cached = CachedTrustedRootPath(instance);
        if (File.Exists(cached))
            return cached;
        throw new SigstoreVerificationException(
            SigstoreChecks.TrustedRoot,
            $"no Sigstore trusted root for the {instance} instance: run 'modelgate sigstore update-trust{(instance == Staging ? " --staging" : string.Empty)}' (it caches {cached}), pass --trusted-root FILE, or set {EnvironmentVariable}");
    }
}
