namespace ModelGate.Formats.Tests.CycloneDx;

/// <summary>The official CycloneDX examples in <c>../shared/schemas/cyclonedx/examples</c>, found by walking up; never copied into the repo.</summary>
internal static class SharedExamples
{
    public static string Folder { get; } = Find();

    private static string Find()
    {
        var relative = Path.Combine("shared", "schemas", "cyclonedx", "examples");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new InvalidOperationException(relative + " not found above " + AppContext.BaseDirectory);
    }
}
