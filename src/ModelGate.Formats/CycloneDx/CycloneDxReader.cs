using System.Text.Json;

namespace ModelGate.Formats.CycloneDx;

/// <summary>
/// Reads a CycloneDX JSON BOM of spec 1.4 to 1.7 from any tool. Hostile input is expected: the size and the
/// JSON nesting are bounded (a <see cref="MalformedDataException"/> names the limit and the line), and everything
/// else that is wrong — wrong types, duplicate bom-refs, dangling references, invalid purls, components nested
/// too deep — becomes a <see cref="CycloneDxProblem"/> with its JSON path while the rest is read.
/// </summary>
public static class CycloneDxReader
{
    private const string FormatName = "cyclonedx";

    /// <summary>Largest BOM read (bytes). Container-image BOMs with every file listed reach tens of MiB.</summary>
    public const int MaxBytes = 128 * 1024 * 1024;

    /// <summary>Deepest JSON nesting accepted; component nesting uses two levels per component.</summary>
    public const int MaxJsonDepth = 256;

    /// <summary>Deepest component nesting followed; real BOMs nest a few levels (Trivy: image, package).</summary>
    public const int MaxComponentDepth = 64;

    /// <summary>Most components kept from one BOM.</summary>
    public const int MaxComponents = 1_000_000;

    /// <summary>Most problems recorded; the rest are counted in one last problem.</summary>
    public const int MaxProblems = 1000;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static CycloneDxBom Read(ReadOnlyMemory<byte> json)
    {
        if (json.Length > MaxBytes)
            throw new MalformedDataException(FormatName, $"the BOM is {json.Length} bytes; BOMs larger than {MaxBytes} bytes are not read");
        if (json.Span.StartsWith(Utf8Bom))
            json = json[Utf8Bom.Length..];
        if (Utf8Validation.FirstInvalidByte(json.Span) is var invalid and >= 0)
            throw new MalformedDataException(FormatName, "the BOM is not valid UTF-8", invalid);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxJsonDepth, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            return new State().Read(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new MalformedDataException(FormatName, Describe(ex), line: ex.LineNumber is long l ? (int)Math.Min(l + 1, int.MaxValue) : null, inner: ex);
        }
    }

