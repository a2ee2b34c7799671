using System.Globalization;
using ModelGate.Artifacts;
using ModelGate.Provenance;
using ModelGate.Reporting;

namespace ModelGate.Threats;

/// <summary>
/// Decides a threat's status for an asset: evidence when a finding mapped to the threat concerns the asset;
/// otherwise mitigated when the scan observed a control that counters it; otherwise not determined, saying
/// what would be needed to tell.
/// </summary>
internal static class ThreatControls
{
    private const string PoisoningUndetectable = "weight poisoning cannot be detected by static analysis: it needs a trusted publisher, a verified origin and behavioural evaluation";
    private const string NoSignatures = "no signature verification yet: hashes show the bytes are the locked ones, not who produced them";

    public static ThreatAssessment Assess(ThreatEntry threat, AssetFacts facts)
    {
        ArgumentNullException.ThrowIfNull(threat);
        ArgumentNullException.ThrowIfNull(facts);
        var evidence = facts.Findings
            .Where(f => f.Threats.Any(t => t.Id == threat.Id))
            .GroupBy(f => f.Rule.Id, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} ×{g.Count()}"))
            .ToList();
        if (evidence.Count > 0)
            return new ThreatAssessment(threat, ThreatStatus.Evidence, string.Join(", ", evidence));
        var (mitigated, detail) = facts.Kind switch
        {
            AssetKind.WeightFile => WeightFile(threat.Id, facts),
            AssetKind.Model => Model(threat.Id, facts),
            AssetKind.Pipeline => Pipeline(threat.Id, facts),
            AssetKind.Packages => Packages(threat.Id, facts),
            _ => (false, "no dataset is known to the scan: training data is described by model cards and data BOMs, which ModelGate does not read yet"),
        };
        return new ThreatAssessment(threat, mitigated ? ThreatStatus.Mitigated : ThreatStatus.NotDetermined, detail);
    }

    /// <summary>Formats whose bytes hold tensors and metadata only: loading them runs no code of the file's author.</summary>
    public static bool IsDataOnlyFormat(string format) => format is "safetensors" or "gguf" or "onnx" or "tflite";

    private static (bool, string) WeightFile(string id, AssetFacts f)
    {
        var format = f.Format ?? "unknown";
        var dataOnly = IsDataOnlyFormat(format);
        switch (id)
        {
            case "AML.T0011.000" or "AML.T0018.002" or "CWE-502":
                return f.Verdict switch
                {
                    null => (false, "the file was not scanned"),
                    ArtifactVerdict.Clean when dataOnly => (true, $"{format} holds tensors only, and the scan found the file well-formed"),
                    ArtifactVerdict.Clean => (true, $"static scan of the {format} file found only allowlisted reconstruction callables; a format without code (safetensors) would remove the risk"),
                    var v => (false, $"scan verdict {Name(v.Value)} without a finding mapped to this threat"),
                };
            case "AML.T0076":
                return f.Verdict == ArtifactVerdict.Clean
                    ? (true, "the file parsed completely and its layout is consistent")
                    : (false, f.Verdict is null ? "the file was not scanned" : $"scan verdict {Name(f.Verdict.Value)}");
            case "AML.T0018.000" or "ML10" or "LLM04":
                return (false, PoisoningUndetectable);
            default:
                if (f.Verdict == ArtifactVerdict.Clean && f.HashVerifiedByLock)
                    return (true, "scanned clean, and its bytes match the lock");
                return (false, f.Verdict == ArtifactVerdict.Clean
                    ? "scanned clean, but its bytes are not verified against a lock (modelgate lock)"
                    : "the file was not scanned clean");
        }
    }

    private static (bool, string) Model(string id, AssetFacts f)
    {
        if (f.Provenance.Count == 0)
        {
            return id switch
            {
                "CWE-345" => (false, "origin not recorded, and " + NoSignatures),
                _ => (false, "origin not recorded: no hf:// reference and no lock file (modelgate lock) name where these files came from"),
            };
        }
        return id switch
        {
            "AML.T0010.003" or "ML06" or "LLM03" => AllLockedAndVerified(f.Provenance, out var how)
                ? (true, how)
                : (false, how),
            "CWE-345" => (false, NoSignatures),
            "AML.T0074" => (false, "the repository name is not compared with the publisher you meant (typosquatted or look-alike organizations)"),
            _ => (false, "publisher reputation and model behaviour are not established by a scan: review the publisher, or list trusted organizations (--trusted-org)"),
        };
    }

