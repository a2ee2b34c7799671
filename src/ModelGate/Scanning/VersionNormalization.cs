using ModelGate.Formats.Pep440;

namespace ModelGate.Scanning;

/// <summary>PEP 440 normal form of a version string; legacy (non-PEP 440) versions are kept as written.</summary>
internal static class VersionNormalization
{
    public static string Normalize(string version) =>
        PythonVersion.TryParse(version, out var parsed) ? parsed.ToString() : version.Trim();
}
