using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using ModelGate.Findings;
using ModelGate.Policy.Conditions;
using ModelGate.Reporting;

namespace ModelGate.Policy;

/// <summary>
/// Loads <c>modelgate-policy.yaml</c> (docs/policy.md) into a <see cref="PolicyDocument"/>, all or nothing: any
/// unknown field, wrong type, bad value or condition that does not compile refuses the whole file with
/// "FILE:LINE:COLUMN: reason".
/// </summary>
internal static class PolicyFile
{
    /// <summary>The name looked for in a scanned folder.</summary>
    public const string FileName = "modelgate-policy.yaml";

    private const string ResourceName = "ModelGate.Policy.default-policy.yaml";

    private static readonly Lazy<string> Default = new(() =>
    {
        using var stream = typeof(PolicyFile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The built-in default policy, documented, as <c>modelgate policy show-default</c> prints it.</summary>
    public static string DefaultText => Default.Value;

    /// <exception cref="PolicyException">The file cannot be read or is not a valid policy.</exception>
    public static PolicyDocument Load(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
                throw new PolicyException($"{path}: policy file not found");
            if (info.Length > PolicyYaml.MaxBytes)
                throw PolicyException.At(path, 1, 1, $"the policy is larger than {PolicyYaml.MaxBytes / (1024 * 1024)} MiB");
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PolicyException($"{path}: cannot read the policy: {ex.Message}", ex);
        }
        return Parse(text, path);
    }

    /// <exception cref="PolicyException">Not a valid policy; the message names <paramref name="displayName"/>, the line and the column.</exception>
    public static PolicyDocument Parse(string yaml, string displayName) => new Reader(displayName).Document(PolicyYaml.Read(yaml, displayName));

    private sealed class Reader(string file)
    {
        private static readonly string[] TopKeys = ["version", "thresholds", "lists", "rules", "waivers"];
        private static readonly string[] ThresholdKeys = ["fail", "warn"];
        private static readonly string[] ListKeys = ["licenses", "trusted-organizations", "pickle", "model-formats"];
        private static readonly string[] RuleKeys = ["id", "when", "action", "message"];
        private static readonly string[] WaiverKeys = ["id", "match", "reason", "owner", "expires"];
        private static readonly string[] MatchKeys = ["finding", "rule", "advisory", "package", "path"];

        public PolicyDocument Document(YNode root)
        {
            var top = Fields(root, "the policy", TopKeys);
            if (!top.TryGetValue("version", out var version))
                throw Error(root, "'version: 1' is required");
            if (Scalar(version, "version") != "1")
                throw Error(version, $"unsupported policy version '{version.Value}' (this ModelGate reads version 1)");
            var (thresholds, defaults) = top.TryGetValue("thresholds", out var t)
                ? ReadThresholds(t)
                : (PolicyDocument.Uniform(Severity.High, Severity.Medium).Thresholds, new Thresholds(Severity.High, Severity.Medium));
            return new PolicyDocument
            {
                Thresholds = thresholds,
                Default = defaults,
                Lists = top.TryGetValue("lists", out var l) ? ReadLists(l) : new PolicyLists(),
                Rules = top.TryGetValue("rules", out var r) ? ReadRules(r) : [],
                Waivers = top.TryGetValue("waivers", out var w) ? ReadWaivers(w) : [],
            };
        }

        private (ImmutableDictionary<FindingKind, Thresholds> ByKind, Thresholds Default) ReadThresholds(YNode node)
        {
            var kinds = Enum.GetValues<FindingKind>().ToDictionary(ReportNames.Of, k => k, StringComparer.Ordinal);
            var fields = Fields(node, "thresholds", ["default", .. kinds.Keys]);
            Severity? defaultFail = Severity.High;
            Severity? defaultWarn = Severity.Medium;
            YNode defaultFailNode = node;
            if (fields.TryGetValue("default", out var d))
            {
                var (fail, warn, failNode) = ReadPair(d, "thresholds.default", (defaultFail, defaultWarn));
                (defaultFail, defaultWarn) = (fail, warn);
                defaultFailNode = failNode ?? node;
            }
            var result = ImmutableDictionary.CreateBuilder<FindingKind, Thresholds>();
            foreach (var (name, kind) in kinds)
            {
                Severity? fail = defaultFail, warn = defaultWarn;
                var failNode = defaultFailNode;
                if (fields.TryGetValue(name, out var k))
                {
                    var (f, w, n) = ReadPair(k, $"thresholds.{name}", (defaultFail, defaultWarn));
                    (fail, warn) = (f, w);
                    failNode = n ?? defaultFailNode;
                }
                // Fail closed: what could not be analysed always counts. Specific findings can still be waived.
                if (kind == FindingKind.ParseError && fail is null)
                    throw Error(failNode, "parse-error findings must be able to fail ('fail: none' would let unreadable inputs pass); waive specific findings instead");
                result[kind] = new Thresholds(fail, warn);
            }
            return (result.ToImmutable(), new Thresholds(defaultFail, defaultWarn));
        }

        private (Severity? Fail, Severity? Warn, YNode? FailNode) ReadPair(YNode node, string where, (Severity? Fail, Severity? Warn) inherited)
        {
            var fields = Fields(node, where, ThresholdKeys);
            var fail = fields.TryGetValue("fail", out var f) ? ReadSeverity(f, $"{where}.fail") : inherited.Fail;
            var warn = fields.TryGetValue("warn", out var w) ? ReadSeverity(w, $"{where}.warn") : inherited.Warn;
            return (fail, warn, f);
        }

        private Severity? ReadSeverity(YNode node, string where)
        {
            var text = Scalar(node, where);
            if (text == "none")
                return null;
            return ReportNames.TryParseSeverity(text, out var severity) && text == ReportNames.Of(severity)
                ? severity
                : throw Error(node, $"{where}: '{text}' is not a severity (critical, high, medium, low, info or none)");
        }

        private PolicyLists ReadLists(YNode node)
        {
            var fields = Fields(node, "lists", ListKeys);
            var lists = new PolicyLists();
            if (fields.TryGetValue("licenses", out var licenses))
            {
                var f = Fields(licenses, "lists.licenses", ["allow", "deny"]);
                lists = lists with
                {
                    AllowedLicenses = f.TryGetValue("allow", out var a) ? Strings(a, "lists.licenses.allow") : [],
                    DeniedLicenses = f.TryGetValue("deny", out var d) ? Strings(d, "lists.licenses.deny") : [],
                };
            }
            if (fields.TryGetValue("trusted-organizations", out var orgs))
                lists = lists with { TrustedOrganizations = Strings(orgs, "lists.trusted-organizations") };
            if (fields.TryGetValue("pickle", out var pickle))
            {
                var f = Fields(pickle, "lists.pickle", ["safe-callables", "dangerous-callables"]);
                lists = lists with
                {
                    SafeCallables = f.TryGetValue("safe-callables", out var s) ? CallablePatterns(s, "lists.pickle.safe-callables") : [],
                    DangerousCallables = f.TryGetValue("dangerous-callables", out var d) ? CallablePatterns(d, "lists.pickle.dangerous-callables") : [],
                };
            }
            if (fields.TryGetValue("model-formats", out var formats))
            {
                var f = Fields(formats, "lists.model-formats", ["required"]);
                if (f.TryGetValue("required", out var required))
                    lists = lists with { RequiredModelFormats = Strings(required, "lists.model-formats.required") };
            }
            return lists;
        }

        private ImmutableArray<PolicyRule> ReadRules(YNode node)
        {
            var rules = ImmutableArray.CreateBuilder<PolicyRule>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in Sequence(node, "rules"))
            {
                var f = Fields(item, "a rule", RuleKeys);
                var id = Required(f, item, "id", "rule");
                if (id.Length == 0 || id.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
                    throw Error(f["id"], $"rule id '{id}' must be lower-case letters, digits and '-'");
                if (!ids.Add(id))
                    throw Error(f["id"], $"duplicate rule id '{id}'");
                var when = Required(f, item, "when", $"rule {id}");
                var actionText = Required(f, item, "action", $"rule {id}");
                var action = actionText switch
                {
                    "fail" => FindingAction.Fail,
                    "warn" => FindingAction.Warn,
                    "ignore" => FindingAction.Ignore,
                    _ => throw Error(f["action"], $"rule {id}: action '{actionText}' is not fail, warn or ignore"),
                };
                var message = f.TryGetValue("message", out var m) ? Scalar(m, $"rule {id}: message") : "";
                PolicyCondition condition;
                try
                {
                    condition = PolicyCondition.Compile(when);
                }
                catch (PolicyConditionException ex)
                {
                    throw Error(f["when"], $"rule {id}: the condition does not compile: {ex.Message}");
                }
                rules.Add(new PolicyRule(id, condition, action, message, item.Line));
            }
            return rules.ToImmutable();
        }

        private ImmutableArray<PolicyWaiver> ReadWaivers(YNode node)
        {
            var waivers = ImmutableArray.CreateBuilder<PolicyWaiver>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in Sequence(node, "waivers"))
            {
                var f = Fields(item, "a waiver", WaiverKeys);
                if (!f.TryGetValue("match", out var matchNode))
                    throw Error(item, "waiver: 'match' is required");
                var m = Fields(matchNode, "waiver match", MatchKeys);
                if (m.Count == 0)
                    throw Error(matchNode, $"waiver match needs at least one of {string.Join(", ", MatchKeys)}");
                string? Key(string name) => m.TryGetValue(name, out var v) ? NonEmpty(v, $"match.{name}") : null;
                var match = new WaiverMatch(Key("finding"), Key("rule"), Key("advisory"), Key("package"), Key("path"));
                var idNode = f.GetValueOrDefault("id");
                var id = idNode is null ? match.Describe() : NonEmpty(idNode, "waiver id");
                if (!ids.Add(id))
                    throw Error(idNode ?? matchNode, $"duplicate waiver id '{id}'");
                var reason = Required(f, item, "reason", $"waiver {id}");
                var owner = Required(f, item, "owner", $"waiver {id}");
                var expiresText = Required(f, item, "expires", $"waiver {id}");
                if (!DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires))
                    throw Error(f["expires"], $"waiver {id}: expires '{expiresText}' is not a date written YYYY-MM-DD");
                waivers.Add(new PolicyWaiver(id, match, reason, owner, expires, item.Line));
            }
            return waivers.ToImmutable();
        }

        private Dictionary<string, YNode> Fields(YNode node, string where, IReadOnlyCollection<string> allowed)
        {
            if (node.IsNull)
                return [];
            if (node.Kind != YNodeKind.Mapping)
                throw Error(node, $"{where} must be a mapping of fields");
            var result = new Dictionary<string, YNode>(StringComparer.Ordinal);
            foreach (var (key, value) in node.Pairs)
            {
                if (!allowed.Contains(key.Value))
                    throw Error(key, $"unknown field '{key.Value}' in {where} (expected one of: {string.Join(", ", allowed)})");
                result[key.Value] = value;
            }
            return result;
        }

        private IReadOnlyList<YNode> Sequence(YNode node, string where) =>
            node.IsNull ? [] : node.Kind == YNodeKind.Sequence ? node.Items : throw Error(node, $"{where} must be a list");

        /// <summary>Callable patterns as the built-in catalogue writes them (module.name, module.*, module.**, *.name), checked now.</summary>
        private ImmutableArray<string> CallablePatterns(YNode node, string where)
        {
            foreach (var item in Sequence(node, where))
            {
                try
                {
                    _ = Artifacts.Pickle.CallablePattern.Parse(NonEmpty(item, $"{where} entry"));
                }
                catch (FormatException e)
                {
                    throw Error(item, $"{where}: {e.Message}: write module.name, module.*, module.** or *.name");
                }
            }
            return Strings(node, where);
        }

        private ImmutableArray<string> Strings(YNode node, string where) =>
            [.. Sequence(node, where).Select(item => NonEmpty(item, $"{where} entry"))];

        private string Required(Dictionary<string, YNode> fields, YNode owner, string key, string where) =>
            fields.TryGetValue(key, out var node) ? NonEmpty(node, $"{where}: {key}") : throw Error(owner, $"{where}: '{key}' is required");

        private string NonEmpty(YNode node, string where)
        {
            var text = Scalar(node, where).Trim();
            return text.Length > 0 ? text : throw Error(node, $"{where} must not be empty");
        }

        private string Scalar(YNode node, string where) =>
            node.Kind == YNodeKind.Scalar && !node.IsNull ? node.Value
                : throw Error(node, $"{where} must be a single value, not {(node.IsNull ? "empty" : node.Kind == YNodeKind.Mapping ? "a mapping" : "a list")}");

        private PolicyException Error(YNode node, string reason) => PolicyException.At(file, node.Line, node.Column, reason);
    }
}
