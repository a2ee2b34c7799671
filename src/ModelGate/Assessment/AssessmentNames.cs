namespace ModelGate.Assessment;

/// <summary>The names reports use for assessment verdicts.</summary>
internal static class AssessmentNames
{
    public static string Of(AssessmentVerdict verdict) => verdict switch
    {
        AssessmentVerdict.Pass => "pass",
        AssessmentVerdict.Warn => "warn",
        AssessmentVerdict.Fail => "fail",
        _ => "not-assessed",
    };

    /// <summary>The four parts in report order, with their JSON names and titles.</summary>
    public static IReadOnlyList<(string Key, string Title, AssessmentPart Part)> Parts(ModelAssessment a) =>
    [
        ("provenance", "Provenance and authenticity", a.Provenance),
        ("licensing", "Licensing and IP", a.Licensing),
        ("technicalSecurity", "Technical security", a.TechnicalSecurity),
        ("operationalRisk", "Operational risk", a.OperationalRisk),
    ];
}