    public static CycloneDxBom Read(string json)
    {
        if (json.Length > MaxBytes)
            throw new MalformedDataException(FormatName, $"the BOM is {json.Length} characters; BOMs larger than {MaxBytes} bytes are not read");
        try
        {
            using var document = JsonDocument.Parse(json.AsMemory(), new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
            return new State().Read(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new MalformedDataException(FormatName, Describe(ex), line: ex.LineNumber is long l ? (int)Math.Min(l + 1, int.MaxValue) : null, inner: ex);
        }
    }

    /// <summary>True when the first bytes look like a CycloneDX JSON BOM (a JSON object naming <c>bomFormat</c>).</summary>
    public static bool LooksLikeBom(ReadOnlySpan<byte> prefix)
    {
        var trimmed = (prefix.StartsWith(Utf8Bom) ? prefix[Utf8Bom.Length..] : prefix).TrimStart(" \t\r\n"u8);
        return trimmed.Length > 0 && trimmed[0] == (byte)'{' && trimmed.IndexOf("\"bomFormat\""u8) >= 0;
    }

    private static string Describe(JsonException ex) =>
        // The CLI trims resource strings (UseSystemResourceKeys), so the message may be the key "...DepthTooLarge, 256".
        ex.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("DepthTooLarge", StringComparison.Ordinal)
            ? $"the BOM nests deeper than {MaxJsonDepth} levels"
            : $"not valid JSON: {FirstSentence(ex.Message)}";

    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0)
                message = message[..at];
        }
        return message.TrimEnd(' ', '|', '.') + ".";
    }

    private sealed class State
    {
        private readonly List<CycloneDxComponent> _components = [];
        private readonly List<CycloneDxProblem> _problems = [];
        private readonly Dictionary<string, string> _refs = new(StringComparer.Ordinal);
        private int _droppedProblems;
        private bool _componentLimitReported;

        public CycloneDxBom Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
                throw new MalformedDataException(FormatName, $"a BOM is a JSON object, not {Kind(root)}");
            var format = String(root, "bomFormat", "$");
            if (format != "CycloneDX")
                throw new MalformedDataException(FormatName, format is null ? "no \"bomFormat\": \"CycloneDX\": not a CycloneDX BOM" : $"bomFormat is '{Clip(format)}', not CycloneDX");
            var spec = String(root, "specVersion", "$");
            if (spec is null)
                Problem(CycloneDxProblemKind.Invalid, "$.specVersion", "specVersion is missing; read as the latest version");

            CycloneDxComponent? subject = null;
            if (Object(root, "metadata", "$") is { } metadata && Object(metadata, "component", "$.metadata") is { } component)
                subject = ReadComponent(component, "$.metadata.component", null, 0);
            if (Array(root, "components", "$") is { } components)
                ReadComponents(components, "$.components", null, 0);
            // Services carry bom-refs that dependencies and affects may name.
            if (Array(root, "services", "$") is { } services)
                ReadServices(services, "$.services", 0);

            var dependencies = ReadDependencies(root);
            var vulnerabilities = ReadVulnerabilities(root);
            CheckReferences(dependencies, vulnerabilities);
            if (_droppedProblems > 0)
                _problems.Add(new CycloneDxProblem(CycloneDxProblemKind.LimitExceeded, "$", $"{_droppedProblems} more problems not listed"));
            return new CycloneDxBom
            {
                SpecVersion = spec,
                SerialNumber = String(root, "serialNumber", "$"),
                Subject = subject,
                Components = _components,
                Dependencies = dependencies,
                Vulnerabilities = vulnerabilities,
                Problems = _problems,
            };
        }

        private void ReadComponents(JsonElement array, string path, string? parent, int depth)
        {
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var itemPath = $"{path}[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    Problem(CycloneDxProblemKind.Invalid, itemPath, $"a component is an object, not {Kind(item)}");
                    continue;
                }
                ReadComponent(item, itemPath, parent, depth);
            }
        }

        private CycloneDxComponent? ReadComponent(JsonElement element, string path, string? parent, int depth)
        {
            if (depth > MaxComponentDepth)
            {
                Problem(CycloneDxProblemKind.LimitExceeded, path, $"components nested deeper than {MaxComponentDepth} levels are not read");
                return null;
            }
            if (_components.Count >= MaxComponents)
            {
                if (!_componentLimitReported)
                    Problem(CycloneDxProblemKind.LimitExceeded, path, $"more than {MaxComponents} components: the rest are not read");
                _componentLimitReported = true;
                return null;
            }
            var bomRef = BomRef(element, path);
            var type = String(element, "type", path);
            var name = String(element, "name", path);
            if (type is null || name is null)
            {
                Problem(CycloneDxProblemKind.Invalid, path, $"a component needs a \"type\" and a \"name\"{(bomRef is null ? string.Empty : $" (bom-ref '{Clip(bomRef)}')")}");
                if (Array(element, "components", path) is { } orphans)
                    ReadComponents(orphans, path + ".components", bomRef, depth + 1);
                return null;
            }
            var purlText = String(element, "purl", path);
            PackageUrl? purl = null;
            if (purlText is not null && !PackageUrl.TryParse(purlText, out purl, out var purlError))
                Problem(CycloneDxProblemKind.InvalidPurl, path + ".purl", $"'{Clip(purlText)}' is not a valid purl: {purlError}");

            var component = new CycloneDxComponent
            {
                Path = path,
                BomRef = bomRef,
                Type = type,
                Name = name,
                Group = String(element, "group", path),
                Version = String(element, "version", path),
                Purl = purlText,
                PackageUrl = purl,
                Scope = String(element, "scope", path),
                ParentRef = parent,
                Depth = depth,
                Hashes = ReadHashes(element, path),
                Licenses = ReadLicenses(element, path),
                Properties = ReadProperties(element, path),
                ModelCard = Object(element, "modelCard", path) is { } card ? ReadModelCard(card, path + ".modelCard") : null,
            };
            _components.Add(component);
            if (Array(element, "components", path) is { } children)
                ReadComponents(children, path + ".components", bomRef, depth + 1);
            return component;
        }

        private void ReadServices(JsonElement array, string path, int depth)
        {
            if (depth > MaxComponentDepth)
            {
                Problem(CycloneDxProblemKind.LimitExceeded, path, $"services nested deeper than {MaxComponentDepth} levels are not read");
                return;
            }
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var itemPath = $"{path}[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                    continue;
                BomRef(item, itemPath);
                if (Array(item, "services", itemPath) is { } nested)
                    ReadServices(nested, itemPath + ".services", depth + 1);
            }
        }

        private string? BomRef(JsonElement element, string path)
        {
            var bomRef = String(element, "bom-ref", path);
            if (bomRef is null)
                return null;
            if (!_refs.TryAdd(bomRef, path))
                Problem(CycloneDxProblemKind.DuplicateBomRef, path + ".bom-ref", $"bom-ref '{Clip(bomRef)}' is already used at {_refs[bomRef]}");
            return bomRef;
        }

        private List<CycloneDxHash> ReadHashes(JsonElement element, string path)
        {
            var hashes = new List<CycloneDxHash>();
            if (Array(element, "hashes", path) is not { } array)
                return hashes;
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var itemPath = $"{path}.hashes[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    Problem(CycloneDxProblemKind.Invalid, itemPath, $"a hash is an object, not {Kind(item)}");
                    continue;
                }
                var alg = String(item, "alg", itemPath);
                var content = String(item, "content", itemPath);
                if (alg is null || content is null || !content.All(char.IsAsciiHexDigit))
                {
                    Problem(CycloneDxProblemKind.Invalid, itemPath, "a hash needs an \"alg\" and hexadecimal \"content\"");
                    continue;
                }
                hashes.Add(new CycloneDxHash(alg, content.ToLowerInvariant()));
            }
            return hashes;
        }

        /// <summary>
        /// <c>licenses</c> is a list of <c>{"license": {"id"|"name"}}</c> or <c>{"expression"}</c> choices (spec 1.4+);
        /// ids, names and expressions are kept as written.
        /// </summary>
        private List<string> ReadLicenses(JsonElement element, string path)
        {
            var licenses = new List<string>();
            if (Array(element, "licenses", path) is not { } array)
                return licenses;
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var itemPath = $"{path}.licenses[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    Problem(CycloneDxProblemKind.Invalid, itemPath, $"a licence choice is an object, not {Kind(item)}");
                    continue;
                }
                if (String(item, "expression", itemPath) is { } expression)
                    licenses.Add(expression);
                else if (Object(item, "license", itemPath) is { } license && (String(license, "id", itemPath + ".license") ?? String(license, "name", itemPath + ".license")) is { } idOrName)
                    licenses.Add(idOrName);
            }
            return licenses;
        }

        private List<KeyValuePair<string, string>> ReadProperties(JsonElement element, string path)
        {
            var properties = new List<KeyValuePair<string, string>>();
            if (Array(element, "properties", path) is not { } array)
                return properties;
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var itemPath = $"{path}.properties[{i++}]";
                if (item.ValueKind == JsonValueKind.Object && String(item, "name", itemPath) is { } name)
                    properties.Add(new(name, String(item, "value", itemPath) ?? string.Empty));
            }
            return properties;
        }

        private CycloneDxModelCard ReadModelCard(JsonElement card, string path)
        {
            var refs = new List<string>();
            var names = new List<string>();
            string? task = null, family = null, architecture = null;
            if (Object(card, "modelParameters", path) is { } parameters)
            {
                var parametersPath = path + ".modelParameters";
                task = String(parameters, "task", parametersPath);
                family = String(parameters, "architectureFamily", parametersPath);
                architecture = String(parameters, "modelArchitecture", parametersPath);
                if (Array(parameters, "datasets", parametersPath) is { } datasets)
                {
                    var i = 0;
                    foreach (var dataset in datasets.EnumerateArray())
                    {
                        var datasetPath = $"{parametersPath}.datasets[{i++}]";
                        if (dataset.ValueKind != JsonValueKind.Object)
                        {
                            Problem(CycloneDxProblemKind.Invalid, datasetPath, $"a dataset is an object, not {Kind(dataset)}");
                            continue;
                        }
                        if (String(dataset, "ref", datasetPath) is { } reference)
                            refs.Add(reference);
                        else if (String(dataset, "name", datasetPath) is { } name)
                            names.Add(name);
                    }
                }
            }
            var metrics = new List<CycloneDxMetric>();
            if (Object(card, "quantitativeAnalysis", path) is { } analysis && Array(analysis, "performanceMetrics", path + ".quantitativeAnalysis") is { } list)
            {
                var i = 0;
                foreach (var metric in list.EnumerateArray())
                {
                    var metricPath = $"{path}.quantitativeAnalysis.performanceMetrics[{i++}]";
                    if (metric.ValueKind == JsonValueKind.Object)
                        metrics.Add(new CycloneDxMetric(String(metric, "type", metricPath), String(metric, "value", metricPath), String(metric, "slice", metricPath)));
                }
            }
            return new CycloneDxModelCard { Task = task, ArchitectureFamily = family, ModelArchitecture = architecture, DatasetRefs = refs, DatasetNames = names, Metrics = metrics };
        }

        private List<CycloneDxDependency> ReadDependencies(JsonElement root)
        {
            var dependencies = new List<CycloneDxDependency>();
            if (Array(root, "dependencies", "$") is not { } array)
                return dependencies;
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var path = $"$.dependencies[{i++}]";
                if (item.ValueKind != JsonValueKind.Object || String(item, "ref", path) is not { } reference)
                {
                    Problem(CycloneDxProblemKind.Invalid, path, "a dependency needs a \"ref\"");
                    continue;
                }
                var dependsOn = new List<string>();
                if (Array(item, "dependsOn", path) is { } targets)
                {
                    var j = 0;
                    foreach (var target in targets.EnumerateArray())
                    {
                        if (target.ValueKind == JsonValueKind.String)
                            dependsOn.Add(target.GetString()!);
                        else
                            Problem(CycloneDxProblemKind.Invalid, $"{path}.dependsOn[{j}]", $"a dependsOn entry is a string, not {Kind(target)}");
                        j++;
                    }
                }
                dependencies.Add(new CycloneDxDependency(reference, dependsOn));
            }
            return dependencies;
        }

        private List<CycloneDxVulnerability> ReadVulnerabilities(JsonElement root)
        {
            var vulnerabilities = new List<CycloneDxVulnerability>();
            if (Array(root, "vulnerabilities", "$") is not { } array)
                return vulnerabilities;
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var path = $"$.vulnerabilities[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    Problem(CycloneDxProblemKind.Invalid, path, $"a vulnerability is an object, not {Kind(item)}");
                    continue;
                }
                var bomRef = BomRef(item, path);
                var id = String(item, "id", path);
                if (id is null)
                {
                    Problem(CycloneDxProblemKind.Invalid, path, "a vulnerability without an \"id\" is not read");
                    continue;
                }
                var ratings = new List<CycloneDxRating>();
                if (Array(item, "ratings", path) is { } list)
                {
                    var j = 0;
                    foreach (var rating in list.EnumerateArray())
                    {
                        var ratingPath = $"{path}.ratings[{j++}]";
                        if (rating.ValueKind != JsonValueKind.Object)
                            continue;
                        double? score = rating.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetDouble(out var value) ? value : null;
                        ratings.Add(new CycloneDxRating(score, String(rating, "severity", ratingPath), String(rating, "method", ratingPath), String(rating, "vector", ratingPath)));
                    }
                }
                var cwes = new List<int>();
                if (Array(item, "cwes", path) is { } cweList)
                {
                    foreach (var cwe in cweList.EnumerateArray())
                    {
                        if (cwe.ValueKind == JsonValueKind.Number && cwe.TryGetInt32(out var number))
                            cwes.Add(number);
                    }
                }
                var affects = new List<string>();
                if (Array(item, "affects", path) is { } affectList)
                {
                    var j = 0;
                    foreach (var affect in affectList.EnumerateArray())
                    {
                        var affectPath = $"{path}.affects[{j++}]";
                        if (affect.ValueKind == JsonValueKind.Object && String(affect, "ref", affectPath) is { } reference)
                            affects.Add(reference);
                        else
                            Problem(CycloneDxProblemKind.Invalid, affectPath, "an affects entry needs a \"ref\"");
                    }
                }
                vulnerabilities.Add(new CycloneDxVulnerability
                {
                    Path = path,
                    BomRef = bomRef,
                    Id = id,
                    SourceName = Object(item, "source", path) is { } source ? String(source, "name", path + ".source") : null,
                    Ratings = ratings,
                    Cwes = cwes,
                    Description = String(item, "description", path),
                    Recommendation = String(item, "recommendation", path),
                    Affects = affects,
                    AnalysisState = Object(item, "analysis", path) is { } analysis ? String(analysis, "state", path + ".analysis") : null,
                });
            }
            return vulnerabilities;
        }

        /// <summary>Every reference must name a bom-ref of this BOM; BOM-Links (<c>urn:cdx:</c>) point at other BOMs.</summary>
        private void CheckReferences(List<CycloneDxDependency> dependencies, List<CycloneDxVulnerability> vulnerabilities)
        {
            for (var i = 0; i < dependencies.Count; i++)
            {
                Check(dependencies[i].Ref, $"$.dependencies[{i}].ref");
                for (var j = 0; j < dependencies[i].DependsOn.Count; j++)
                    Check(dependencies[i].DependsOn[j], $"$.dependencies[{i}].dependsOn[{j}]");
            }
            foreach (var vulnerability in vulnerabilities)
            {
                for (var j = 0; j < vulnerability.Affects.Count; j++)
                    Check(vulnerability.Affects[j], $"{vulnerability.Path}.affects[{j}].ref");
            }
            foreach (var component in _components)
            {
                if (component.ModelCard is not { } card)
                    continue;
                for (var j = 0; j < card.DatasetRefs.Count; j++)
                    Check(card.DatasetRefs[j], $"{component.Path}.modelCard.modelParameters.datasets[{j}].ref");
            }

            void Check(string reference, string path)
            {
                if (!_refs.ContainsKey(reference) && !reference.StartsWith("urn:cdx:", StringComparison.Ordinal))
                    Problem(CycloneDxProblemKind.DanglingReference, path, $"'{Clip(reference)}' names no bom-ref in this BOM");
            }
        }

        private string? String(JsonElement element, string name, string path)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;
            if (value.ValueKind == JsonValueKind.String)
                return value.GetString();
            Problem(CycloneDxProblemKind.Invalid, $"{path}.{name}", $"\"{name}\" is a string, not {Kind(value)}");
            return null;
        }

        private JsonElement? Object(JsonElement element, string name, string path) => Typed(element, name, path, JsonValueKind.Object, "an object");

        private JsonElement? Array(JsonElement element, string name, string path) => Typed(element, name, path, JsonValueKind.Array, "an array");

        private JsonElement? Typed(JsonElement element, string name, string path, JsonValueKind kind, string description)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;
            if (value.ValueKind == kind)
                return value;
            Problem(CycloneDxProblemKind.Invalid, $"{path}.{name}", $"\"{name}\" is {description}, not {Kind(value)}");
            return null;
        }

        private void Problem(CycloneDxProblemKind kind, string path, string message)
        {
            if (_problems.Count >= MaxProblems)
            {
                _droppedProblems++;
                return;
            }
            _problems.Add(new CycloneDxProblem(kind, path, message));
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Values quoted in messages are cut short: a hostile BOM must not flood the report.</summary>
    private static string Clip(string text) =>
        text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");
}
