using ModelGate.Findings;
using ModelGate.Formats;
using ModelGate.Formats.Pep508;
using ModelGate.Inventory;

namespace ModelGate.Scanning;

/// <summary>
/// Turns what each extractor produced into one inventory: duplicates from files read twice merged,
/// versions normalized, lock entries marked direct when a manifest beside them names them, and entries
/// that cannot be audited or that the target environment excludes moved to <c>skipped</c>.
/// </summary>
internal static class InventoryResolver
{
    public static ScanInventory Resolve(IReadOnlyList<FileExtraction> files, List<Diagnostic> diagnostics, ScanOptions options)
    {
        var packages = new List<InventoryPackage>();
        var constraints = new List<InventoryPackage>();
        var seenPackages = new HashSet<string>(StringComparer.Ordinal);
        var seenConstraints = new HashSet<string>(StringComparer.Ordinal);
        var sourceFiles = new List<string>();
        var artifacts = new List<ModelArtifact>();
        var cards = new List<Cards.ModelCardEntry>();
        foreach (var file in files)
        {
            // A manifest counts as read even when empty; a file the artifact sniffer looked at and set
            // aside (a text .pth) does not, nor does a README that is not a model card.
            if (file.Contexts.Any(c => c.ProducedAnything || c.ExtractorName is not (Extractors.Models.ModelArtifactExtractor.ExtractorName or Cards.ModelCardExtractor.ExtractorName)))
                sourceFiles.Add(file.File.RelativePath);
            foreach (var context in file.Contexts)
            {
                // A requirements file included with -r is also discovered on its own: each declaration counts once.
                packages.AddRange(context.Packages.Where(p => seenPackages.Add(IdentityOf(p))));
                constraints.AddRange(context.Constraints.Where(p => seenConstraints.Add(IdentityOf(p))));
                diagnostics.AddRange(context.Diagnostics);
                artifacts.AddRange(context.Artifacts);
                cards.AddRange(context.ModelCards);
            }
        }

        packages = packages.Select(NormalizeVersion).ToList();
        constraints = constraints.Select(NormalizeVersion).ToList();
        packages = MarkDirectLockEntries(packages);

        var kept = new List<InventoryPackage>();
        var skipped = new List<SkippedPackage>();
        foreach (var package in packages)
        {
            var reason = NotAuditableReason(package) ?? ExcludedByMarker(package, options, diagnostics);
            if (reason is null)
                kept.Add(package);
            else
                skipped.Add(new SkippedPackage(package, reason));
        }

        return new ScanInventory
        {
            Packages = kept.OrderBy(p => p, PackageOrder.Instance).ToList(),
            Constraints = constraints.OrderBy(p => p, PackageOrder.Instance).ToList(),
            Skipped = skipped.OrderBy(s => s.Package, PackageOrder.Instance).ToList(),
            Diagnostics = diagnostics
                .DistinctBy(d => (d.RuleId, d.Location, d.Message))
                .OrderBy(d => d.Location.Path, StringComparer.Ordinal)
                .ThenBy(d => d.Location.Line)
                .ThenBy(d => d.Message, StringComparer.Ordinal)
                .ToList(),
            SourceFiles = sourceFiles,
            ModelArtifacts = artifacts.OrderBy(a => a.Source.Path, StringComparer.Ordinal).ToList(),
            ModelCards = cards.OrderBy(c => c.Path, StringComparer.Ordinal).ToList(),
        };
    }

    private static string IdentityOf(InventoryPackage p) =>
        string.Join('\u001f', p.Extractor, p.Source.Path, p.Source.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            p.Ecosystem, p.Name, p.Specifier, p.Url ?? string.Empty, p.Group ?? string.Empty, p.Marker ?? string.Empty);

    /// <summary>PEP 440 normal form for PyPI versions; anything else is kept as written.</summary>
    private static InventoryPackage NormalizeVersion(InventoryPackage package)
    {
        if (package.Version is null || package.Ecosystem != Ecosystems.PyPI)
            return package;
        var normalized = VersionNormalization.Normalize(package.Version);
        return normalized == package.Version ? package : package with { Version = normalized };
    }

    /// <summary>A lockfile pins everything; what the project itself asks for is named in a manifest in the same folder.</summary>
    private static List<InventoryPackage> MarkDirectLockEntries(List<InventoryPackage> packages)
    {
        var declared = packages
            .Where(p => p.Origin == PackageOrigin.Manifest)
            .Select(p => (p.Source.Folder, p.Ecosystem, p.Name))
            .ToHashSet();
        return packages
            .Select(p => p.Origin == PackageOrigin.Lockfile && !p.Direct && declared.Contains((p.Source.Folder, p.Ecosystem, p.Name))
                ? p with { Direct = true }
                : p)
            .ToList();
    }

    private static string? NotAuditableReason(InventoryPackage package)
    {
        if (package.Editable)
            return "editable install: the code is a local checkout, not a released version";
        if (package.Url is null || package.Version is not null)
            return null;
        var url = package.Url;
        if (url.StartsWith("git+", StringComparison.OrdinalIgnoreCase) || url.StartsWith("hg+", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("svn+", StringComparison.OrdinalIgnoreCase) || url.StartsWith("bzr+", StringComparison.OrdinalIgnoreCase))
            return "VCS reference: not auditable by version";
        if (url.Contains("://", StringComparison.Ordinal) && !url.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return "direct URL without a version in its file name: not auditable by version";
        return "local path: not auditable by version";
    }

    private static string? ExcludedByMarker(InventoryPackage package, ScanOptions options, List<Diagnostic> diagnostics)
    {
        if (options.TargetEnvironment is null || string.IsNullOrWhiteSpace(package.Marker))
            return null;
        try
        {
            var marker = Marker.Parse(package.Marker);
            return marker.Evaluate(options.TargetEnvironment)
                ? null
                : $"marker '{package.Marker}' is false for {options.TargetEnvironmentDescription ?? "the target environment"}";
        }
        catch (MalformedDataException ex)
        {
            diagnostics.Add(new Diagnostic(Rules.ParseError.Id, $"marker '{package.Marker}' of {package.Name} could not be parsed: {ex.Reason}", package.Source));
            return null;
        }
    }
}
