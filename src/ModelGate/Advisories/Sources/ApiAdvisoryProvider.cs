using ModelGate.Advisories.Api;
using ModelGate.Formats;
using ModelGate.Formats.Osv;

namespace ModelGate.Advisories.Sources;

/// <summary>
/// The OSV API: one batch query for every pinned package, then the advisory details. The server's answer
/// is re-checked by the local matcher, so the API and the offline sources report the same way.
/// </summary>
internal sealed class ApiAdvisoryProvider(OsvApiOptions options) : IAdvisoryProvider
{
    public string Description => $"OSV API at {options.BaseUrl}";

    public async Task<AdvisorySnapshot> LoadAsync(IReadOnlyCollection<(string Name, string? Version)> packages, CancellationToken cancellationToken)
    {
        // The batch endpoint matches versions server-side; a query without a version returns every
        // advisory of the package, which is what --assume-worst needs for unpinned requirements.
        var queries = packages.Select(p => (p.Name, p.Version ?? string.Empty)).Distinct().ToList();
        using var client = new OsvApiClient(options);
        var result = await client.QueryAsync(queries, cancellationToken).ConfigureAwait(false);
        var advisories = new List<OsvAdvisory>();
        var warnings = new List<string>();
        foreach (var (id, json) in result.Advisories)
        {
            try
            {
                advisories.Add(OsvJsonReader.Read(System.Text.Encoding.UTF8.GetBytes(json)));
            }
            catch (MalformedDataException ex)
            {
                warnings.Add($"OSV API advisory {id} could not be read: {ex.Message}");
            }
        }
        warnings.AddRange(result.MissingAdvisoryIds.Select(id => $"OSV API listed {id} but did not return it (withdrawn or removed?)"));
        return new AdvisorySnapshot(AdvisoryIndex.Build(advisories), warnings);
    }
}
