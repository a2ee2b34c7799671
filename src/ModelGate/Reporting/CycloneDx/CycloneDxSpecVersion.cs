namespace ModelGate.Reporting.CycloneDx;

/// <summary>The CycloneDX specification versions ModelGate writes; 1.6 is the first with ML model cards.</summary>
internal enum CycloneDxSpecVersion
{
    V1_6,
    V1_7,
}

internal static class CycloneDxSpecVersions
{
    public static string Name(this CycloneDxSpecVersion version) => version switch
    {
        CycloneDxSpecVersion.V1_6 => "1.6",
        CycloneDxSpecVersion.V1_7 => "1.7",
        _ => throw new ArgumentOutOfRangeException(nameof(version)),
    };

    public static bool TryParse(string? text, out CycloneDxSpecVersion version)
    {
        (var ok, version) = text switch
        {
            "1.6" => (true, CycloneDxSpecVersion.V1_6),
            "1.7" => (true, CycloneDxSpecVersion.V1_7),
            _ => (false, CycloneDxSpecVersion.V1_6),
        };
        return ok;
    }
}
