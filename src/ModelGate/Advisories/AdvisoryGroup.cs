namespace ModelGate.Advisories;

/// <summary>
/// Matched advisories that describe one vulnerability: they name each other, directly or through a chain,
/// by <c>id</c> or <c>aliases</c>. <see cref="Ids"/> holds the primary id first, then every other id and
/// alias of the members, sorted ordinally.
/// </summary>
internal sealed record AdvisoryGroup(IReadOnlyList<string> Ids, IReadOnlyList<AdvisoryMatch> Members)
{
    public string PrimaryId => Ids[0];

    /// <summary>Affected when any member is; otherwise every member could not be evaluated.</summary>
    public MatchOutcome Outcome =>
        Members.Any(m => m.Outcome == MatchOutcome.Affected) ? MatchOutcome.Affected : MatchOutcome.CannotEvaluate;
}
