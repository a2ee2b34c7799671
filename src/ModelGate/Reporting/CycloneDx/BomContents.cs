using ModelGate.Formats.CycloneDx;
using ModelGate.Inventory;
using ModelGate.Provenance;

namespace ModelGate.Reporting.CycloneDx;

/// <summary>
/// What a BOM lists, worked out once from a report: packages merged by identity, models by folder with their
/// files, and every bom-ref, each derived from content (purl or path) so two runs name things alike.
/// </summary>
internal sealed record BomContents(
    IReadOnlyList<BomPackage> Packages,
    IReadOnlyList<BomModel> Models,
    IReadOnlyList<string> Datasets)
{
    public const string RootRef = "target";

    public static BomContents From(ScanReport report)
    {
        var packages = report.Inventory.Packages
            .GroupBy(p => PackageRef(p), StringComparer.Ordinal)
            .Select(g => BomPackage.From(g.Key, [.. g]))
            .OrderBy(p => p.BomRef, StringComparer.Ordinal)
            .ToList();
        var models = BomModel.FromReport(report);
        var datasets = models
            .SelectMany(m => m.Card?.Card.Metadata.Datasets ?? [])
            .Where(d => !string.IsNullOrWhiteSpace(d))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new BomContents(packages, models, datasets);
    }

    /// <summary>The bom-ref of the <c>data</c> component for a dataset a model card names.</summary>
    public static string DatasetRef(string id) => "dataset:" + id;

    /// <summary>The purl when the ecosystem has a purl type, else a name-based ref; unpinned entries have a purl without a version.</summary>
    private static string PackageRef(InventoryPackage package) => PurlOf(package)?.ToString() ?? $"package:{package.Ecosystem}/{package.Name}@{package.Version}";

    public static PackageUrl? PurlOf(InventoryPackage package) => package.Ecosystem switch
    {
        Ecosystems.PyPI => PackageUrl.PyPI(package.Name, package.Version),
        Ecosystems.Conda => new PackageUrl { Type = "conda", Name = package.Name, Version = package.Version },
        _ => null,
    };

    /// <summary>The bom-ref of the component a finding is about: its file, its model, its package, else the target.</summary>
    public string RefFor(Findings.Finding finding)
    {
        if (finding.Artifact is { } artifact)
        {
            var path = artifact.Split('!')[0];
            foreach (var model in Models)
            {
                if (model.Files.FirstOrDefault(f => f.Path == path) is { } file)
                    return file.BomRef;
            }
            if (Models.FirstOrDefault(m => m.Contains(path)) is { } owner)
                return owner.BomRef;
        }
        if (finding.Package is { } package)
        {
            var name = package.Split("==")[0];
            var version = package.Contains("==", StringComparison.Ordinal) ? package.Split("==")[1] : null;
            var match = Packages.FirstOrDefault(p => p.Name == name && (version is null || p.Version == version) && (finding.Location is null || p.Sources.Any(s => s.Path == finding.Location.Path)))
                ?? Packages.FirstOrDefault(p => p.Name == name);
            if (match is not null)
                return match.BomRef;
        }
        if (finding.Location?.Path is { } location && Models.FirstOrDefault(m => m.Contains(location)) is { } model2)
            return model2.BomRef;
        return RootRef;
    }
}

/// <summary>One package component: every declaration of the same name and version merged.</summary>
internal sealed record BomPackage(string BomRef, PackageUrl? Purl, string Ecosystem, string Name, string? Version, IReadOnlyList<InventoryPackage> Entries)
{
    public static BomPackage From(string bomRef, IReadOnlyList<InventoryPackage> entries)
    {
        var first = entries[0];
        return new BomPackage(bomRef, BomContents.PurlOf(first), first.Ecosystem, first.Name, first.Version, entries);
    }

    /// <summary>Required unless every declaration sits in an optional group (dev, extras, dependency groups).</summary>
    public bool Required => Entries.Any(e => e.Group is null);

    /// <summary>Direct when any declaration names it directly.</summary>
    public bool Direct => Entries.Any(e => e.Direct);

    public IReadOnlyList<(string Alg, string Content)> Hashes => BomHashes.From(Entries.SelectMany(e => e.Hashes));

    public IReadOnlyList<SourceLocation> Sources => [.. Entries.Select(e => e.Source).Distinct().OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.Line)];
}

/// <summary>A file of a model: its identity and what checking and scanning it found.</summary>
/// <param name="Path">Relative to the scanned folder.</param>
/// <param name="Name">Relative to the model's folder.</param>
internal sealed record BomModelFile(string BomRef, string Path, string Name)
{
    public string? Format { get; init; }

    public long? Size { get; init; }

    public string? Sha256 { get; init; }

    /// <summary>The provenance check: verified, changed, missing, unexpected, unverifiable.</summary>
    public string? Verification { get; init; }

    /// <summary>The model-file scan verdict: clean, suspicious, malicious, error.</summary>
    public string? Verdict { get; init; }
}

/// <summary>A model: a folder holding model files, a Hub snapshot, or both.</summary>
internal sealed record BomModel(string BomRef, string Folder, string Name, string? Group, PackageUrl? Purl, ModelProvenance? Provenance, IReadOnlyList<BomModelFile> Files)
{
    /// <summary>The model card (and config.json) of the model's folder, when there is one.</summary>
    public Cards.ModelCardEntry? Card { get; init; }

    public bool Contains(string path) => Folder.Length == 0 || path.StartsWith(Folder + "/", StringComparison.Ordinal);

