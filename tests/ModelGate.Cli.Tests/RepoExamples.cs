namespace ModelGate.Cli.Tests;

/// <summary>The repository's examples/ folders, found by walking up from the test binaries.</summary>
internal static class RepoExamples
{
    /// <summary>The path of examples/<paramref name="relativePath"/> (a folder or a file).</summary>
    public static string Path(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "examples", relativePath);
            if (Directory.Exists(candidate) || File.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("examples/" + relativePath);
    }
}
