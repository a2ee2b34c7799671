namespace ModelGate.Tests.Support;

/// <summary>
/// The read-only data shared beside the repository (<c>../shared/testdata</c>): found by walking up from the test
/// output folder to the first folder that holds <c>shared/testdata/pypa-advisory-db</c>. Never copied into the repo.
/// </summary>
internal static class SharedTestData
{
    public static string PypaAdvisoryDb { get; } = Find(Path.Combine("shared", "testdata", "pypa-advisory-db"));

    /// <summary>The official SARIF 2.1.0 schema (OASIS errata 01), as shipped in <c>../shared/schemas/sarif</c>.</summary>
    public static string SarifSchema { get; } = Path.Combine(Find(Path.Combine("shared", "schemas", "sarif")), "sarif-schema-2.1.0.json");

    /// <summary>Offline copies of the Sigstore production and staging trusted roots (<c>../shared/testdata/sigstore-trust</c>).</summary>
    public static string SigstoreTrust { get; } = Find(Path.Combine("shared", "testdata", "sigstore-trust"));

    /// <summary>The official CycloneDX schemas and examples, as shipped in <c>../shared/schemas/cyclonedx</c>.</summary>
    public static string CycloneDxFolder { get; } = Find(Path.Combine("shared", "schemas", "cyclonedx"));

    /// <summary>Hugging Face licence ids with ModelGate's SPDX mapping and category (<c>../shared/data/hf-licenses.yaml</c>).</summary>
    public static string HfLicenses { get; } = Path.Combine(Find(Path.Combine("shared", "data")), "hf-licenses.yaml");

    private static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new InvalidOperationException(relative + " not found above " + AppContext.BaseDirectory);
    }
}
