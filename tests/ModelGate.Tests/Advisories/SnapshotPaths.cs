namespace ModelGate.Tests.Advisories;

/// <summary>The PyPA advisory snapshot in ../shared/testdata, found by walking up from the test output.</summary>
internal static class SnapshotPaths
{
    public static string PypaAdvisoryDb { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "testdata", "pypa-advisory-db");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new InvalidOperationException("shared/testdata/pypa-advisory-db not found above " + AppContext.BaseDirectory);
    }
}
