namespace ModelGate.Tests.Signatures.Sigstore;

/// <summary>
/// The Sigstore conformance cases and trusted roots shared beside the repository
/// (<c>../shared/testdata/sigstore-conformance</c>, <c>../shared/testdata/sigstore-trust</c>); read in place.
/// </summary>
internal static class SigstoreTestData
{
    public static string ConformanceCases { get; } = Path.Combine(Find(Path.Combine("shared", "testdata", "sigstore-conformance")), "bundle-verify");

    public static string TrustDirectory { get; } = Find(Path.Combine("shared", "testdata", "sigstore-trust"));

    public static string ProductionTrustedRoot => Path.Combine(TrustDirectory, "trusted_root.production.json");

    public static string StagingTrustedRoot => Path.Combine(TrustDirectory, "trusted_root.staging.json");

    public static IEnumerable<string> CaseNames =>
        Directory.EnumerateDirectories(ConformanceCases).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static string CaseFile(string caseName, string file) => Path.Combine(ConformanceCases, caseName, file);

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
