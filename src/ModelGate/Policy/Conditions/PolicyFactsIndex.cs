using ModelGate.Reporting;

namespace ModelGate.Policy.Conditions;

/// <summary>Lookups built once per report so facts for 10,000 findings cost a dictionary hit each: packages, vulnerabilities, artifacts, provenance.</summary>
internal sealed class PolicyFactsIndex
{
    /// <exception cref="NotImplementedException">Until the CEL work lands.</exception>
    public static PolicyFactsIndex Build(ScanReport report) => throw new NotImplementedException("filled in by the CEL work");
}
