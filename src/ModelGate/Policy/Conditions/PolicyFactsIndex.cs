using ModelGate.Advisories;
using ModelGate.Artifacts;
using ModelGate.Inventory;
using ModelGate.Provenance;
using ModelGate.Reporting;

namespace ModelGate.Policy.Conditions;

/// <summary>Lookups built once per report so facts for 10,000 findings cost a dictionary hit each: packages, vulnerabilities, artifacts, provenance.</summary>
internal sealed class PolicyFactsIndex
{
    // A package name can be declared in several files; a finding's location says which declaration it is about.
    private readonly Dictionary<(string Path, string Name), InventoryPackage> _packagesByPathName = [];
    private readonly Dictionary<(string Name, string Version), InventoryPackage> _packagesByNameVersion = [];
    private readonly Dictionary<string, InventoryPackage> _packagesByName = new(StringComparer.Ordinal);

    // VulnerabilityAnalyzer reports one finding per package line and advisory group: Package = name,
    // Location = the package's declaration, Discriminator = the group's primary id (Ids[0]).
    private readonly Dictionary<(string Path, string Name, string Advisory), Vulnerability> _vulnerabilities = [];
    private readonly Dictionary<(string Name, string Advisory), Vulnerability> _vulnerabilitiesByName = [];

    private readonly Dictionary<string, ArtifactResult> _artifacts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModelArtifact> _inventoryArtifacts = new(StringComparer.Ordinal);

    private readonly Dictionary<string, ModelProvenance> _provenanceByFile = new(StringComparer.Ordinal);
    private readonly ModelProvenance? _onlyProvenance;

    // Longest folder first, so a finding resolves to the card of the innermost model folder holding it.
    private readonly List<Cards.ModelCardEntry> _cards;

    private PolicyFactsIndex(ScanReport report)
    {
        foreach (var p in report.Inventory.Packages)
        {
            _packagesByPathName.TryAdd((p.Source.Path, p.Name), p);
            if (p.Version is not null)
                _packagesByNameVersion.TryAdd((p.Name, p.Version), p);
            _packagesByName.TryAdd(p.Name, p);
        }
        foreach (var v in report.Vulnerabilities)
        {
            if (v.Ids.Count == 0)
                continue;
            _vulnerabilities.TryAdd((v.Package.Source.Path, v.Package.Name, v.Ids[0]), v);
            _vulnerabilitiesByName.TryAdd((v.Package.Name, v.Ids[0]), v);
        }
        foreach (var a in report.Artifacts)
            _artifacts.TryAdd(a.Path, a);
        foreach (var a in report.Inventory.ModelArtifacts)
            _inventoryArtifacts.TryAdd(a.Source.Path, a);
        foreach (var model in report.Provenance)
        {
            foreach (var file in model.Files)
                _provenanceByFile.TryAdd(file.Path, model);
        }
        if (report.Provenance.Count == 1)
            _onlyProvenance = report.Provenance[0];
        _cards = [.. report.Inventory.ModelCards.OrderByDescending(c => c.Folder.Length).ThenBy(c => c.Path, StringComparer.Ordinal)];
    }

    public static PolicyFactsIndex Build(ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new PolicyFactsIndex(report);
    }

    /// <summary>The declaration a finding's <c>name</c> or <c>name==version</c> refers to, preferring the one in the finding's file.</summary>
    public InventoryPackage? Package(string name, string? version, string? path)
    {
        if (path is not null && _packagesByPathName.TryGetValue((path, name), out var here))
            return here;
        if (version is not null && _packagesByNameVersion.TryGetValue((name, version), out var pinned))
            return pinned;
        return _packagesByName.GetValueOrDefault(name);
    }

    public Vulnerability? Vulnerability(string name, string advisory, string? path)
    {
        if (path is not null && _vulnerabilities.TryGetValue((path, name, advisory), out var here))
            return here;
        return _vulnerabilitiesByName.GetValueOrDefault((name, advisory));
    }

    public ArtifactResult? Artifact(string path) => _artifacts.GetValueOrDefault(path);

    public ModelArtifact? InventoryArtifact(string path) => _inventoryArtifacts.GetValueOrDefault(path);

    /// <summary>
    /// The card of the model folder holding <paramref name="path"/>; for a finding without a path, or one
    /// outside every model folder, the only card when there is exactly one.
    /// </summary>
    public Cards.ModelCardEntry? Card(string? path)
    {
        if (!string.IsNullOrEmpty(path))
        {
            foreach (var card in _cards)
            {
                if (card.Folder.Length == 0 || path.StartsWith(card.Folder + "/", StringComparison.Ordinal) || path == card.Folder)
                    return card;
            }
        }
        return _cards.Count == 1 ? _cards[0] : null;
    }

    /// <summary>
    /// The provenance record holding <paramref name="path"/>. Records name files by repository path while
    /// findings name them relative to the scan root (a snapshot may sit in a sub-folder), so each suffix
    /// after a '/' is tried too; an archive member resolves through its archive.
    /// </summary>
    public ModelProvenance? Model(string? path)
    {
        if (!string.IsNullOrEmpty(path) && _provenanceByFile.Count > 0)
        {
            var bang = path.IndexOf('!', StringComparison.Ordinal);
            var file = bang < 0 ? path : path[..bang];
            while (true)
            {
                if (_provenanceByFile.TryGetValue(file, out var model))
                    return model;
                var slash = file.IndexOf('/', StringComparison.Ordinal);
                if (slash < 0)
                    break;
                file = file[(slash + 1)..];
            }
        }
        return _onlyProvenance;
    }
}
