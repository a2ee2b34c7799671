using ModelGate.Findings;
using ModelGate.Formats;
using ModelGate.Formats.Pep508;
using ModelGate.Formats.Pyproject;
using ModelGate.Inventory;

namespace ModelGate.Extractors.Python;

/// <summary>Shared steps of the TOML manifest extractors: bounded reading and the mapping to inventory entries.</summary>
internal static class ManifestPackages
{

    /// <summary>
    /// One declared dependency as an inventory entry. The index is the one the entry names, else the
    /// primary indexes (empty: the installer's default, PyPI); supplemental indexes are extra indexes.
    /// </summary>
    public static InventoryPackage ToPackage(DeclaredDependency dependency, IReadOnlyList<PackageSource> sources, IReadOnlyList<string> defaultIndexes, ExtractionContext context, string extractor)
    {
        IReadOnlyList<string> indexes = defaultIndexes;
        IReadOnlyList<string> extraIndexes = [];
        if (dependency.IndexName is { } indexName)
        {
            var named = sources.FirstOrDefault(s => s.Name.Equals(indexName, StringComparison.OrdinalIgnoreCase));
            if (named is null && indexName.Equals("pypi", StringComparison.OrdinalIgnoreCase))
                indexes = ["https://pypi.org/simple/"];
            else if (named is null)
                context.ReportParseError(dependency.Line, $"{dependency.Name} names the package index '{indexName}', which is not declared");
            else
                indexes = [named.Url];
        }
        else
        {
            extraIndexes = [.. sources.Where(s => s.Priority == SourcePriority.Supplemental).Select(s => s.Url)];
        }
        return new InventoryPackage
        {
            Ecosystem = Ecosystems.PyPI,
            Name = PackageName.Normalize(dependency.Name),
            DeclaredName = dependency.Name,
            Version = dependency.Version,
            Specifier = dependency.Specifier,
            Source = context.At(dependency.Line),
            Direct = true,
            Origin = PackageOrigin.Manifest,
            Group = dependency.Group,
            Extras = dependency.Extras,
            Marker = dependency.Marker,
            IndexUrls = indexes,
            ExtraIndexUrls = extraIndexes,
            Url = dependency.Url,
            Editable = dependency.Editable,
            Extractor = extractor,
        };
    }
}
