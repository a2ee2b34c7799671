namespace ModelGate.Inventory;

/// <summary>Index and VCS URLs often carry credentials (<c>https://user:token@host/</c>); nothing ModelGate prints repeats them.</summary>
public static class UrlRedaction
{
    public static string Redact(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
            return url;
        var hostStart = scheme + 3;
        var pathStart = url.IndexOf('/', hostStart);
        var authorityEnd = pathStart < 0 ? url.Length : pathStart;
        var at = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - hostStart);
        return at >= hostStart ? string.Concat(url.AsSpan(0, hostStart), "***@", url.AsSpan(at + 1)) : url;
    }
}
