using ModelGate.Advisories.Database;
using ModelGate.Formats;
using ModelGate.Formats.Osv;

namespace ModelGate.Advisories.Sources;

/// <summary>
/// The local advisory database: only the advisories of the packages asked about are read and parsed,
/// so an audit of a thousand pins touches a few thousand rows, not the whole database.
/// </summary>
internal sealed class DatabaseAdvisoryProvider(string path) : IAdvisoryProvider
{
    public string Description { get; private set; } = $"local database {path}";

    public Task<AdvisorySnapshot> LoadAsync(IReadOnlyCollection<(string Name, string? Version)> packages, CancellationToken cancellationToken)
    {
        using var database = AdvisoryDatabase.Open(path);
        var status = database.Status;
        Description = $"local database {path} ({status.AdvisoryCount} advisories from {status.Source}, imported {status.ImportedAt:yyyy-MM-dd HH:mm} UTC)";
        var advisories = new List<OsvAdvisory>();
        var warnings = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in packages.Select(p => p.Name).Distinct(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var json in database.GetAdvisoriesJson(name))
            {
                try
                {
                    var advisory = OsvJsonReader.Read(System.Text.Encoding.UTF8.GetBytes(json));
                    if (seen.Add(advisory.Id))
                        advisories.Add(advisory);
                }
                catch (MalformedDataException ex)
                {
                    warnings.Add($"{path}: a stored advisory for {name} could not be read: {ex.Message}");
                }
            }
        }
        return Task.FromResult(new AdvisorySnapshot(AdvisoryIndex.Build(advisories), warnings));
    }
}
