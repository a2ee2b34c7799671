using ModelGate.Findings;

namespace ModelGate.Artifacts;

/// <summary>The threat references model-file findings carry (MITRE ATLAS, OWASP ML Top 10, CWE).</summary>
internal static class ArtifactThreats
{
    private static readonly ThreatReference UnsafeArtifacts = new("MITRE ATLAS", "AML.T0011.000", "Unsafe AI Artifacts");
    private static readonly ThreatReference EmbedMalware = new("MITRE ATLAS", "AML.T0018.002", "Embed Malware");
    private static readonly ThreatReference CorruptModel = new("MITRE ATLAS", "AML.T0076", "Corrupt AI Model");
    private static readonly ThreatReference SupplyChain = new("OWASP ML Top 10", "ML06", "AI Supply Chain Attacks");
    private static readonly ThreatReference Deserialization = new("CWE", "CWE-502", "Deserialization of Untrusted Data");
    private static readonly ThreatReference PathTraversal = new("CWE", "CWE-22", "Improper Limitation of a Pathname to a Restricted Directory");
    private static readonly ThreatReference CodeInjection = new("CWE", "CWE-94", "Improper Control of Generation of Code");
    private static readonly ThreatReference TemplateInjection = new("CWE", "CWE-1336", "Improper Neutralization of Special Elements Used in a Template Engine");
    private static readonly ThreatReference ResourceConsumption = new("CWE", "CWE-400", "Uncontrolled Resource Consumption");

    public static IReadOnlyList<ThreatReference> For(Rule rule) => rule.Id switch
    {
        "MG2001" or "MG2002" or "MG2003" => [UnsafeArtifacts, EmbedMalware, SupplyChain, Deserialization],
        "MG2004" => [CorruptModel, SupplyChain, ResourceConsumption],
        "MG2005" => [CorruptModel, EmbedMalware, SupplyChain],
        "MG2006" => [UnsafeArtifacts, SupplyChain, PathTraversal],
        "MG2007" or "MG2008" => [UnsafeArtifacts, EmbedMalware, SupplyChain, CodeInjection],
        "MG2009" => [UnsafeArtifacts, EmbedMalware, SupplyChain, TemplateInjection],
        "MG2010" => [CorruptModel, SupplyChain],
        _ => [],
    };
}
