using ModelGate.Discovery;
using ModelGate.Findings;
using ModelGate.Formats;
using ModelGate.Formats.CycloneDx;
using ModelGate.Inventory;

namespace ModelGate.Extractors.Sbom;

/// <summary>
/// A CycloneDX JSON BOM named as the target (<c>modelgate scan bom.cdx.json</c>, <c>modelgate bom audit</c>): its
/// PyPI and conda components become the inventory, as a lockfile's entries would. Only an explicit target is read:
/// a BOM committed inside a project folder describes that project again and would count every package twice.
/// </summary>
internal sealed class CycloneDxExtractor : IExtractor
{
    public const string ExtractorName = "sbom/cyclonedx";

    /// <summary>How much of the file <see cref="CanExtract"/> looks at for <c>"bomFormat"</c>.</summary>
    private const int PrefixBytes = 64 * 1024;

    public string Name => ExtractorName;

    public bool CanExtract(DiscoveredFile file) =>
        file.IsExplicitTarget && (file.FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || file.FileName.EndsWith(".cdx", StringComparison.OrdinalIgnoreCase))
        && CycloneDxReader.LooksLikeBom(file.ReadPrefix(PrefixBytes));

    public ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        if (!context.TryReadText(out var text))
            return ValueTask.CompletedTask;
        var bom = CycloneDxReader.Read(text);
        foreach (var problem in bom.Problems)
            context.Report(RuleFor(problem.Kind), context.At(), $"{context.File.RelativePath}: {problem}");

        var direct = DirectRefs(bom);
        foreach (var component in bom.Components)
        {
            if (component.Type == "machine-learning-model" && !IsPinned(component, bom))
            {
                context.Report(Rules.UnpinnedBomModel, context.At(),
                    $"{context.File.RelativePath}: {component.Path}: model '{component.Name}' has no commit and no hashes");
            }
            if (component.PackageUrl is not { } purl || Ecosystem(purl.Type) is not { } ecosystem)
                continue;
            var version = purl.Version ?? component.Version;
            if (string.IsNullOrWhiteSpace(version))
            {
                context.Report(Rules.UnauditableBomComponent, context.At(),
                    $"{context.File.RelativePath}: {component.Path}: {purl} has no version; it is left out of the audit");
                continue;
            }
            context.AddPackage(new InventoryPackage
            {
                Ecosystem = ecosystem,
                Name = purl.Name,
                DeclaredName = component.Name,
                Version = version,
                Specifier = "==" + version,
                Source = context.At(),
                Hashes = [.. component.Hashes.Select(h => $"{HashName(h.Algorithm)}:{h.Content}").Distinct(StringComparer.Ordinal)],
                Direct = direct is null || (component.BomRef is { } bomRef && direct.Contains(bomRef)),
                Origin = PackageOrigin.Lockfile,
                Group = component.Scope is "optional" or "excluded" ? component.Scope : null,
                Extractor = ExtractorName,
            });
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The packages the BOM's subject depends on directly, from the dependency graph: named in the subject's
    /// <c>dependsOn</c>, or in that of a component without a purl the subject reaches without passing through a
    /// package (Trivy hangs packages under their manifest's application component). Null when the graph does not
    /// say (no subject, or no entry for it), and then every package counts as direct.
    /// </summary>
    private static HashSet<string>? DirectRefs(CycloneDxBom bom)
    {
        if (bom.Subject?.BomRef is not { } subject)
            return null;
        var graph = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var dependency in bom.Dependencies)
            graph.TryAdd(dependency.Ref, dependency.DependsOn);
        if (!graph.ContainsKey(subject))
            return null;
        var packages = bom.Components.Where(c => c.BomRef is not null && c.PackageUrl is not null).Select(c => c.BomRef!).ToHashSet(StringComparer.Ordinal);
        var direct = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal) { subject };
        var pending = new Queue<string>([subject]);
        while (pending.TryDequeue(out var node))
        {
            foreach (var target in graph.GetValueOrDefault(node) ?? [])
            {
                if (packages.Contains(target))
                    direct.Add(target);
                else if (visited.Add(target))
                    pending.Enqueue(target);
            }
        }
        return direct;
    }

    /// <summary>A commit in a huggingface purl, or a hash on the model or on one of the files nested in it.</summary>
    private static bool IsPinned(CycloneDxComponent model, CycloneDxBom bom)
    {
        if (model.PackageUrl is { Type: "huggingface", Version: { Length: 40 } commit } && commit.All(char.IsAsciiHexDigit))
            return true;
        return model.Hashes.Count > 0
            || (model.BomRef is { } bomRef && bom.Components.Any(c => c.ParentRef == bomRef && c.Hashes.Count > 0));
    }

    private static string? Ecosystem(string purlType) => purlType switch
    {
        "pypi" => Ecosystems.PyPI,
        "conda" => Ecosystems.Conda,
        _ => null,
    };

    /// <summary>CycloneDX <c>SHA-256</c> as our <c>sha256</c>.</summary>
    private static string HashName(string algorithm) => algorithm.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static Rule RuleFor(CycloneDxProblemKind kind) => kind switch
    {
        CycloneDxProblemKind.DuplicateBomRef or CycloneDxProblemKind.DanglingReference => Rules.InconsistentBom,
        CycloneDxProblemKind.LimitExceeded => Rules.InputLimitExceeded,
        _ => Rules.ParseError,
    };
}
