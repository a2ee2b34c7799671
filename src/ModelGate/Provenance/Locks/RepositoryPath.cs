namespace ModelGate.Provenance.Locks;

/// <summary>
/// Repository paths as locks and snapshots use them: relative, '/'-separated, and unable to leave the folder
/// they are joined to.
/// </summary>
internal static class RepositoryPath
{
    /// <summary>Null when <paramref name="path"/> is safe, else why not.</summary>
    public static string? Problem(string path)
    {
        if (path.Length == 0)
            return "the path is empty";
        if (path.Length > LockLimits.MaxPathLength)
            return $"the path is longer than {LockLimits.MaxPathLength} characters";
        foreach (var c in path)
        {
            if (c == '\0')
                return "the path contains a NUL character";
            if (c == '\\')
                return "the path contains a backslash ('/' separates folders)";
            if (char.IsControl(c))
                return "the path contains a control character";
        }
        if (path[0] == '/')
            return "the path is absolute";
        if (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0]))
            return "the path starts with a drive letter";
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0)
                return "the path has an empty segment ('//' or a trailing '/')";
            if (segment is "." or "..")
                return $"the path has a '{segment}' segment";
        }
        return null;
    }
}