    private static (bool, string) Pipeline(string id, AssetFacts f)
    {
        if (f.Provenance.Count == 0)
            return (false, "how the model files got here is not recorded: no hf:// reference and no lock file");
        switch (id)
        {
            case "AML.T0109":
                var unpinned = f.Provenance.Where(p => p.Pin == ProvenancePin.None).Select(p => p.Repo).ToList();
                return unpinned.Count == 0
                    ? (true, "every revision is pinned to a commit (" + string.Join(", ", f.Provenance.Select(p => $"{p.Repo}@{p.Commit[..Math.Min(7, p.Commit.Length)]} by {Name(p.Pin)}")) + ")")
                    : (false, "revision not pinned: " + string.Join(", ", unpinned));
            case "AML.T0010.003" or "CWE-494" or "ML06" or "LLM03":
                return AllLockedAndVerified(f.Provenance, out var how) ? (true, how) : (false, how);
            case "CWE-345":
                return (false, NoSignatures);
            case "AML.T0074":
                return (false, "the repository named in the pull is not compared with the publisher you meant");
            default:
                return (false, "no control for this threat is observed by the scan");
        }
    }

    private static (bool, string) Packages(string id, AssetFacts f)
    {
        var unpinned = f.PackageCount - f.PinnedCount;
        var unhashed = f.PackageCount - f.HashedCount;
        var advisoriesClear = f.AdvisorySource is not null && unpinned == 0;
        switch (id)
        {
            case "CWE-1395" or "AML.T0010.001":
                if (f.AdvisorySource is null)
                    return (false, "no advisory data consulted");
                return advisoriesClear
                    ? (true, $"no known vulnerabilities in {f.AdvisorySource}")
                    : (false, Count(unpinned, "declaration") + " not pinned, so advisories cannot be matched to one version (--assume-worst)");
            case "AML.T0109":
                return unpinned == 0
                    ? (true, "every declaration pins one version, and PyPI never serves other bytes under a released file name")
                    : (false, Count(unpinned, "declaration") + " not pinned: a new release is picked up without review");
            case "CWE-494":
                return unhashed == 0
                    ? (true, "every declaration carries a hash (pip's hash-checking mode)")
                    : (false, Count(unhashed, "declaration") + " without a hash: an index or mirror could serve other bytes (pip-compile --generate-hashes)");
            case "AML.T0011.001":
                return (false, "package contents are not analysed; a known-malicious package shows only as an advisory (MAL- ids)");
            default:
                return advisoriesClear && unhashed == 0
                    ? (true, "pinned, hashed, and no known vulnerabilities")
                    : (false, "not every declaration is pinned, hashed and checked against advisories");
        }
    }

    private static bool AllLockedAndVerified(IReadOnlyList<ModelProvenance> provenance, out string how)
    {
        var noLock = provenance.Where(p => p.LockFile is null).Select(p => p.Repo).ToList();
        if (noLock.Count > 0)
        {
            how = "no lock file: the bytes are not compared with a reviewed set (" + string.Join(", ", noLock) + ")";
            return false;
        }
        var files = provenance.Sum(p => p.Files.Count);
        var verified = provenance.Sum(p => p.Files.Count(x => x.Status == ProvenanceFileStatus.Verified));
        if (files == 0 || verified != files)
        {
            how = string.Create(CultureInfo.InvariantCulture, $"{verified} of {files} files verified against the lock");
            return false;
        }
        how = string.Create(CultureInfo.InvariantCulture, $"commit pinned by {string.Join(", ", provenance.Select(p => p.LockFile).Distinct(StringComparer.Ordinal))}; all {files} files match their locked SHA-256");
        return true;
    }

    private static string Count(int n, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");

    private static string Name(ArtifactVerdict verdict) => ReportNames.Of(verdict);

    private static string Name(ProvenancePin pin) => ReportNames.Of(pin);
}
