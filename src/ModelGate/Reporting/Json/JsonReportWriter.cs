using System.Text.Encodings.Web;
using System.Text.Json;
using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Policy;

namespace ModelGate.Reporting.Json;

/// <summary>
/// The JSON report, schema version 1 (docs/report-schema.md). Written field by field with
/// <see cref="Utf8JsonWriter"/>: the field order is the documented one and nothing depends on reflection.
/// Every documented field is always present (null or empty when it has no value) so consumers need no guards.
/// </summary>
public sealed class JsonReportWriter : IReportWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Paths and messages are shown to people; keep '+', '<', '>' and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Format => "json";

    public async Task WriteAsync(ScanReport report, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(output, Options);
        Write(writer, report);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    internal static void Write(Utf8JsonWriter w, ScanReport report)
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", report.SchemaVersion);
        w.WriteStartObject("tool");
        w.WriteString("name", report.Tool.Name);
        w.WriteString("version", report.Tool.Version);
        w.WriteEndObject();
        w.WriteString("target", report.Target);
        w.WriteString("generatedAt", report.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        WriteNullable(w, "environment", report.Environment);

        w.WriteStartObject("summary");
        w.WriteNumber("packages", report.Inventory.Packages.Count);
        w.WriteNumber("constraints", report.Inventory.Constraints.Count);
        w.WriteNumber("skipped", report.Inventory.Skipped.Count);
        w.WriteNumber("artifacts", report.Inventory.ModelArtifacts.Count);
        if (report.ArtifactsScanned)
        {
            // Verdicts of the files the user has (members count toward their file's verdict).
            var files = report.Artifacts.Where(a => a.Container is null).ToList();
            w.WriteStartObject("artifactVerdicts");
            foreach (var verdict in Enum.GetValues<Artifacts.ArtifactVerdict>())
                w.WriteNumber(ReportNames.Of(verdict), files.Count(a => a.Verdict == verdict));
            w.WriteEndObject();
        }
        w.WriteNumber("vulnerabilities", report.Vulnerabilities.Count);
        w.WriteNumber("findings", report.Findings.Count);
        w.WriteStartObject("findingsBySeverity");
        foreach (var severity in Enum.GetValues<Severity>().Reverse())
            w.WriteNumber(ReportNames.Of(severity), report.Findings.Count(f => f.Severity == severity));
        w.WriteEndObject();
        w.WriteStartArray("sourceFiles");
        foreach (var file in report.Inventory.SourceFiles)
            w.WriteStringValue(file);
        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartArray("packages");
        foreach (var package in report.Inventory.Packages)
            WritePackage(w, package);
        w.WriteEndArray();

        w.WriteStartArray("constraints");
        foreach (var package in report.Inventory.Constraints)
            WritePackage(w, package);
        w.WriteEndArray();

        w.WriteStartArray("skipped");
        foreach (var skipped in report.Inventory.Skipped)
        {
            w.WriteStartObject();
            w.WriteString("reason", skipped.Reason);
            w.WritePropertyName("package");
            WritePackage(w, skipped.Package);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("artifacts");
        if (report.ArtifactsScanned)
        {
            foreach (var artifact in report.Artifacts)
                WriteArtifact(w, artifact);
        }
        else
        {
            foreach (var artifact in report.Inventory.ModelArtifacts)
                WriteListedArtifact(w, artifact);
        }
        w.WriteEndArray();

        w.WriteStartArray("provenance");
        foreach (var model in report.Provenance)
            WriteProvenance(w, model);
        w.WriteEndArray();

        WriteNullable(w, "advisorySource", report.AdvisorySource);
        w.WriteStartArray("vulnerabilities");
        foreach (var vulnerability in report.Vulnerabilities)
            WriteVulnerability(w, vulnerability);
        w.WriteEndArray();

        w.WriteStartArray("findings");
        var outcomes = OutcomeLookup(report);
        for (var i = 0; i < report.Findings.Count; i++)
            WriteFinding(w, report.Findings[i], outcomes(i));
        w.WriteEndArray();

        // Only assess reports carry it, so other reports stay as they were.
        if (report.Assessment is { } assessment)
            AssessmentJson.Write(w, assessment);

        w.WriteStartObject("decision");
        w.WriteString("verdict", ReportNames.Of(report.Decision.Verdict));
        w.WriteStartArray("reasons");
        foreach (var reason in report.Decision.Reasons)
            w.WriteStringValue(reason);
        w.WriteEndArray();
        w.WriteString("policy", report.Decision.Policy);
        w.WriteStartArray("waivers");
        foreach (var waiver in report.Decision.Waivers)
        {
            w.WriteStartObject();
            w.WriteString("id", waiver.Id);
            w.WriteString("status", ReportNames.Of(waiver.Status));
            w.WriteNumber("matched", waiver.Matched);
            w.WriteString("reason", waiver.Reason);
            w.WriteString("owner", waiver.Owner);
            w.WriteString("expires", waiver.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteEndObject();
    }

    /// <summary>
    /// The outcome of the i-th finding: outcomes are in finding order, so by position when the fingerprints agree,
    /// else the first outcome with the finding's fingerprint (null when the decision has none).
    /// </summary>
    private static Func<int, FindingOutcome?> OutcomeLookup(ScanReport report)
    {
        var outcomes = report.Decision.Outcomes;
        var byFingerprint = new Dictionary<string, FindingOutcome>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
            byFingerprint.TryAdd(outcome.Fingerprint, outcome);
        return i =>
        {
            var fingerprint = report.Findings[i].Fingerprint;
            if (i < outcomes.Count && outcomes[i].Fingerprint == fingerprint)
                return outcomes[i];
            return byFingerprint.GetValueOrDefault(fingerprint);
        };
    }

    private static void WriteArtifact(Utf8JsonWriter w, Artifacts.ArtifactResult artifact)
    {
        w.WriteStartObject();
        w.WriteString("path", artifact.Path);
        WriteNullable(w, "container", artifact.Container);
        w.WriteString("format", artifact.Format);
        w.WriteNumber("size", artifact.Size);
        w.WriteString("verdict", ReportNames.Of(artifact.Verdict));
        WriteNullable(w, "sha256", artifact.Sha256);
        w.WriteStartObject("digests");
        if (artifact.Sha256 is not null)
            w.WriteString("sha256", artifact.Sha256);
        w.WriteEndObject();
        WriteStrings(w, "findings", artifact.Findings);
        WriteStrings(w, "rules", artifact.Rules);
        w.WriteEndObject();
    }

    private static void WriteProvenance(Utf8JsonWriter w, Provenance.ModelProvenance model)
    {
        w.WriteStartObject();
        w.WriteString("repo", model.Repo);
        WriteNullable(w, "requestedRevision", model.RequestedRevision);
        w.WriteString("commit", model.Commit);
        w.WriteString("pinnedBy", ReportNames.Of(model.Pin));
        WriteNullable(w, "source", model.Source);
        WriteNullable(w, "lockFile", model.LockFile);
        w.WriteStartArray("files");
        foreach (var file in model.Files)
        {
            w.WriteStartObject();
            w.WriteString("path", file.Path);
            w.WriteString("status", ReportNames.Of(file.Status));
            if (file.Size is { } size)
                w.WriteNumber("size", size);
            else
                w.WriteNull("size");
            WriteNullable(w, "sha256", file.Sha256);
            WriteNullable(w, "gitBlobId", file.GitBlobId);
            w.WriteBoolean("lfs", file.Lfs);
            WriteNullable(w, "detail", file.Detail);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A model file listed by the inventory only (no scan ran): no verdict.</summary>
    private static void WriteListedArtifact(Utf8JsonWriter w, ModelArtifact artifact)
    {
        w.WriteStartObject();
        w.WriteString("path", artifact.Source.Path);
        w.WriteNull("container");
        w.WriteString("format", artifact.Format);
        w.WriteNumber("size", artifact.Size);
        w.WriteNull("verdict");
        WriteNullable(w, "sha256", artifact.Digests.GetValueOrDefault("sha256"));
        w.WriteStartObject("digests");
        foreach (var (algorithm, value) in artifact.Digests.OrderBy(d => d.Key, StringComparer.Ordinal))
            w.WriteString(algorithm, value);
        w.WriteEndObject();
        WriteStrings(w, "findings", []);
        WriteStrings(w, "rules", []);
        w.WriteEndObject();
    }

    private static void WritePackage(Utf8JsonWriter w, InventoryPackage p)
    {
        w.WriteStartObject();
        w.WriteString("ecosystem", p.Ecosystem);
        w.WriteString("name", p.Name);
        WriteNullable(w, "declaredName", p.DeclaredName);
        WriteNullable(w, "version", p.Version);
        w.WriteString("specifier", p.Specifier);
        WriteLocation(w, "source", p.Source);
        WriteStrings(w, "hashes", p.Hashes);
        w.WriteBoolean("direct", p.Direct);
        w.WriteString("origin", ReportNames.Of(p.Origin));
        WriteNullable(w, "group", p.Group);
        WriteStrings(w, "extras", p.Extras);
        WriteNullable(w, "marker", p.Marker);
        WriteStrings(w, "indexUrls", p.IndexUrls.Select(UrlRedaction.Redact));
        WriteStrings(w, "extraIndexUrls", p.ExtraIndexUrls.Select(UrlRedaction.Redact));
        WriteNullable(w, "url", p.Url is null ? null : UrlRedaction.Redact(p.Url));
        w.WriteBoolean("editable", p.Editable);
        w.WriteString("extractor", p.Extractor);
        w.WriteEndObject();
    }

    private static void WriteVulnerability(Utf8JsonWriter w, Advisories.Vulnerability v)
    {
        w.WriteStartObject();
        w.WriteStartObject("package");
        w.WriteString("ecosystem", v.Package.Ecosystem);
        w.WriteString("name", v.Package.Name);
        WriteNullable(w, "version", v.Package.Version);
        w.WriteEndObject();
        WriteLocation(w, "source", v.Package.Source);
        WriteStrings(w, "ids", v.Ids);
        w.WriteString("severity", v.Severity is { } severity ? ReportNames.Of(severity) : "unknown");
        if (v.Cvss is null)
        {
            w.WriteNull("cvss");
        }
        else
        {
            w.WriteStartObject("cvss");
            w.WriteString("vector", v.Cvss.Vector);
            w.WriteNumber("score", v.Cvss.Score);
            w.WriteEndObject();
        }
        WriteNullable(w, "summary", v.Summary);
        WriteStrings(w, "fixed", v.Fixed);
        WriteNullable(w, "recommended", v.Recommended);
        w.WriteBoolean("recommendedCrossesMajor", v.RecommendedCrossesMajor);
        WriteNullable(w, "rollback", v.Rollback);
        WriteStrings(w, "references", v.References);
        w.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter w, Finding f, FindingOutcome? outcome)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", f.Rule.Id);
        w.WriteString("kind", ReportNames.Of(f.Kind));
        w.WriteString("severity", ReportNames.Of(f.Severity));
        w.WriteString("title", f.Title);
        w.WriteString("message", f.Message);
        if (f.Location is null)
            w.WriteNull("location");
        else
            WriteLocation(w, "location", f.Location);
        WriteNullable(w, "package", f.Package);
        WriteNullable(w, "artifact", f.Artifact);
        WriteStrings(w, "evidence", f.Evidence);
        WriteNullable(w, "remediation", f.Remediation);
        w.WriteStartArray("threats");
        foreach (var threat in f.Threats)
        {
            w.WriteStartObject();
            w.WriteString("taxonomy", threat.Taxonomy);
            w.WriteString("id", threat.Id);
            w.WriteString("name", threat.Name);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteNullable(w, "discriminator", f.Discriminator);
        w.WriteString("fingerprint", f.Fingerprint);
        if (outcome is null)
        {
            w.WriteNull("outcome");
        }
        else
        {
            w.WriteStartObject("outcome");
            w.WriteString("action", ReportNames.Of(outcome.Action));
            w.WriteString("by", outcome.By);
            WriteNullable(w, "message", outcome.Message);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter w, string name, SourceLocation location)
    {
        w.WriteStartObject(name);
        w.WriteString("path", location.Path);
        if (location.Line is int line)
            w.WriteNumber("line", line);
        else
            w.WriteNull("line");
        if (location.Offset is long offset)
            w.WriteNumber("offset", offset);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
            w.WriteNull(name);
        else
            w.WriteString(name, value);
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
            w.WriteStringValue(value);
        w.WriteEndArray();
    }
}
