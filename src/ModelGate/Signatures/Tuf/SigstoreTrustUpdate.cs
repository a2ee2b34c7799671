using System.Globalization;
using ModelGate.Signatures.Sigstore;

namespace ModelGate.Signatures.Tuf;

/// <summary>
/// <c>modelgate sigstore update-trust</c> without the terminal: bring the TUF metadata of a Sigstore
/// repository up to date, fetch its <c>trusted_root.json</c> target, check that it reads as a Sigstore trusted
/// root, and only then replace the cached copy. Offline, verify the cache instead.
/// </summary>
internal static class SigstoreTrustUpdate
{
    /// <summary>The target the Sigstore TUF repositories publish the trusted root as.</summary>
    public const string TrustedRootTarget = "trusted_root.json";

    /// <exception cref="TufException">The update, or the offline check, failed.</exception>
    public static async Task<SigstoreTrustUpdateResult> RunAsync(SigstoreTrustUpdateOptions options, ITufFetcher fetcher, CancellationToken cancellationToken)
    {
        var mirror = options.Mirror ?? options.Instance.Repository;
        var store = new TufLocalStore(options.TufFolder);
        var updater = new TufUpdater(store, fetcher, mirror, new Uri(mirror, "targets/"), options.Limits, options.Time);
        var trustedRootPath = options.TrustedRootPath;

        if (options.Offline)
        {
            var cached = updater.LoadCached();
            var bytes = ReadBounded(trustedRootPath, options.Limits.MaxTargetLength)
                ?? throw new TufException($"{trustedRootPath}: no cached trusted root (run update-trust online first)");
            TufUpdater.VerifyTarget(cached, TrustedRootTarget, bytes, trustedRootPath);
            RequireTrustedRoot(bytes, trustedRootPath);
            return new SigstoreTrustUpdateResult(trustedRootPath, cached, Downloaded: false, mirror);
        }

        byte[] bootstrap;
        string bootstrapName;
        if (options.RootFile is { } rootFile)
        {
            bootstrap = ReadBounded(rootFile, options.Limits.MaxRootLength) ?? throw new TufException($"{rootFile}: no such file (--root)");
            bootstrapName = rootFile;
        }
        else
        {
            bootstrap = options.Instance.EmbeddedRoot();
            bootstrapName = $"the {options.Instance.Name} root.json shipped with ModelGate";
        }

        var trusted = await updater.RefreshAsync(bootstrap, bootstrapName, bootstrapOverridesOlderCache: options.RootFile is not null, cancellationToken).ConfigureAwait(false);
        if (IsCurrent(trusted, trustedRootPath, options.Limits))
            return new SigstoreTrustUpdateResult(trustedRootPath, trusted, Downloaded: false, mirror);

        var target = await updater.DownloadTargetAsync(trusted, TrustedRootTarget, cancellationToken).ConfigureAwait(false);
        RequireTrustedRoot(target, $"{TrustedRootTarget} (targets.json version {trusted.Targets.Version.ToString(CultureInfo.InvariantCulture)})");
        TufLocalStore.WriteAtomic(trustedRootPath, target);
        return new SigstoreTrustUpdateResult(trustedRootPath, trusted, Downloaded: true, mirror);
    }

    /// <summary>A mirror must be HTTPS, except on this machine (tests, a local mirror).</summary>
    /// <exception cref="TufException">Not an absolute HTTPS URL, or HTTP to another host.</exception>
    public static Uri ParseMirror(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new TufException($"--mirror {Net.ServerText.Quote(text, 200)}: not an absolute http(s) URL");
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
            throw new TufException($"--mirror {uri}: plain HTTP is allowed only for 127.0.0.1 and localhost; use HTTPS");
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            throw new TufException($"--mirror {uri}: a repository URL has no query, fragment or user information");
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    /// <summary>Whether the cached trusted root is the one targets.json lists (then it is not downloaded again).</summary>
    private static bool IsCurrent(TufTrustedSet trusted, string path, TufLimits limits)
    {
        try
        {
            if (ReadBounded(path, limits.MaxTargetLength) is not { } bytes)
                return false;
            TufUpdater.VerifyTarget(trusted, TrustedRootTarget, bytes, path);
            return true;
        }
        catch (TufException)
        {
            return false;
        }
    }

    private static void RequireTrustedRoot(byte[] bytes, string what)
    {
        try
        {
            _ = TrustedRootReader.Read(bytes, what);
        }
        catch (SigstoreVerificationException e)
        {
            throw new TufException($"{what}: signed by the repository, but not a Sigstore trusted root: {e.Message}", e);
        }
    }

    private static byte[]? ReadBounded(string path, long maxLength)
    {
        if (!File.Exists(path))
            return null;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > maxLength)
            throw new TufException(string.Create(CultureInfo.InvariantCulture, $"{path}: larger than the {maxLength} bytes allowed"));
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
