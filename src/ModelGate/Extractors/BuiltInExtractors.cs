namespace ModelGate.Extractors;

/// <summary>
/// The one table of extractors. Hand-written rather than found by reflection, so Native AOT keeps
/// working and every extractor is listed in one place. Order matters only for reading the list.
/// </summary>
public static class BuiltInExtractors
{
    public static IReadOnlyList<IExtractor> All { get; } =
    [
        // Manifests a person edits.
        new Python.RequirementsExtractor(),
        new Python.PyprojectExtractor(),
        new Python.SetupCfgExtractor(),
        new Python.PipfileExtractor(),
        new Python.CondaEnvironmentExtractor(),

        // Lockfiles a resolver writes.
        new Python.PoetryLockExtractor(),
        new Python.UvLockExtractor(),
        new Python.PdmLockExtractor(),
        new Python.PylockExtractor(),
        new Python.PipfileLockExtractor(),

        // Installed environments.
        new Python.InstalledPackageExtractor(),
        new Python.EggInfoExtractor(),

        // Bills of materials named as the target.
        new Sbom.CycloneDxExtractor(),

        // Model files.
        new Models.ModelArtifactExtractor(),
        new Cards.ModelCardExtractor(),
    ];
}
