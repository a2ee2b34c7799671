using System.Text;
using ModelGate.Inventory;

namespace ModelGate.Provenance.Hub;

/// <summary>
/// Where the Hub is, who we are to it, where its files are cached, and whether the network may be used:
/// resolved from options and the environment variables huggingface_hub reads, so ModelGate and the Python
/// tools share one configuration, one token and one cache.
/// </summary>
internal sealed record HubSettings(Uri Endpoint, string? Token, string CacheDirectory, bool Offline)
{
    public const string DefaultEndpoint = "https://huggingface.co";

    /// <summary>A token file is one line; anything larger is not a token file.</summary>
    internal const int MaxTokenFileBytes = 4096;

    /// <summary>The endpoint without a trailing '/', the prefix of every request URL.</summary>
    public string BaseUrl => Endpoint.AbsoluteUri.TrimEnd('/');

    /// <summary>The endpoint as shown in messages: user information redacted, no trailing '/'.</summary>
    public string EndpointDisplay => UrlRedaction.Redact(BaseUrl);

    /// <summary>
    /// Resolves the settings as huggingface_hub does (huggingface_hub/constants.py): endpoint = option, else
    /// <c>HF_ENDPOINT</c>, else https://huggingface.co; token = <c>HF_TOKEN</c>, else the file
    /// <c>HF_TOKEN_PATH</c>, else <c>$HF_HOME/token</c>; cache = option, else <c>HF_HUB_CACHE</c>, else
    /// <c>HUGGINGFACE_HUB_CACHE</c>, else <c>$HF_HOME/hub</c>; offline = option, else <c>HF_HUB_OFFLINE</c>.
    /// </summary>
    /// <exception cref="FormatException">The endpoint is not an absolute http or https URL.</exception>
    public static HubSettings Resolve(string? endpoint, string? cacheDirectory, bool? offline, Func<string, string?> getEnvironmentVariable)
    {
        string? Env(string name) => NonEmpty(getEnvironmentVariable(name));

        var (endpointText, source) = NonEmpty(endpoint) is { } given ? (given, "--endpoint")
            : Env("HF_ENDPOINT") is { } fromEnv ? (fromEnv, "HF_ENDPOINT")
            : (DefaultEndpoint, "the default endpoint");
        var endpointUri = ParseEndpoint(endpointText.TrimEnd('/'), source);

        var hfHome = Env("HF_HOME") ?? Path.Combine(
            Env("XDG_CACHE_HOME") ?? Path.Combine(Env("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "huggingface");
        var token = NonEmpty(getEnvironmentVariable("HF_TOKEN")?.Trim())
            ?? ReadTokenFile(Env("HF_TOKEN_PATH") ?? Path.Combine(hfHome, "token"));
        var cache = NonEmpty(cacheDirectory) ?? Env("HF_HUB_CACHE") ?? Env("HUGGINGFACE_HUB_CACHE") ?? Path.Combine(hfHome, "hub");
        var isOffline = offline ?? IsTrue(Env("HF_HUB_OFFLINE"));
        return new HubSettings(endpointUri, token, ExpandHome(cache, getEnvironmentVariable), isOffline);
    }

    private static Uri ParseEndpoint(string text, string source)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new FormatException($"'{UrlRedaction.Redact(text)}' ({source}) is not a Hub endpoint: expected an http or https URL such as {DefaultEndpoint}");
        return uri;
    }

    /// <summary>The token file huggingface-cli login writes; unreadable, oversized or blank means no token.</summary>
    private static string? ReadTokenFile(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            var buffer = new byte[MaxTokenFileBytes + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
                total += read;
            return total > MaxTokenFileBytes ? null : NonEmpty(Encoding.UTF8.GetString(buffer, 0, total).Trim());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>huggingface_hub expands '~' in cache paths (os.path.expanduser).</summary>
    private static string ExpandHome(string path, Func<string, string?> getEnvironmentVariable)
    {
        if (path != "~" && !path.StartsWith("~/", StringComparison.Ordinal))
            return path;
        var home = NonEmpty(getEnvironmentVariable("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return path.Length == 1 ? home : Path.Combine(home, path[2..]);
    }

    /// <summary>huggingface_hub's _is_true: "1", "ON", "YES", "TRUE" in any case.</summary>
    private static bool IsTrue(string? value) =>
        value is not null && value.Trim().ToUpperInvariant() is "1" or "ON" or "YES" or "TRUE";

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Shows whether a token is set, never the token.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Endpoint = ").Append(EndpointDisplay)
            .Append(", Token = ").Append(Token is null ? "(none)" : "(set)")
            .Append(", CacheDirectory = ").Append(CacheDirectory)
            .Append(", Offline = ").Append(Offline);
        return true;
    }
}
