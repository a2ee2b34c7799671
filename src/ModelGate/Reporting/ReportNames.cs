using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Policy;

namespace ModelGate.Reporting;

/// <summary>The spellings enums take in every report format: lowercase, kebab-case.</summary>
public static class ReportNames
{
    public static string Of(Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };

    public static string Of(FindingKind kind) => kind switch
    {
        FindingKind.Vulnerability => "vulnerability",
        FindingKind.Artifact => "artifact",
        FindingKind.Provenance => "provenance",
        FindingKind.License => "license",
        FindingKind.Card => "card",
        FindingKind.Hygiene => "hygiene",
        FindingKind.ParseError => "parse-error",
        FindingKind.Policy => "policy",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Of(Artifacts.ArtifactVerdict verdict) => verdict switch
    {
        Artifacts.ArtifactVerdict.Clean => "clean",
        Artifacts.ArtifactVerdict.Suspicious => "suspicious",
        Artifacts.ArtifactVerdict.Error => "error",
        Artifacts.ArtifactVerdict.Malicious => "malicious",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };

    public static string Of(Provenance.ProvenanceFileStatus status) => status switch
    {
        Provenance.ProvenanceFileStatus.Verified => "verified",
        Provenance.ProvenanceFileStatus.Changed => "changed",
        Provenance.ProvenanceFileStatus.Missing => "missing",
        Provenance.ProvenanceFileStatus.Unexpected => "unexpected",
        Provenance.ProvenanceFileStatus.Unverifiable => "unverifiable",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Of(Provenance.ProvenancePin pin) => pin switch
    {
        Provenance.ProvenancePin.None => "none",
        Provenance.ProvenancePin.Reference => "reference",
        Provenance.ProvenancePin.Lock => "lock",
        _ => throw new ArgumentOutOfRangeException(nameof(pin)),
    };

    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Warn => "warn",
        Verdict.Fail => "fail",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };

    public static string Of(FindingAction action) => action switch
    {
        FindingAction.Pass => "pass",
        FindingAction.Warn => "warn",
        FindingAction.Fail => "fail",
        FindingAction.Ignore => "ignore",
        FindingAction.Waived => "waived",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static string Of(WaiverStatus status) => status switch
    {
        WaiverStatus.Applied => "applied",
        WaiverStatus.Expired => "expired",
        WaiverStatus.Stale => "stale",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Of(PackageOrigin origin) => origin switch
    {
        PackageOrigin.Manifest => "manifest",
        PackageOrigin.Lockfile => "lockfile",
        PackageOrigin.Installed => "installed",
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    /// <summary>Parses a severity name as users type it (any case).</summary>
    public static bool TryParseSeverity(string? text, out Severity severity)
    {
        foreach (var candidate in Enum.GetValues<Severity>())
        {
            if (string.Equals(Of(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                severity = candidate;
                return true;
            }
        }
        severity = default;
        return false;
    }
}
