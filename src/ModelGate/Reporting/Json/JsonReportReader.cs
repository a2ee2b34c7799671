using System.Globalization;
using System.Text.Json;
using ModelGate.Advisories;
using ModelGate.Artifacts;
using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Policy;
using ModelGate.Provenance;

namespace ModelGate.Reporting.Json;

/// <summary>
/// Reads a JSON report (schema version 1, as <see cref="JsonReportWriter"/> writes it) back into a
/// <see cref="ScanReport"/> with what a policy looks at: findings (fingerprints included), packages,
/// vulnerabilities, artifacts and provenance. The file is untrusted: bounded size and depth, every field's type
/// checked, and every problem reported as <see cref="InvalidDataException"/> naming the file and the JSON path.
/// </summary>
internal static class JsonReportReader
{
    public const long MaxBytes = 256L * 1024 * 1024;
    private const int MaxDepth = 64;

    /// <exception cref="InvalidDataException">Not a readable version 1 report.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ScanReport Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException($"{path}: not found", path);
        if (info.Length > MaxBytes)
            throw new InvalidDataException($"{path}: larger than {MaxBytes / (1024 * 1024)} MiB; not read");
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <exception cref="InvalidDataException">Not a readable version 1 report.</exception>
    public static ScanReport Parse(ReadOnlyMemory<byte> json, string display)
    {
        if (json.Length > MaxBytes)
            throw new InvalidDataException($"{display}: larger than {MaxBytes / (1024 * 1024)} MiB; not read");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{display}: not valid JSON: {ex.Message}", ex);
        }
        using (document)
        {
            try
            {
                return new Reader(display).Report(document.RootElement);
            }
            catch (InvalidOperationException ex)
            {
                // JsonElement.GetString refuses strings that are not valid UTF-8 or hold lone surrogates (found by fuzzing).
                throw new InvalidDataException($"{display}: a string is not valid Unicode text: {ex.Message}", ex);
            }
        }
    }

    private sealed class Reader(string display)
    {
        public ScanReport Report(JsonElement root)
        {
            Object(root, "$");
            var version = Int(Get(root, "schemaVersion", "$"), "$.schemaVersion");
            if (version != ScanReport.CurrentSchemaVersion)
                throw Error("$.schemaVersion", $"schema version {version} is not supported (this ModelGate reads {ScanReport.CurrentSchemaVersion})");
            var packages = Array(root, "packages", "$").Select((p, i) => Package(p, $"$.packages[{i}]")).ToList();
            var artifacts = Array(root, "artifacts", "$");
            var scanned = artifacts.Any(a => a.TryGetProperty("verdict", out var v) && v.ValueKind != JsonValueKind.Null)
                || (Optional(root, "summary") is { } summary && summary.ValueKind == JsonValueKind.Object && summary.TryGetProperty("artifactVerdicts", out _));
            var generated = OptionalString(root, "generatedAt", "$");
            return new ScanReport
            {
                Tool = ToolInfo.Current,
                Target = OptionalString(root, "target", "$") ?? "",
                Environment = OptionalString(root, "environment", "$"),
                Timestamp = generated is not null && DateTimeOffset.TryParse(generated, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.UnixEpoch,
                Inventory = new ScanInventory
                {
                    Packages = packages,
                    ModelArtifacts = scanned ? [] : [.. artifacts.Select((a, i) => ListedArtifact(a, $"$.artifacts[{i}]"))],
                },
                ArtifactsScanned = scanned,
                Artifacts = scanned ? [.. artifacts.Select((a, i) => Artifact(a, $"$.artifacts[{i}]"))] : [],
                Provenance = [.. Array(root, "provenance", "$").Select((p, i) => Provenance(p, $"$.provenance[{i}]"))],
                AdvisorySource = OptionalString(root, "advisorySource", "$"),
                Vulnerabilities = [.. Array(root, "vulnerabilities", "$").Select((v, i) => Vulnerability(v, $"$.vulnerabilities[{i}]"))],
                Findings = [.. Array(root, "findings", "$").Select((f, i) => Finding(f, $"$.findings[{i}]"))],
                Decision = new PolicyDecision(Verdict.Pass, []),
            };
        }

        private Finding Finding(JsonElement e, string at)
        {
            Object(e, at);
            var ruleId = String(e, "ruleId", at);
            var severityText = String(e, "severity", at);
            if (!ReportNames.TryParseSeverity(severityText, out var severity))
                throw Error($"{at}.severity", $"'{severityText}' is not a severity");
            var rule = Rules.Find(ruleId) ?? new Rule(ruleId, String(e, "title", at), Kind(e, at), severity, "");
            var location = Optional(e, "location");
            return new Finding
            {
                Rule = rule,
                Severity = severity,
                Title = String(e, "title", at),
                Message = String(e, "message", at),
                Location = location is { ValueKind: not JsonValueKind.Null } l ? Location(l, $"{at}.location") : null,
                Package = OptionalString(e, "package", at),
                Artifact = OptionalString(e, "artifact", at),
                Evidence = Strings(e, "evidence", at),
                Remediation = OptionalString(e, "remediation", at),
                Discriminator = OptionalString(e, "discriminator", at),
            };
        }

        private FindingKind Kind(JsonElement e, string at)
        {
            var text = String(e, "kind", at);
            foreach (var kind in Enum.GetValues<FindingKind>())
            {
                if (ReportNames.Of(kind) == text)
                    return kind;
            }
            throw Error($"{at}.kind", $"'{text}' is not a finding kind");
        }

        private InventoryPackage Package(JsonElement e, string at)
        {
            Object(e, at);
            return new InventoryPackage
            {
                Ecosystem = String(e, "ecosystem", at),
                Name = String(e, "name", at),
                DeclaredName = OptionalString(e, "declaredName", at),
                Version = OptionalString(e, "version", at),
                Specifier = OptionalString(e, "specifier", at) ?? "",
                Source = Location(Get(e, "source", at), $"{at}.source"),
                Hashes = Strings(e, "hashes", at),
                Direct = Bool(e, "direct", at),
                Origin = OptionalString(e, "origin", at) switch
                {
                    "lockfile" => PackageOrigin.Lockfile,
                    "installed" => PackageOrigin.Installed,
                    _ => PackageOrigin.Manifest,
                },
                Group = OptionalString(e, "group", at),
                Extras = Strings(e, "extras", at),
                Marker = OptionalString(e, "marker", at),
                IndexUrls = Strings(e, "indexUrls", at),
                ExtraIndexUrls = Strings(e, "extraIndexUrls", at),
                Url = OptionalString(e, "url", at),
                Editable = Bool(e, "editable", at),
                Extractor = OptionalString(e, "extractor", at) ?? "",
            };
        }

        private Vulnerability Vulnerability(JsonElement e, string at)
        {
            Object(e, at);
            var package = Get(e, "package", at);
            Object(package, $"{at}.package");
            var severity = OptionalString(e, "severity", at);
            var cvss = Optional(e, "cvss");
            return new Vulnerability
            {
                Package = new InventoryPackage
                {
                    Ecosystem = String(package, "ecosystem", $"{at}.package"),
                    Name = String(package, "name", $"{at}.package"),
                    Version = OptionalString(package, "version", $"{at}.package"),
                    Source = Optional(e, "source") is { ValueKind: JsonValueKind.Object } source ? Location(source, $"{at}.source") : new SourceLocation(""),
                },
                Ids = Strings(e, "ids", at) is { Count: > 0 } ids ? ids : throw Error($"{at}.ids", "a vulnerability needs at least one id"),
                Severity = ReportNames.TryParseSeverity(severity, out var s) ? s : null,
                Cvss = cvss is { ValueKind: JsonValueKind.Object } c
                    ? new CvssRating(OptionalString(c, "vector", $"{at}.cvss") ?? "", Number(Get(c, "score", $"{at}.cvss"), $"{at}.cvss.score"))
                    : null,
                Summary = OptionalString(e, "summary", at),
                Fixed = Strings(e, "fixed", at),
                Recommended = OptionalString(e, "recommended", at),
                References = Strings(e, "references", at),
            };
        }

        private ArtifactResult Artifact(JsonElement e, string at)
        {
            Object(e, at);
            var verdictText = OptionalString(e, "verdict", at);
            var verdict = Enum.GetValues<ArtifactVerdict>().Where(v => ReportNames.Of(v) == verdictText).Select(v => (ArtifactVerdict?)v).FirstOrDefault()
                ?? throw Error($"{at}.verdict", $"'{verdictText}' is not an artifact verdict");
            return new ArtifactResult(String(e, "path", at), String(e, "format", at), Long(e, "size", at), verdict,
                OptionalString(e, "sha256", at), Strings(e, "findings", at), Strings(e, "rules", at));
        }

        private ModelArtifact ListedArtifact(JsonElement e, string at)
        {
            Object(e, at);
            var sha = OptionalString(e, "sha256", at);
            return new ModelArtifact(new SourceLocation(String(e, "path", at)), String(e, "format", at), Long(e, "size", at),
                sha is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["sha256"] = sha });
        }

        private ModelProvenance Provenance(JsonElement e, string at)
        {
            Object(e, at);
            return new ModelProvenance
            {
                Repo = String(e, "repo", at),
                RequestedRevision = OptionalString(e, "requestedRevision", at),
                Commit = String(e, "commit", at),
                Pin = OptionalString(e, "pinnedBy", at) switch
                {
                    "reference" => ProvenancePin.Reference,
                    "lock" => ProvenancePin.Lock,
                    _ => ProvenancePin.None,
                },
                Source = OptionalString(e, "source", at),
                LockFile = OptionalString(e, "lockFile", at),
                Files = [.. Array(e, "files", at).Select((f, i) => ProvenanceFile(f, $"{at}.files[{i}]"))],
            };
        }

        private ProvenanceFile ProvenanceFile(JsonElement e, string at)
        {
            Object(e, at);
            var statusText = String(e, "status", at);
            var status = Enum.GetValues<ProvenanceFileStatus>().Where(s => ReportNames.Of(s) == statusText).Select(s => (ProvenanceFileStatus?)s).FirstOrDefault()
                ?? throw Error($"{at}.status", $"'{statusText}' is not a file status");
            var size = Optional(e, "size");
            return new ProvenanceFile(String(e, "path", at), status)
            {
                Size = size is { ValueKind: JsonValueKind.Number } n && n.TryGetInt64(out var s) ? s : null,
                Sha256 = OptionalString(e, "sha256", at),
                GitBlobId = OptionalString(e, "gitBlobId", at),
                Lfs = Optional(e, "lfs") is { ValueKind: JsonValueKind.True },
                Detail = OptionalString(e, "detail", at),
            };
        }

        private SourceLocation Location(JsonElement e, string at)
        {
            Object(e, at);
            var line = Optional(e, "line");
            var offset = Optional(e, "offset");
            return new SourceLocation(
                String(e, "path", at),
                line is { ValueKind: JsonValueKind.Number } l ? Int(l, $"{at}.line") : null,
                offset is { ValueKind: JsonValueKind.Number } o ? (o.TryGetInt64(out var v) ? v : throw Error($"{at}.offset", "not an integer")) : null);
        }

        private static JsonElement? Optional(JsonElement e, string name) => e.TryGetProperty(name, out var value) ? value : null;

        private JsonElement Get(JsonElement e, string name, string at) =>
            e.TryGetProperty(name, out var value) ? value : throw Error(at, $"'{name}' is missing");

        private void Object(JsonElement e, string at)
        {
            if (e.ValueKind != JsonValueKind.Object)
                throw Error(at, $"expected an object, found {Describe(e)}");
        }

        private List<JsonElement> Array(JsonElement e, string name, string at)
        {
            if (Optional(e, name) is not { } value || value.ValueKind == JsonValueKind.Null)
                return [];
            return value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : throw Error($"{at}.{name}", $"expected an array, found {Describe(value)}");
        }

        private string String(JsonElement e, string name, string at) =>
            OptionalString(e, name, at) ?? throw Error($"{at}.{name}", "a string is required");

        private string? OptionalString(JsonElement e, string name, string at) => Optional(e, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { } other => throw Error($"{at}.{name}", $"expected a string, found {Describe(other)}"),
        };

        private List<string> Strings(JsonElement e, string name, string at)
        {
            var items = Array(e, name, at);
            var result = new List<string>(items.Count);
            for (var i = 0; i < items.Count; i++)
                result.Add(items[i].ValueKind == JsonValueKind.String ? items[i].GetString()! : throw Error($"{at}.{name}[{i}]", $"expected a string, found {Describe(items[i])}"));
            return result;
        }

        private bool Bool(JsonElement e, string name, string at) => Optional(e, name) switch
        {
            null => false,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            { } other => throw Error($"{at}.{name}", $"expected true or false, found {Describe(other)}"),
        };

        private long Long(JsonElement e, string name, string at) =>
            Optional(e, name) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt64(out var v) ? v : throw Error($"{at}.{name}", "an integer is required");

        private int Int(JsonElement e, string at) =>
            e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v : throw Error(at, $"expected an integer, found {Describe(e)}");

        private double Number(JsonElement e, string at) =>
            e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var v) && double.IsFinite(v) ? v : throw Error(at, $"expected a number, found {Describe(e)}");

        private static string Describe(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();

        private InvalidDataException Error(string at, string reason) => new($"{display}: {at}: {reason}");
    }
}
