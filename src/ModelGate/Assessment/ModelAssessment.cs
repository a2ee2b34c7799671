namespace ModelGate.Assessment;

/// <summary>
/// The four-part assessment of one model (<c>modelgate assess</c>): provenance and authenticity, licensing,
/// technical security, operational risk. Report schema: docs/report-schema.md, <c>assessment</c>.
/// </summary>
public sealed record ModelAssessment
{
    /// <summary>The worst part: fail, else warn (a part not assessed counts as warn), else pass.</summary>
    public required AssessmentVerdict Verdict { get; init; }

    /// <summary>What was assessed: the Hub repository when known, else the folder.</summary>
    public required string Subject { get; init; }

    /// <summary>The model card's path relative to the scan root; null when there is none.</summary>
    public string? Card { get; init; }

    public required AssessmentPart Provenance { get; init; }

    public required AssessmentPart Licensing { get; init; }

    public required AssessmentPart TechnicalSecurity { get; init; }

    public required AssessmentPart OperationalRisk { get; init; }

    /// <summary>The licence id as the card declares it; null when none is declared.</summary>
    public string? License { get; init; }

    /// <summary>The licence's category (permissive, ..., use-restricted, other, unknown).</summary>
    public required string LicenseCategory { get; init; }

    /// <summary>Restrictive clauses, by file and line.</summary>
    public IReadOnlyList<LicenseClause> Clauses { get; init; } = [];

    /// <summary>0 to 100; every point lost is explained in <see cref="OperationalRisk"/>'s evidence.</summary>
    public int DocumentationScore { get; init; }

    /// <summary>The worst of the parts' verdicts (not assessed counts as warn).</summary>
    public static AssessmentVerdict Combine(params ReadOnlySpan<AssessmentVerdict> verdicts)
    {
        var result = AssessmentVerdict.Pass;
        foreach (var verdict in verdicts)
        {
            if (verdict == AssessmentVerdict.Fail)
                return AssessmentVerdict.Fail;
            if (verdict is AssessmentVerdict.Warn or AssessmentVerdict.NotAssessed)
                result = AssessmentVerdict.Warn;
        }
        return result;
    }
}
