using System.Globalization;
using ModelGate.Artifacts;
using ModelGate.Findings;
using ModelGate.Provenance;
using ModelGate.Reporting;

namespace ModelGate.Threats;

/// <summary>
/// A threat model of a scanned target: its assets (models, weight files, datasets, packages, the pipeline that
/// pulls the models), the threats asset-threats.tsv weighs for each, and whether the scan found evidence,
/// found a control, or cannot tell. Built from a <see cref="ScanReport"/> only, so it never re-reads the target.
/// </summary>
internal sealed record ThreatModel(string Target, DateTimeOffset Timestamp, ToolInfo Tool, string? AdvisorySource, IReadOnlyList<ThreatAsset> Assets)
{
    public static ThreatModel From(ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var assets = new List<ThreatAsset>();
        var findings = report.Findings
            .Select(f => f.Threats.Count == 0 ? f with { Threats = ThreatCatalog.For(f.Rule) } : f)
            .ToList();
        var weights = WeightFiles(report);
        var provenanceFindings = findings.Where(f => f.Kind == FindingKind.Provenance).ToList();

        foreach (var p in report.Provenance.OrderBy(p => p.Repo, StringComparer.Ordinal))
        {
            // With one model every provenance finding is about it; with several, the file paths tell them apart.
            var concerning = report.Provenance.Count == 1
                ? provenanceFindings
                : provenanceFindings.Where(f => Concerns(f, p) || (f.Location is null && f.Artifact is null)).ToList();
            var description = string.Create(CultureInfo.InvariantCulture,
                $"{p.Repo} at commit {p.Commit}, {p.Files.Count} files; revision pinned by {ReportNames.Of(p.Pin)}{(p.LockFile is null ? ", no lock" : $", checked against {p.LockFile}")}");
            assets.Add(Build(new AssetFacts(AssetKind.Model, "model") { Findings = concerning, Provenance = [p] }, p.Repo, description));
        }
        if (report.Provenance.Count == 0)
        {
            foreach (var folder in weights.Select(w => Folder(w.Path)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var files = weights.Count(w => Folder(w.Path) == folder);
                assets.Add(Build(new AssetFacts(AssetKind.Model, "model") { Findings = provenanceFindings },
                    folder == "." ? "model files in the target folder" : $"model files in {folder}",
                    string.Create(CultureInfo.InvariantCulture, $"{files} model file{(files == 1 ? "" : "s")} with no recorded origin")));
            }
        }

        foreach (var w in weights)
        {
            var type = ThreatControls.IsDataOnlyFormat(w.Format) ? "weights-data" : "weights-code";
            var concerning = findings.Where(f => IsAbout(f, w.Path)).ToList();
            var locked = report.Provenance.Any(p => p.LockFile is not null && p.Files.Any(x => x.Status == ProvenanceFileStatus.Verified && SamePath(w.Path, x.Path)));
            var description = $"{w.Format}, {HumanUnits.Bytes(w.Size)}, " + (w.Verdict is { } v ? $"scan verdict {ReportNames.Of(v)}" : "not scanned")
                + (type == "weights-code" ? "; loading this format can run code" : "; holds data only");
            assets.Add(Build(new AssetFacts(AssetKind.WeightFile, type)
            {
                Findings = concerning,
                Format = w.Format,
                Verdict = w.Verdict,
                HashVerifiedByLock = locked,
            }, w.Path, description));
        }

        assets.Add(Build(new AssetFacts(AssetKind.Dataset, "dataset"), "datasets",
            "none known: datasets are named by model cards, which ModelGate does not read yet"));

        foreach (var (direct, label) in new[] { (true, "Python packages (direct)"), (false, "Python packages (transitive)") })
        {
            var packages = report.Inventory.Packages.Where(p => p.Direct == direct).ToList();
            if (packages.Count == 0)
                continue;
            var names = packages.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var concerning = findings.Where(f => f.Package is { } pkg ? names.Contains(PackageName(pkg)) : IsAboutAllPackages(f)).ToList();
            var pinned = packages.Count(p => p.Version is not null);
            var hashed = packages.Count(p => p.Hashes.Count > 0);
            var distinct = names.Count;
            assets.Add(Build(new AssetFacts(AssetKind.Packages, "packages")
            {
                Findings = concerning,
                PackageCount = packages.Count,
                PinnedCount = pinned,
                HashedCount = hashed,
                AdvisorySource = report.AdvisorySource,
            }, label, string.Create(CultureInfo.InvariantCulture,
                $"{distinct} package{(distinct == 1 ? "" : "s")} in {packages.Count} declaration{(packages.Count == 1 ? "" : "s")}: {pinned} pinned, {hashed} with hashes")));
        }

        if (report.Provenance.Count > 0 || weights.Count > 0)
        {
            var description = report.Provenance.Count == 0
                ? "not recorded: no hf:// reference and no lock file say how the model files arrive"
                : string.Join("; ", report.Provenance.OrderBy(p => p.Repo, StringComparer.Ordinal).Select(p =>
                    $"{p.Repo}@{p.RequestedRevision ?? p.Commit[..Math.Min(7, p.Commit.Length)]} from {p.Source ?? "an unknown source"}, pinned by {ReportNames.Of(p.Pin)}"));
            assets.Add(Build(new AssetFacts(AssetKind.Pipeline, "pipeline") { Findings = provenanceFindings, Provenance = report.Provenance }, "the pipeline that pulls the models", description));
        }
        return new ThreatModel(report.Target, report.Timestamp, report.Tool, report.AdvisorySource, assets);
    }

    /// <summary>Every (threat, asset) with evidence, grouped by threat in catalogue order.</summary>
    public IReadOnlyList<(ThreatEntry Threat, IReadOnlyList<(ThreatAsset Asset, string Detail)> Assets)> ThreatsWithEvidence()
    {
        var order = ThreatCatalog.Entries.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return Assets
            .SelectMany(a => a.Threats.Where(t => t.Status == ThreatStatus.Evidence).Select(t => (t.Threat, Asset: a, t.Detail)))
            .GroupBy(x => x.Threat.Id, StringComparer.Ordinal)
            .OrderBy(g => order[g.Key])
            .Select(g => (g.First().Threat, (IReadOnlyList<(ThreatAsset, string)>)[.. g.Select(x => (x.Asset, x.Detail))]))
            .ToList();
    }

    private static ThreatAsset Build(AssetFacts facts, string name, string description) =>
        new(facts.Kind, facts.AssetType, name, description, [.. ThreatCatalog.ForAsset(facts.AssetType).Select(t => ThreatControls.Assess(t, facts))]);

    private sealed record Weight(string Path, string Format, long Size, ArtifactVerdict? Verdict);

    /// <summary>Top-level model files: the scanned ones with their verdicts, else the inventory's.</summary>
    private static List<Weight> WeightFiles(ScanReport report)
    {
        var scanned = report.ArtifactsScanned
            ? report.Artifacts.Where(a => a.Container is null).ToDictionary(a => a.Path, StringComparer.Ordinal)
            : [];
        return report.Inventory.ModelArtifacts
            .Select(m => new Weight(m.Source.Path, m.Format, m.Size, scanned.TryGetValue(m.Source.Path, out var r) ? r.Verdict : null))
            .DistinctBy(w => w.Path, StringComparer.Ordinal)
            .OrderBy(w => w.Path, StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsAbout(Finding f, string path) =>
        f.Artifact is { } a && (a == path || a.StartsWith(path + "!", StringComparison.Ordinal))
        || f.Artifact is null && f.Location?.Path == path;

    private static bool Concerns(Finding f, ModelProvenance p)
    {
        var path = f.Artifact ?? f.Location?.Path;
        return path is not null && (path == "." || p.Files.Any(x => SamePath(path, x.Path)));
    }

    /// <summary>A reported path ("model/config.json") names a repository file ("config.json") when it ends with it.</summary>
    private static bool SamePath(string reported, string repoPath) =>
        reported == repoPath || reported.EndsWith("/" + repoPath, StringComparison.Ordinal);

    private static bool IsAboutAllPackages(Finding f) =>
        f.Kind is FindingKind.Vulnerability || f.Kind is FindingKind.Hygiene && f.Rule.Id.StartsWith("MG1", StringComparison.Ordinal)
        || f.Rule == Rules.AdvisorySourceProblem;

    private static string PackageName(string package)
    {
        var eq = package.IndexOf("==", StringComparison.Ordinal);
        return eq < 0 ? package : package[..eq];
    }

    private static string Folder(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "." : path[..slash];
    }
}
