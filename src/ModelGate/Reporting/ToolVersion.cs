using System.Reflection;

namespace ModelGate.Reporting;

/// <summary>The product version, from the assembly's informational version without the source-control suffix.</summary>
public static class ToolVersion
{
    public static string Value { get; } = Read();

    private static string Read()
    {
        var informational = typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
