namespace ModelGate.Advisories.Api;

/// <summary>
/// What the OSV API said about a list of packages.
/// <list type="bullet">
/// <item><see cref="Packages"/>: one entry per input package, in input order.</item>
/// <item><see cref="Advisories"/>: advisory id to the raw JSON text of <c>GET /v1/vulns/{id}</c>, for every id
/// in <see cref="Packages"/> except those in <see cref="MissingAdvisoryIds"/>. Not parsed here; the OSV reader does that.</item>
/// <item><see cref="MissingAdvisoryIds"/>: ids the batch listed but <c>GET /v1/vulns/{id}</c> answered 404 for
/// (withdrawn or deleted between the two calls), sorted ordinally. The package is still reported as matched by
/// those ids; the caller decides how to report an advisory it cannot read.</item>
/// </list>
/// </summary>
internal sealed record OsvApiResult(
    IReadOnlyList<OsvPackageMatches> Packages,
    IReadOnlyDictionary<string, string> Advisories,
    IReadOnlyList<string> MissingAdvisoryIds);
