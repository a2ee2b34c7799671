namespace ModelGate.Advisories.Sources;

/// <summary>
/// Where advisories come from for one scan: OSV files, the local database or the OSV API. A provider
/// returns an index holding at least every advisory for the packages asked about.
/// </summary>
internal interface IAdvisoryProvider
{
    /// <summary>For reports: "OSV files in advisories/ (28 advisories)", "local database ...".</summary>
    string Description { get; }

    /// <param name="packages">Normalized PyPI names with the pinned version, or null for an unpinned requirement.</param>
    Task<AdvisorySnapshot> LoadAsync(IReadOnlyCollection<(string Name, string? Version)> packages, CancellationToken cancellationToken);
}

/// <summary>The advisories a provider delivered, and what it had to skip (malformed files, missing ids).</summary>
internal sealed record AdvisorySnapshot(AdvisoryIndex Index, IReadOnlyList<string> Warnings);
