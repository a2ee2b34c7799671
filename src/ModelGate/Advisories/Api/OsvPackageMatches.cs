namespace ModelGate.Advisories.Api;

/// <summary>
/// The advisory ids OSV reports for one queried PyPI package version, in the order the server listed them
/// (duplicates across pages removed).
/// </summary>
internal sealed record OsvPackageMatches(string Name, string Version, IReadOnlyList<string> VulnIds);
