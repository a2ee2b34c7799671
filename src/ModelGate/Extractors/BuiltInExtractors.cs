using ModelGate.Extractors.Python;

namespace ModelGate.Extractors;

/// <summary>
/// The one table of extractors. Hand-written rather than found by reflection, so Native AOT keeps
/// working and every extractor is listed in one place. Order matters only for reading the list.
/// </summary>
public static class BuiltInExtractors
{
    public static IReadOnlyList<IExtractor> All { get; } =
    [
        new RequirementsExtractor(),
        new SetupCfgExtractor(),
        new CondaEnvironmentExtractor(),
    ];
}
