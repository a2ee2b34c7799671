using ModelGate.Findings;

namespace ModelGate.Threats;

/// <summary>One threat of a taxonomy, as threat-catalog.tsv lists it.</summary>
/// <param name="Taxonomy">"OWASP ML Top 10", "OWASP LLM Top 10 2025", "MITRE ATLAS" or "CWE".</param>
/// <param name="Id">The taxonomy's own id: ML06, LLM03, AML.T0010.003, CWE-502.</param>
/// <param name="Name">The name as the taxonomy gives it (an ATLAS sub-technique's own name, e.g. "Model").</param>
/// <param name="Url">The taxonomy's page for it.</param>
internal sealed record ThreatEntry(string Taxonomy, string Id, string Name, string Url)
{
    /// <summary>
    /// The name to show: an ATLAS sub-technique is named with its parent ("AI Supply Chain Compromise: Model"),
    /// as ATLAS itself does, because "Model" alone says nothing.
    /// </summary>
    public string DisplayName { get; init; } = Name;

    public ThreatReference ToReference() => new(Taxonomy, Id, DisplayName);
}
