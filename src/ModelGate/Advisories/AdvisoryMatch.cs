using ModelGate.Formats.Osv;

namespace ModelGate.Advisories;

/// <summary>One advisory that affects, or may affect, the audited package version.</summary>
internal sealed record AdvisoryMatch(IndexedAdvisory Indexed, MatchOutcome Outcome)
{
    public OsvAdvisory Advisory => Indexed.Advisory;

    public string Id => Indexed.Advisory.Id;
}
