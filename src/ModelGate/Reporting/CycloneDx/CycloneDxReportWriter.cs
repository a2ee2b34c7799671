using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using ModelGate.Advisories;
using ModelGate.Findings;
using ModelGate.Policy;

namespace ModelGate.Reporting.CycloneDx;

/// <summary>
/// The report as a CycloneDX 1.6 or 1.7 JSON BOM (an ML-BOM): packages, models with their files and model
/// cards, datasets, the dependency graph, and every vulnerability and finding (docs/cyclonedx.md). Written
/// field by field in a fixed order; every list sorted; bom-refs derived from content.
/// </summary>
internal sealed class CycloneDxReportWriter(CycloneDxSpecVersion spec = CycloneDxSpecVersion.V1_6, bool reproducible = false) : IReportWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Where rule ids are documented; the source url of scanner findings.</summary>
    internal const string RulesUrl = "https://github.com/modelgate/modelgate/blob/main/docs/rules.md";

    public string Format => "cyclonedx";

    public CycloneDxSpecVersion Spec => spec;

    public async Task WriteAsync(ScanReport report, Stream output, CancellationToken cancellationToken)
    {
        var bytes = Write(report);
        await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    internal byte[] Write(ScanReport report)
    {
        var contents = BomContents.From(report);
        if (!reproducible)
            return Render(report, contents, "urn:uuid:" + Guid.NewGuid().ToString("D"), report.Timestamp);
        // Reproducible: no timestamp, and the serial number is a name-based UUID of the content itself.
        var body = Render(report, contents, "urn:uuid:00000000-0000-0000-0000-000000000000", null);
        return Render(report, contents, ContentSerial(body), null);
    }

    /// <summary>An RFC 9562 version-5-shaped UUID from the SHA-256 of the BOM written with a zero serial number.</summary>
    internal static string ContentSerial(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash[..16]);
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    private byte[] Render(ScanReport report, BomContents contents, string serial, DateTimeOffset? timestamp)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("$schema", $"http://cyclonedx.org/schema/bom-{spec.Name()}.schema.json");
            w.WriteString("bomFormat", "CycloneDX");
            w.WriteString("specVersion", spec.Name());
            w.WriteString("serialNumber", serial);
            w.WriteNumber("version", 1);
            WriteMetadata(w, report, timestamp);
            WriteComponents(w, report, contents);
            WriteDependencies(w, contents);
            WriteVulnerabilities(w, report, contents);
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteMetadata(Utf8JsonWriter w, ScanReport report, DateTimeOffset? timestamp)
    {
        w.WriteStartObject("metadata");
        if (timestamp is { } time)
            w.WriteString("timestamp", time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        w.WriteStartObject("tools");
        w.WriteStartArray("components");
        w.WriteStartObject();
        w.WriteString("type", "application");
        w.WriteString("name", report.Tool.Name);
        w.WriteString("version", report.Tool.Version);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("component");
        w.WriteString("bom-ref", BomContents.RootRef);
        w.WriteString("type", "application");
        w.WriteString("name", BomModel.TargetName(report.Target));
        w.WriteEndObject();
        w.WriteStartArray("properties");
        Property(w, "modelgate:decision", report.Decision.Verdict.ToString().ToLowerInvariant());
        Property(w, "modelgate:policy", report.Decision.Policy);
        if (report.AdvisorySource is { } source)
            Property(w, "modelgate:advisory-source", source);
        if (report.Environment is { } environment)
            Property(w, "modelgate:environment", environment);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteComponents(Utf8JsonWriter w, ScanReport report, BomContents contents)
    {
        w.WriteStartArray("components");
        foreach (var model in contents.Models)
            BomModelWriter.Write(w, model);
        foreach (var dataset in contents.Datasets)
            WriteDataset(w, dataset);
        foreach (var package in contents.Packages)
            WritePackage(w, package);
        w.WriteEndArray();
    }

    /// <summary>A dataset a model card names, as a <c>data</c> component (spec 1.6 "componentData").</summary>
    private static void WriteDataset(Utf8JsonWriter w, string id)
    {
        w.WriteStartObject();
        w.WriteString("bom-ref", BomContents.DatasetRef(id));
        w.WriteString("type", "data");
        w.WriteString("name", id);
        // Hub dataset ids are "name" or "owner/name"; anything else is not linked.
        if (id.Split('/') is { Length: 1 or 2 } parts && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            w.WriteStartArray("externalReferences");
            w.WriteStartObject();
            w.WriteString("type", "distribution");
            w.WriteString("url", "https://huggingface.co/datasets/" + id);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteStartArray("data");
        w.WriteStartObject();
        w.WriteString("type", "dataset");
        w.WriteString("name", id);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePackage(Utf8JsonWriter w, BomPackage package)
    {
        w.WriteStartObject();
        w.WriteString("bom-ref", package.BomRef);
        w.WriteString("type", "library");
        w.WriteString("name", package.Name);
        if (package.Version is { } version)
            w.WriteString("version", version);
        w.WriteString("scope", package.Required ? "required" : "optional");
        WriteHashes(w, package.Hashes);
        if (package.Purl is { } purl)
            w.WriteString("purl", purl.ToString());
        w.WriteStartArray("properties");
        Property(w, "modelgate:ecosystem", package.Ecosystem);
        Property(w, "modelgate:direct", package.Direct ? "true" : "false");
        foreach (var source in package.Sources)
            Property(w, "modelgate:source", source.ToString());
        foreach (var specifier in package.Entries.Select(e => e.Specifier).Where(s => s.Length > 0).Distinct().Order(StringComparer.Ordinal))
            Property(w, "modelgate:specifier", specifier);
        foreach (var group in package.Entries.Select(e => e.Group).OfType<string>().Distinct().Order(StringComparer.Ordinal))
            Property(w, "modelgate:group", group);
        foreach (var marker in package.Entries.Select(e => e.Marker).OfType<string>().Distinct().Order(StringComparer.Ordinal))
            Property(w, "modelgate:marker", marker);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static void WriteHashes(Utf8JsonWriter w, IReadOnlyList<(string Alg, string Content)> hashes)
    {
        if (hashes.Count == 0)
            return;
        w.WriteStartArray("hashes");
        foreach (var (alg, content) in hashes)
        {
            w.WriteStartObject();
            w.WriteString("alg", alg);
            w.WriteString("content", content);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    internal static void Property(Utf8JsonWriter w, string name, string value)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("value", value);
        w.WriteEndObject();
    }

    /// <summary>
    /// The target depends on its direct packages and its models. Packages' own dependencies are not known to the
    /// inventory, so they are left out of the graph (the spec reads a missing entry as "unknown", an empty one as "none").
    /// </summary>
    private static void WriteDependencies(Utf8JsonWriter w, BomContents contents)
    {
        w.WriteStartArray("dependencies");
        w.WriteStartObject();
        w.WriteString("ref", BomContents.RootRef);
        w.WriteStartArray("dependsOn");
        foreach (var reference in contents.Models.Select(m => m.BomRef).Concat(contents.Packages.Where(p => p.Direct).Select(p => p.BomRef)).Order(StringComparer.Ordinal))
            w.WriteStringValue(reference);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteVulnerabilities(Utf8JsonWriter w, ScanReport report, BomContents contents)
    {
        var outcomes = report.Decision.Outcomes.ToDictionary(o => o.Fingerprint, StringComparer.Ordinal);
        var advisoryFindings = report.Findings.Where(f => f.Rule.Id == Rules.KnownVulnerability.Id).ToList();
        w.WriteStartArray("vulnerabilities");
        foreach (var group in report.Vulnerabilities.GroupBy(v => v.Ids[0], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            WriteAdvisory(w, [.. group], contents, advisoryFindings, outcomes);
        foreach (var finding in report.Findings.Where(f => f.Rule.Id != Rules.KnownVulnerability.Id))
            WriteFinding(w, finding, contents, outcomes.GetValueOrDefault(finding.Fingerprint));
        w.WriteEndArray();
    }

    private static void WriteAdvisory(Utf8JsonWriter w, IReadOnlyList<Vulnerability> lines, BomContents contents, IReadOnlyList<Finding> findings, Dictionary<string, FindingOutcome> outcomes)
    {
        var first = lines[0];
        var id = first.Ids[0];
        w.WriteStartObject();
        w.WriteString("bom-ref", "vulnerability:" + id);
        w.WriteString("id", id);
        WriteSource(w, id);
        if (first.Ids.Count > 1)
        {
            w.WriteStartArray("references");
            foreach (var alias in first.Ids.Skip(1).Distinct(StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("id", alias);
                WriteSource(w, alias);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteStartArray("ratings");
        w.WriteStartObject();
        if (first.Cvss is { } cvss)
        {
            w.WriteNumber("score", cvss.Score);
            w.WriteString("severity", first.Severity is { } s ? ReportNames.Of(s) : "unknown");
            w.WriteString("method", CvssMethod(cvss.Vector));
            w.WriteString("vector", cvss.Vector);
        }
        else
        {
            w.WriteString("severity", first.Severity is { } s ? ReportNames.Of(s) : "unknown");
        }
        w.WriteEndObject();
        w.WriteEndArray();
        if (first.Summary is { Length: > 0 } summary)
            w.WriteString("description", summary);
        var recommendations = lines
            .Select(l => l.Recommended is { } r ? $"Upgrade {l.Package.Name} to {r}" + (l.RecommendedCrossesMajor ? " (a new major version)" : string.Empty) + "." : $"No released version of {l.Package.Name} fixes {id}; remove it or accept the risk with a waiver.")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        w.WriteString("recommendation", string.Join(" ", recommendations));
        var links = first.References.Where(IsHttpUrl).Distinct(StringComparer.Ordinal).ToList();
        if (links.Count > 0)
        {
            w.WriteStartArray("advisories");
            foreach (var link in links)
            {
                w.WriteStartObject();
                w.WriteString("url", link);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        // A waiver accepts the risk of a flaw that is present: "exploitable", answered "will_not_fix" (docs/cyclonedx.md).
        var waived = lines
            .Select(l => findings.FirstOrDefault(f => f.Discriminator == id && f.Location?.Path == l.Package.Source.Path
                && (f.Package == l.Package.Name || f.Package == $"{l.Package.Name}=={l.Package.Version}")))
            .OfType<Finding>()
            .Select(f => outcomes.GetValueOrDefault(f.Fingerprint))
            .FirstOrDefault(o => o?.Action == FindingAction.Waived);
        if (waived is not null)
            WriteAnalysis(w, waived);
        w.WriteStartArray("affects");
        foreach (var group in lines.GroupBy(l => contents.Packages.FirstOrDefault(p => p.Entries.Contains(l.Package))?.BomRef ?? BomContents.RootRef, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("ref", group.Key);
            var versions = group.Select(l => l.Package.Version).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (versions.Count > 0)
            {
                w.WriteStartArray("versions");
                foreach (var version in versions)
                {
                    w.WriteStartObject();
                    w.WriteString("version", version);
                    w.WriteString("status", "affected");
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        var fixedVersions = lines.SelectMany(l => l.Fixed).Distinct(StringComparer.Ordinal).ToList();
        if (fixedVersions.Count > 0 || lines.Any(l => l.Rollback is not null))
        {
            w.WriteStartArray("properties");
            foreach (var version in fixedVersions)
                Property(w, "modelgate:fixed", version);
            foreach (var rollback in lines.Select(l => l.Rollback).OfType<string>().Distinct(StringComparer.Ordinal))
                Property(w, "modelgate:rollback", rollback);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>
    /// A scanner finding as a vulnerability whose source is ModelGate and whose id is the rule id: the one place of
    /// the spec that carries severity, CWE, recommendation and an affected component together (docs/cyclonedx.md).
    /// </summary>
    private static void WriteFinding(Utf8JsonWriter w, Finding finding, BomContents contents, FindingOutcome? outcome)
    {
        w.WriteStartObject();
        w.WriteString("bom-ref", "finding:" + finding.Fingerprint);
        w.WriteString("id", finding.Rule.Id);
        w.WriteStartObject("source");
        w.WriteString("name", "ModelGate");
        w.WriteString("url", RulesUrl + "#" + finding.Rule.Id.ToLowerInvariant());
        w.WriteEndObject();
        w.WriteStartArray("ratings");
        w.WriteStartObject();
        w.WriteStartObject("source");
        w.WriteString("name", "ModelGate");
        w.WriteEndObject();
        w.WriteString("severity", ReportNames.Of(finding.Severity));
        w.WriteString("method", "other");
        w.WriteEndObject();
        w.WriteEndArray();
        var cwes = finding.Threats
            .Where(t => t.Taxonomy.Equals("CWE", StringComparison.OrdinalIgnoreCase))
            .Select(t => int.TryParse(t.Id.Replace("CWE-", string.Empty, StringComparison.OrdinalIgnoreCase), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n >= 0)
            .Distinct()
            .Order()
            .ToList();
        if (cwes.Count > 0)
        {
            w.WriteStartArray("cwes");
            foreach (var cwe in cwes)
                w.WriteNumberValue(cwe);
            w.WriteEndArray();
        }
        w.WriteString("description", finding.Title);
        w.WriteString("detail", finding.Evidence.Count == 0 ? finding.Message : finding.Message + "\n" + string.Join("\n", finding.Evidence));
        if (finding.Remediation is { Length: > 0 } remediation)
            w.WriteString("recommendation", remediation);
        if (outcome is { Action: FindingAction.Waived or FindingAction.Ignore })
            WriteAnalysis(w, outcome);
        w.WriteStartArray("affects");
        w.WriteStartObject();
        w.WriteString("ref", contents.RefFor(finding));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("properties");
        Property(w, "modelgate:kind", ReportNames.Of(finding.Kind));
        if (finding.Location is { } location)
            Property(w, "modelgate:location", location.ToString());
        if (finding.Package is { } package)
            Property(w, "modelgate:package", package);
        if (finding.Artifact is { } artifact)
            Property(w, "modelgate:artifact", artifact);
        Property(w, "modelgate:fingerprint", finding.Fingerprint);
        if (outcome is not null)
            Property(w, "modelgate:action", outcome.Action.ToString().ToLowerInvariant());
        foreach (var threat in finding.Threats.Where(t => !t.Taxonomy.Equals("CWE", StringComparison.OrdinalIgnoreCase)))
            Property(w, "modelgate:threat", $"{threat.Taxonomy} {threat.Id}");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteAnalysis(Utf8JsonWriter w, FindingOutcome outcome)
    {
        w.WriteStartObject("analysis");
        if (outcome.Action == FindingAction.Waived)
        {
            w.WriteString("state", "exploitable");
            w.WriteStartArray("response");
            w.WriteStringValue("will_not_fix");
            w.WriteEndArray();
        }
        else
        {
            w.WriteString("state", "in_triage");
        }
        w.WriteString("detail", outcome.Message is { Length: > 0 } message ? $"{outcome.By}: {message}" : outcome.By);
        w.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter w, string id)
    {
        var (name, url) = SourceOf(id);
        w.WriteStartObject("source");
        w.WriteString("name", name);
        w.WriteString("url", url);
        w.WriteEndObject();
    }

    /// <summary>The database an advisory id belongs to, by its prefix (OSV ids name their database).</summary>
    internal static (string Name, string Url) SourceOf(string id)
    {
        var escaped = Uri.EscapeDataString(id);
        if (id.StartsWith("CVE-", StringComparison.OrdinalIgnoreCase))
            return ("NVD", "https://nvd.nist.gov/vuln/detail/" + escaped);
        if (id.StartsWith("GHSA-", StringComparison.OrdinalIgnoreCase))
            return ("GitHub Advisory Database", "https://github.com/advisories/" + escaped);
        if (id.StartsWith("PYSEC-", StringComparison.OrdinalIgnoreCase))
            return ("PyPI Advisory Database", "https://osv.dev/vulnerability/" + escaped);
        return ("OSV", "https://osv.dev/vulnerability/" + escaped);
    }

    private static string CvssMethod(string vector) =>
        vector.StartsWith("CVSS:4.0/", StringComparison.Ordinal) ? "CVSSv4"
        : vector.StartsWith("CVSS:3.1/", StringComparison.Ordinal) ? "CVSSv31"
        : vector.StartsWith("CVSS:3.0/", StringComparison.Ordinal) ? "CVSSv3"
        : vector.StartsWith("AV:", StringComparison.Ordinal) || vector.StartsWith("(AV:", StringComparison.Ordinal) ? "CVSSv2"
        : "other";

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && !text.Any(char.IsWhiteSpace);
}
