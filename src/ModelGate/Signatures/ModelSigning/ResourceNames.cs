namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// Rules for the names in a manifest. The format's names are POSIX paths relative to the model root
/// (model_signing <c>manifest.File</c>); the reference refuses absolute paths and <c>..</c> components
/// (<c>_filesystem.relative_path_parts</c>). Stricter here: no backslashes, empty or <c>.</c> components, or
/// control characters, because such a name can never be produced by walking a folder and only serves to
/// confuse a comparison.
/// </summary>
internal static class ResourceNames
{
    /// <summary>The name of the single resource when the signed model is one file, not a folder.</summary>
    public const string WholeModel = ".";

    /// <summary>Why <paramref name="name"/> is not an acceptable model-relative path, or null.</summary>
    public static string? Problem(string name, int maxLength)
    {
        if (name.Length == 0)
            return "empty path";
        if (name.Length > maxLength)
            return $"path longer than {maxLength} characters";
        if (name == WholeModel)
            return null;
        if (name[0] == '/')
            return "absolute path";
        if (name.Contains('\\', StringComparison.Ordinal))
            return "backslash in path";
        foreach (var c in name)
        {
            if (char.IsControl(c))
                return "control character in path";
        }
        foreach (var part in name.Split('/'))
        {
            if (part.Length == 0)
                return "empty path component";
            if (part == "..")
                return "'..' component (path traversal)";
            if (part == ".")
                return "'.' component";
            if (part.Length >= 2 && part[1] == ':' && char.IsAsciiLetter(part[0]))
                return "drive letter";
        }
        return null;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="prefix"/> or lies below it, comparing whole components.</summary>
    public static bool IsAtOrBelow(string path, string prefix) =>
        path == prefix || (path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal) && path[prefix.Length] == '/');

    /// <summary>
    /// An ignore path as the reference compares it: relative to the model, with <c>./</c> prefixes and trailing
    /// slashes dropped (<c>pathlib</c> normalises both away). Null for a path that cannot name anything inside the
    /// model (absolute, traversal), which therefore ignores nothing.
    /// </summary>
    public static string? NormalizeIgnore(string path)
    {
        var parts = path.Split('/').Where(p => p.Length > 0 && p != ".").ToArray();
        if (parts.Length == 0 || path.StartsWith('/') || parts.Contains(".."))
            return null;
        return string.Join('/', parts);
    }
}