    public static IReadOnlyList<BomModel> FromReport(ScanReport report)
    {
        var provenanceByFolder = new SortedDictionary<string, ModelProvenance>(StringComparer.Ordinal);
        foreach (var provenance in report.Provenance)
            provenanceByFolder.TryAdd(CommonFolder(provenance.Files.Select(f => f.Path)), provenance);

        var cardsByFolder = new SortedDictionary<string, Cards.ModelCardEntry>(StringComparer.Ordinal);
        foreach (var card in report.Inventory.ModelCards)
            cardsByFolder.TryAdd(card.Folder, card);

        var roots = new SortedSet<string>(provenanceByFolder.Keys.Concat(cardsByFolder.Keys), StringComparer.Ordinal);
        foreach (var artifact in report.Inventory.ModelArtifacts)
        {
            var folder = artifact.Source.Folder;
            if (!roots.Any(r => r == folder || r.Length == 0 || folder.StartsWith(r + "/", StringComparison.Ordinal)))
                roots.Add(folder);
        }
        // A folder that became a root before one of its ancestors did is folded into the ancestor.
        var kept = roots.Where(r => !roots.Any(o => o != r && (o.Length == 0 || r.StartsWith(o + "/", StringComparison.Ordinal)) && !provenanceByFolder.ContainsKey(r) && !cardsByFolder.ContainsKey(r))).ToList();

        var results = new Dictionary<string, ArtifactsResult>(StringComparer.Ordinal);
        foreach (var result in report.Artifacts.Where(a => a.Container is null))
            results.TryAdd(result.Path, new ArtifactsResult(result.Format, result.Size, result.Sha256, ReportNames.Of(result.Verdict)));

        var models = new List<BomModel>();
        foreach (var folder in kept)
        {
            var owner = (string path) => kept.Where(k => k.Length == 0 || path == k || path.StartsWith(k + "/", StringComparison.Ordinal)).MaxBy(k => k.Length) == folder;
            provenanceByFolder.TryGetValue(folder, out var provenance);
            var files = new SortedDictionary<string, BomModelFile>(StringComparer.Ordinal);
            foreach (var file in provenance?.Files ?? [])
            {
                files[file.Path] = new BomModelFile(FileRef(file.Path), file.Path, Relative(folder, file.Path))
                {
                    Size = file.Size,
                    Sha256 = file.Sha256,
                    Verification = ReportNames.Of(file.Status),
                };
            }
            foreach (var artifact in report.Inventory.ModelArtifacts.Where(a => owner(a.Source.Path)))
            {
                var path = artifact.Source.Path;
                var existing = files.GetValueOrDefault(path) ?? new BomModelFile(FileRef(path), path, Relative(folder, path));
                results.TryGetValue(path, out var scanned);
                files[path] = existing with
                {
                    Format = artifact.Format,
                    Size = existing.Size ?? artifact.Size,
                    Sha256 = existing.Sha256 ?? artifact.Digests.GetValueOrDefault("sha256") ?? scanned?.Sha256,
                    Verdict = scanned?.Verdict,
                };
            }

            string name;
            string? group = null;
            PackageUrl? purl = null;
            if (provenance is not null)
            {
                var slash = provenance.Repo.IndexOf('/', StringComparison.Ordinal);
                group = slash < 0 ? null : provenance.Repo[..slash];
                name = slash < 0 ? provenance.Repo : provenance.Repo[(slash + 1)..];
                // purl-types "huggingface": namespace = user or organization, name = repository, version = commit.
                purl = new PackageUrl { Type = "huggingface", Namespace = group, Name = name, Version = provenance.Commit.ToLowerInvariant() };
            }
            else
            {
                name = folder.Length == 0 ? TargetName(report.Target) : folder[(folder.LastIndexOf('/') + 1)..];
            }
            var bomRef = purl?.ToString() ?? $"model:{(folder.Length == 0 ? "." : folder)}";
            models.Add(new BomModel(bomRef, folder, name, group, purl, provenance, [.. files.Values]) { Card = cardsByFolder.GetValueOrDefault(folder) });
        }
        return [.. models.OrderBy(m => m.BomRef, StringComparer.Ordinal)];
    }

    public static string FileRef(string path) => "file:" + path;

    /// <summary>The last segment of the target as given: a folder's name, or the repository of an hf:// reference.</summary>
    public static string TargetName(string target)
    {
        var trimmed = target.TrimEnd('/', '\\');
        if (trimmed.StartsWith("hf://", StringComparison.OrdinalIgnoreCase))
            return trimmed[5..].Split('@')[0];
        var name = Path.GetFileName(trimmed);
        return name.Length == 0 || name == "." ? Path.GetFileName(Path.GetFullPath(trimmed).TrimEnd('/', '\\')) is { Length: > 0 } full ? full : "target" : name;
    }

    private static string Relative(string folder, string path) => folder.Length == 0 ? path : path[(folder.Length + 1)..];

    private static string CommonFolder(IEnumerable<string> paths)
    {
        string? common = null;
        foreach (var path in paths)
        {
            var folder = SourceLocation.FolderOf(path);
            if (common is null)
            {
                common = folder;
                continue;
            }
            while (common.Length > 0 && folder != common && !folder.StartsWith(common + "/", StringComparison.Ordinal))
                common = SourceLocation.FolderOf(common);
        }
        return common ?? string.Empty;
    }

    private sealed record ArtifactsResult(string Format, long Size, string? Sha256, string Verdict);
}
