namespace ModelGate.Advisories.Database;

/// <summary>What an advisory database holds and where it came from, for <c>status</c> output and reports.</summary>
/// <param name="Path">The database file.</param>
/// <param name="Source">Where the advisories were imported from, as the importer described it.</param>
/// <param name="ImportedAt">When the import ran (UTC, from the importer's <see cref="TimeProvider"/>).</param>
/// <param name="AdvisoryCount">Distinct advisories stored.</param>
/// <param name="PackageCount">Distinct package names with at least one advisory.</param>
/// <param name="SchemaVersion">The file's schema version.</param>
/// <param name="FileSize">The file's size in bytes.</param>
public sealed record DatabaseStatus(
    string Path,
    string Source,
    DateTimeOffset ImportedAt,
    long AdvisoryCount,
    long PackageCount,
    int SchemaVersion,
    long FileSize);
