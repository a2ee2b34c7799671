namespace ModelGate.Advisories;

/// <summary>
/// What to do about one package version with known advisories. Versions are written as the advisories
/// write them. <see cref="RecommendedUpgrade"/> and <see cref="Rollback"/> are null when no version named
/// in the advisories qualifies.
/// </summary>
/// <param name="FixedByGroup">Per advisory group, its <c>fixed</c> versions above the current one, ascending.</param>
/// <param name="RecommendedUpgrade">The smallest named version above the current one that no matched advisory affects.</param>
/// <param name="CrossesMajor">The upgrade changes the epoch or the first release segment (or the current version is legacy).</param>
/// <param name="Rollback">The newest named version below the current one that no matched advisory affects.</param>
internal sealed record RemediationAdvice(
    IReadOnlyList<GroupFixes> FixedByGroup,
    string? RecommendedUpgrade,
    bool CrossesMajor,
    string? Rollback);

/// <summary>The <c>fixed</c> versions of one advisory group above the current version, ascending.</summary>
internal sealed record GroupFixes(AdvisoryGroup Group, IReadOnlyList<string> Fixed);
