namespace ModelGate.Provenance.Hub;

/// <summary>
/// Checks on the names a Hub (or a cache) hands us before they become file-system paths or URL segments:
/// repository paths, commits, blob ids, revisions.
/// </summary>
internal static class HubPaths
{
    /// <summary>Longest repository path accepted; git allows longer, but no model file needs it.</summary>
    public const int MaxPathLength = 1024;

    /// <summary>Longest revision accepted (branch, tag or ref name).</summary>
    public const int MaxRevisionLength = 256;

    /// <summary>
    /// True for a relative, '/'-separated path that stays inside the folder it is joined to: no empty, "." or
    /// ".." segment, no leading '/', no '\' (a separator on Windows), no NUL or other control character.
    /// </summary>
    public static bool IsSafeRelativePath(string path)
    {
        if (path.Length is 0 or > MaxPathLength)
            return false;
        foreach (var c in path)
        {
            if (char.IsControl(c) || c == '\\')
                return false;
        }
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or "..")
                return false;
        }
        return true;
    }

    /// <summary>A revision safe to use as a path under <c>refs/</c> (it may contain '/', as in refs/pr/1).</summary>
    public static bool IsSafeRevision(string revision) => revision.Length <= MaxRevisionLength && IsSafeRelativePath(revision);

    public static bool IsHex(string value, int length)
    {
        if (value.Length != length)
            return false;
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
                return false;
        }
        return true;
    }

    /// <summary>A git commit or blob id: 40 hex digits (SHA-1).</summary>
    public static bool IsSha1Hex(string value) => IsHex(value, 40);

    /// <summary>An LFS object id: 64 hex digits (SHA-256).</summary>
    public static bool IsSha256Hex(string value) => IsHex(value, 64);

    /// <summary>A name for <c>blobs/</c>: an LFS SHA-256 or a git blob id, as huggingface_hub names them.</summary>
    public static bool IsEtag(string value) => IsSha1Hex(value) || IsSha256Hex(value);

    /// <summary>Each segment percent-escaped, the separators kept: the form <c>/resolve/</c> URLs take.</summary>
    public static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
