using ModelGate.Findings;
using ModelGate.Reporting;

namespace ModelGate.Policy.Conditions;

/// <summary>
/// What a condition sees about one finding: the finding, and the package, artifact, model and card it concerns
/// (each always present, with empty values when the finding has none, so conditions never fail on a missing
/// key). Built from the report through a <see cref="PolicyFactsIndex"/>. Immutable once built.
/// </summary>
internal sealed class PolicyFacts
{
    private static readonly Dictionary<string, object?> EmptyPackage = EmptyOf(PolicyFactSchema.Package);
    private static readonly Dictionary<string, object?> EmptyArtifact = EmptyOf(PolicyFactSchema.Artifact);
    private static readonly Dictionary<string, object?> EmptyModel = EmptyOf(PolicyFactSchema.Model);
    private static readonly Dictionary<string, object?> EmptyCard = EmptyOf(PolicyFactSchema.Card);

    private PolicyFacts(Dictionary<string, object?> variables) => Variables = variables;

    /// <summary>Every variable, each a map from field name to value, as the Cel library reads them. Not to be modified.</summary>
    internal Dictionary<string, object?> Variables { get; }

    /// <summary>Facts where every field has its empty value: what <c>Compile</c> checks conditions against.</summary>
    internal static PolicyFacts Empty { get; } = new(new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        [PolicyFactSchema.Finding] = EmptyOf(PolicyFactSchema.Finding),
        [PolicyFactSchema.Package] = EmptyPackage,
        [PolicyFactSchema.Artifact] = EmptyArtifact,
        [PolicyFactSchema.Model] = EmptyModel,
        [PolicyFactSchema.Card] = EmptyCard,
    });

    /// <summary>The value of <c>variable.field</c>; null for a name the schema does not declare.</summary>
    public object? Get(string variable, string field) =>
        Variables.TryGetValue(variable, out var v) && v is Dictionary<string, object?> map && map.TryGetValue(field, out var value) ? value : null;

    public static PolicyFacts For(Finding finding, PolicyFactsIndex index)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(index);

        var path = finding.Location?.Path;
        var (packageName, packageVersion) = SplitPackage(finding.Package);
        var package = packageName is null ? null : index.Package(packageName, packageVersion, path);
        var vulnerability = packageName is not null && finding.Kind == FindingKind.Vulnerability && finding.Discriminator is { } advisory
            ? index.Vulnerability(packageName, advisory, path)
            : null;

        var f = EmptyOf(PolicyFactSchema.Finding);
        f["id"] = finding.Fingerprint;
        f["rule"] = finding.Rule.Id;
        f["kind"] = ReportNames.Of(finding.Kind);
        f["severity"] = ReportNames.Of(finding.Severity);
        f["severity_rank"] = (long)finding.Severity;
        f["title"] = finding.Title;
        f["message"] = finding.Message;
        f["path"] = path ?? string.Empty;
        f["line"] = (long)(finding.Location?.Line ?? 0);
        f["offset"] = finding.Location?.Offset ?? 0L;
        f["package"] = finding.Package ?? string.Empty;
        f["artifact"] = finding.Artifact ?? string.Empty;
        f["evidence"] = List(finding.Evidence);
        f["threats"] = finding.Threats.Count == 0 ? Array.Empty<object?>() : finding.Threats.Select(t => (object?)t.Id).ToArray();
        if (vulnerability is not null)
        {
            f["advisory"] = vulnerability.Ids[0];
            f["aliases"] = List(vulnerability.Ids.Skip(1).ToList());
            f["cvss"] = vulnerability.Cvss?.Score ?? 0.0;
            f["fixed"] = vulnerability.Fixed.Count > 0;
        }

        return new PolicyFacts(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [PolicyFactSchema.Finding] = f,
            [PolicyFactSchema.Package] = PackageFacts(packageName, packageVersion, package),
            [PolicyFactSchema.Artifact] = ArtifactFacts(finding.Artifact, index),
            [PolicyFactSchema.Model] = ModelFacts(index.Model(finding.Artifact ?? path)),
            [PolicyFactSchema.Card] = CardFacts(index.Card(finding.Artifact ?? path)),
        });
    }

    private static Dictionary<string, object?> CardFacts(Cards.ModelCardEntry? entry)
    {
        if (entry is null)
            return EmptyCard;
        var meta = entry.Card.Metadata;
        var facts = EmptyOf(PolicyFactSchema.Card);
        facts["path"] = entry.Path;
        facts["license"] = meta.License ?? string.Empty;
        facts["license_name"] = meta.LicenseName ?? string.Empty;
        facts["license_category"] = Cards.LicenseCatalog.Find(meta.License)?.CategoryName ?? (meta.License is null ? "unknown" : "other");
        facts["pipeline_tag"] = meta.PipelineTag ?? string.Empty;
        facts["library_name"] = meta.LibraryName ?? string.Empty;
        facts["tags"] = List(meta.Tags);
        facts["datasets"] = List(meta.Datasets);
        facts["base_model"] = meta.BaseModels.Count > 0 ? meta.BaseModels[0] : string.Empty;
        facts["gated"] = meta.Gated;
        return facts;
    }

    private static Dictionary<string, object?> PackageFacts(string? name, string? version, Inventory.InventoryPackage? p)
    {
        if (name is null)
            return EmptyPackage;
        var facts = EmptyOf(PolicyFactSchema.Package);
        facts["name"] = name;
        facts["version"] = version ?? p?.Version ?? string.Empty;
        if (p is null)
            return facts;
        facts["ecosystem"] = p.Ecosystem;
        facts["direct"] = p.Direct;
        facts["source"] = p.Source.Path;
        facts["line"] = (long)(p.Source.Line ?? 0);
        facts["origin"] = ReportNames.Of(p.Origin);
        facts["group"] = p.Group ?? string.Empty;
        facts["specifier"] = p.Specifier;
        facts["extras"] = List(p.Extras);
        facts["marker"] = p.Marker ?? string.Empty;
        facts["hashes"] = List(p.Hashes);
        facts["url"] = p.Url ?? string.Empty;
        facts["editable"] = p.Editable;
        facts["index_urls"] = List(p.IndexUrls);
        facts["extra_index_urls"] = List(p.ExtraIndexUrls);
        facts["extractor"] = p.Extractor;
        return facts;
    }

    private static Dictionary<string, object?> ArtifactFacts(string? path, PolicyFactsIndex index)
    {
        if (string.IsNullOrEmpty(path))
            return EmptyArtifact;
        var facts = EmptyOf(PolicyFactSchema.Artifact);
        facts["path"] = path;
        if (index.Artifact(path) is { } scanned)
        {
            facts["container"] = scanned.Container ?? string.Empty;
            facts["format"] = scanned.Format;
            facts["verdict"] = ReportNames.Of(scanned.Verdict);
            facts["size"] = scanned.Size;
            facts["sha256"] = scanned.Sha256 ?? string.Empty;
        }
        else if (index.InventoryArtifact(path) is { } found)
        {
            facts["format"] = found.Format;
            facts["size"] = found.Size;
            facts["sha256"] = found.Digests.GetValueOrDefault("sha256") ?? string.Empty;
        }
        else
        {
            var bang = path.LastIndexOf('!');
            facts["container"] = bang < 0 ? string.Empty : path[..bang];
        }
        return facts;
    }

    private static Dictionary<string, object?> ModelFacts(Provenance.ModelProvenance? model)
    {
        if (model is null)
            return EmptyModel;
        var facts = EmptyOf(PolicyFactSchema.Model);
        facts["repo"] = model.Repo;
        var slash = model.Repo.IndexOf('/', StringComparison.Ordinal);
        facts["organization"] = slash < 0 ? string.Empty : model.Repo[..slash];
        facts["commit"] = model.Commit;
        facts["revision"] = model.RequestedRevision ?? string.Empty;
        facts["pinned_by"] = ReportNames.Of(model.Pin);
        facts["source"] = model.Source ?? string.Empty;
        facts["lock_file"] = model.LockFile ?? string.Empty;
        return facts;
    }

    /// <summary>Finding.Package is <c>name</c> or <c>name==version</c>.</summary>
    private static (string? Name, string? Version) SplitPackage(string? package)
    {
        if (string.IsNullOrEmpty(package))
            return (null, null);
        var eq = package.IndexOf("==", StringComparison.Ordinal);
        return eq < 0 ? (package, null) : (package[..eq], package[(eq + 2)..]);
    }

    private static object?[] List(IReadOnlyList<string> items)
    {
        if (items.Count == 0)
            return [];
        var list = new object?[items.Count];
        for (var i = 0; i < list.Length; i++)
            list[i] = items[i];
        return list;
    }

    private static Dictionary<string, object?> EmptyOf(string variable)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in PolicyFactSchema.FieldsOf(variable))
            map[field.Name] = field.Empty;
        return map;
    }
}
