using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ModelGate.Findings;
using ModelGate.Policy;

namespace ModelGate.Reporting.Sarif;

/// <summary>
/// SARIF 2.1.0 (OASIS sarif-v2.1.0-os) for GitHub code scanning and other viewers: one run, the rules that
/// have results, one result per finding with its policy outcome as the level, waived findings as accepted
/// suppressions, and the gate's decision on the invocation. Written with <see cref="Utf8JsonWriter"/>;
/// rules sorted by id, results in report order, so equal reports give equal bytes.
/// </summary>
public sealed class SarifReportWriter : IReportWriter
{
    /// <summary>The project's home page, shown by viewers as the tool's link.</summary>
    public const string InformationUri = "https://github.com/modelgate/modelgate";

    /// <summary>The key of <c>partialFingerprints</c>; bump the version if <see cref="Finding.Fingerprint"/> ever changes meaning.</summary>
    internal const string FingerprintKey = "modelgate/v1";

    internal const string SourceRoot = "%SRCROOT%";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Keep non-ASCII readable but escape HTML-significant characters: viewers embed SARIF text in web pages.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public string Format => "sarif";

    public async Task WriteAsync(ScanReport report, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(output, Options);
        Write(writer, report);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    internal static void Write(Utf8JsonWriter w, ScanReport report)
    {
        var outcomes = ReportOutcomes.Align(report);
        var rules = report.Findings
            .GroupBy(f => f.Rule.Id, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RuleEntry(g.First().Rule, g.Max(f => f.Severity), g.SelectMany(f => f.Threats).DistinctBy(t => t.Id).OrderBy(t => t.Id, StringComparer.Ordinal).ToList()))
            .ToList();
        var ruleIndex = rules.Select((r, i) => (r.Rule.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);

        w.WriteStartObject();
        w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();

        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", report.Tool.Name);
        w.WriteString("version", report.Tool.Version);
        w.WriteString("informationUri", InformationUri);
        w.WriteStartArray("rules");
        foreach (var rule in rules)
            WriteRule(w, rule);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();

        WriteInvocation(w, report);

        // Relative to the scan target; its absolute location differs per machine, so only a description is given.
        w.WriteStartObject("originalUriBaseIds");
        w.WriteStartObject(SourceRoot);
        WriteText(w, "description", "The scan target: " + report.Target);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartArray("results");
        for (var i = 0; i < report.Findings.Count; i++)
            WriteResult(w, report.Findings[i], outcomes[i], ruleIndex[report.Findings[i].Rule.Id]);
        w.WriteEndArray();

        w.WriteStartObject("properties");
        w.WriteString("target", report.Target);
        w.WriteString("generatedAt", report.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        w.WriteEndObject();

        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter w, RuleEntry entry)
    {
        var rule = entry.Rule;
        w.WriteStartObject();
        w.WriteString("id", rule.Id);
        w.WriteString("name", PascalName(rule.Title));
        WriteText(w, "shortDescription", rule.Title);
        WriteText(w, "fullDescription", rule.Help);
        w.WriteString("helpUri", InformationUri + "/blob/main/docs/rules.md");
        w.WriteStartObject("help");
        w.WriteString("text", rule.Help);
        w.WriteString("markdown", HelpMarkdown(entry));
        w.WriteEndObject();
        w.WriteStartObject("defaultConfiguration");
        w.WriteString("level", LevelOf(rule.DefaultSeverity));
        w.WriteEndObject();
        w.WriteStartObject("properties");
        w.WriteStartArray("tags");
        w.WriteStringValue("security");
        w.WriteStringValue(ReportNames.Of(rule.Kind));
        foreach (var threat in entry.Threats)
            w.WriteStringValue(threat.Id);
        w.WriteEndArray();
        w.WriteString("precision", PrecisionOf(rule.Kind));
        // GitHub code scanning reads the rule's score; the worst result of the rule in this run sets it.
        w.WriteString("security-severity", SecuritySeverity(entry.WorstSeverity));
        w.WriteString("kind", ReportNames.Of(rule.Kind));
        w.WriteString("defaultSeverity", ReportNames.Of(rule.DefaultSeverity));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteInvocation(Utf8JsonWriter w, ScanReport report)
    {
        var decision = report.Decision;
        w.WriteStartArray("invocations");
        w.WriteStartObject();
        // The scan ran to its end; whether the gate passed is the decision below, not an execution failure.
        w.WriteBoolean("executionSuccessful", true);
        w.WriteStartObject("properties");
        w.WriteStartObject("decision");
        w.WriteString("verdict", ReportNames.Of(decision.Verdict));
        w.WriteStartArray("reasons");
        foreach (var reason in decision.Reasons)
            w.WriteStringValue(reason);
        w.WriteEndArray();
        w.WriteString("policy", decision.Policy);
        w.WriteStartArray("waivers");
        foreach (var waiver in decision.Waivers)
        {
            w.WriteStartObject();
            w.WriteString("id", waiver.Id);
            w.WriteString("status", ReportNames.Of(waiver.Status));
            w.WriteNumber("matched", waiver.Matched);
            w.WriteString("reason", waiver.Reason);
            w.WriteString("owner", waiver.Owner);
            w.WriteString("expires", waiver.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter w, Finding finding, FindingOutcome? outcome, int ruleIndex)
    {
        var action = ReportOutcomes.ActionOf(finding, outcome);
        w.WriteStartObject();
        w.WriteString("ruleId", finding.Rule.Id);
        w.WriteNumber("ruleIndex", ruleIndex);
        w.WriteString("level", LevelOf(action));
        WriteText(w, "message", finding.Message.Length > 0 ? finding.Message : finding.Title);
        WriteLocations(w, finding);
        w.WriteStartObject("partialFingerprints");
        w.WriteString(FingerprintKey, finding.Fingerprint);
        w.WriteEndObject();
        if (action == FindingAction.Waived)
        {
            w.WriteStartArray("suppressions");
            w.WriteStartObject();
            w.WriteString("kind", "external");
            w.WriteString("status", "accepted");
            w.WriteString("justification", outcome?.Message ?? outcome?.By ?? "waived by policy");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteStartObject("properties");
        w.WriteString("kind", ReportNames.Of(finding.Kind));
        w.WriteString("severity", ReportNames.Of(finding.Severity));
        w.WriteString("outcome", ReportNames.Of(action));
        if (outcome is not null)
        {
            w.WriteString("decidedBy", outcome.By);
            if (outcome.Message is not null)
                w.WriteString("policyMessage", outcome.Message);
        }
        if (finding.Package is not null)
            w.WriteString("package", finding.Package);
        if (finding.Artifact is not null)
            w.WriteString("artifact", finding.Artifact);
        if (finding.Evidence.Count > 0)
        {
            w.WriteStartArray("evidence");
            foreach (var line in finding.Evidence)
                w.WriteStringValue(line);
            w.WriteEndArray();
        }
        if (finding.Remediation is not null)
            w.WriteString("remediation", finding.Remediation);
        if (finding.Threats.Count > 0)
        {
            w.WriteStartArray("threats");
            foreach (var threat in finding.Threats)
            {
                w.WriteStartObject();
                w.WriteString("taxonomy", threat.Taxonomy);
                w.WriteString("id", threat.Id);
                w.WriteString("name", threat.Name);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>
    /// A file and line for manifests, a file and byte offset for artifacts. An archive member
    /// ("weights.zip!data.pkl") is located at its archive, the only file a viewer can open, with the member
    /// as a logical location.
    /// </summary>
    private static void WriteLocations(Utf8JsonWriter w, Finding finding)
    {
        var path = finding.Location?.Path ?? finding.Artifact;
        if (string.IsNullOrEmpty(path))
            return;
        var bang = path.IndexOf('!', StringComparison.Ordinal);
        var file = bang < 0 ? path : path[..bang];
        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", RelativeUri(file));
        w.WriteString("uriBaseId", SourceRoot);
        w.WriteEndObject();
        if (finding.Location?.Line is int line && line >= 1)
        {
            w.WriteStartObject("region");
            w.WriteNumber("startLine", line);
            w.WriteEndObject();
        }
        else if (finding.Location?.Offset is long offset && offset >= 0)
        {
            w.WriteStartObject("region");
            w.WriteNumber("byteOffset", offset);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        if (bang >= 0)
        {
            w.WriteStartArray("logicalLocations");
            w.WriteStartObject();
            w.WriteString("fullyQualifiedName", path);
            w.WriteString("kind", "member");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>A relative URI reference (RFC 3986) for a '/'-separated path: each segment percent-encoded.</summary>
    internal static string RelativeUri(string path) =>
        string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));

    private static void WriteText(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartObject(name);
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    private static string HelpMarkdown(RuleEntry entry)
    {
        var md = new StringBuilder();
        md.Append("**").Append(entry.Rule.Id).Append(": ").Append(entry.Rule.Title).Append("**\n\n").Append(entry.Rule.Help);
        if (entry.Threats.Count > 0)
        {
            md.Append("\n\nThreats:\n");
            foreach (var threat in entry.Threats)
                md.Append("\n- ").Append(threat.Taxonomy).Append(' ').Append(threat.Id).Append(": ").Append(threat.Name);
        }
        return md.ToString();
    }

    /// <summary>SARIF §3.27.10 levels from the policy's action: only what fails the gate is an error.</summary>
    internal static string LevelOf(FindingAction action) => action switch
    {
        FindingAction.Fail => "error",
        FindingAction.Warn => "warning",
        _ => "note",
    };

    internal static string LevelOf(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>The score GitHub code scanning maps back to its critical/high/medium/low bands (≥9, ≥7, ≥4, &gt;0).</summary>
    internal static string SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => "0.0",
    };

    /// <summary>How often a result of this kind is a true positive: matched facts are exact, heuristics about cards less so.</summary>
    private static string PrecisionOf(FindingKind kind) => kind switch
    {
        FindingKind.Vulnerability or FindingKind.Provenance or FindingKind.ParseError => "very-high",
        FindingKind.Card => "medium",
        _ => "high",
    };

    /// <summary>SARIF's rule <c>name</c> is an identifier-like word: the title in PascalCase.</summary>
    internal static string PascalName(string title)
    {
        var name = new StringBuilder(title.Length);
        foreach (var word in title.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var letters = new string(word.Where(char.IsAsciiLetterOrDigit).ToArray());
            if (letters.Length > 0)
                name.Append(char.ToUpperInvariant(letters[0])).Append(letters.AsSpan(1));
        }
        return name.ToString();
    }

    private sealed record RuleEntry(Rule Rule, Severity WorstSeverity, IReadOnlyList<ThreatReference> Threats);
}
