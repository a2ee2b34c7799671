namespace ModelGate.Formats.Archives;

/// <summary>Checks an entry name for the shapes that escape an extraction folder or confuse C loaders.</summary>
internal static class ArchiveNames
{
    public static void Check(string name, long? offset, AnomalyList anomalies)
    {
        if (name.Contains('\0', StringComparison.Ordinal))
            anomalies.Add(ArchiveAnomalyKind.NulInName, name, offset, "name contains a NUL character");
        if (name.Contains('\\', StringComparison.Ordinal))
            anomalies.Add(ArchiveAnomalyKind.BackslashInName, name, offset, "name contains a backslash");
        if (name.StartsWith('/') || name.StartsWith('\\') || (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':'))
            anomalies.Add(ArchiveAnomalyKind.AbsolutePath, name, offset, "name is an absolute path");
        foreach (var segment in name.Split('/', '\\'))
        {
            if (segment == "..")
            {
                anomalies.Add(ArchiveAnomalyKind.PathTraversal, name, offset, "name contains a '..' segment");
                break;
            }
        }
    }
}
