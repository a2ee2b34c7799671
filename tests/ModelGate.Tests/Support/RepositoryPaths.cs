namespace ModelGate.Tests.Support;

/// <summary>Finds the repository root (the folder with ModelGate.slnx) from the test output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModelGate.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("ModelGate.slnx not found above " + AppContext.BaseDirectory);
    }
}
