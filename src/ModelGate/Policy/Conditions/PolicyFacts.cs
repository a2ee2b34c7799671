using ModelGate.Findings;
using ModelGate.Reporting;

namespace ModelGate.Policy.Conditions;

/// <summary>
/// What a condition sees about one finding: the finding, and the package, artifact, model and card it concerns
/// (each always present, with empty values when the finding has none, so conditions never fail on a missing
/// key). Built from the report through a <see cref="PolicyFactsIndex"/>.
/// </summary>
internal sealed class PolicyFacts
{
    /// <exception cref="NotImplementedException">Until the CEL work lands.</exception>
    public static PolicyFacts For(Finding finding, PolicyFactsIndex index) => throw new NotImplementedException("filled in by the CEL work");
}
