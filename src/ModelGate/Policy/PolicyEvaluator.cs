using System.Globalization;
using ModelGate.Findings;
using ModelGate.Formats.Pep508;
using ModelGate.Inventory;
using ModelGate.Policy.Conditions;
using ModelGate.Reporting;

namespace ModelGate.Policy;

/// <summary>
/// The decision algorithm of docs/policy.md: per finding, a waiver in force that matches → waived; else the
/// first rule whose condition holds → its action; else the kind's thresholds. Waivers past their date and
/// waivers that matched nothing become findings (MG5001, MG5002); model files in formats the policy does not
/// allow become MG5003 findings. Findings the policy raised in an earlier evaluation are dropped and raised anew,
/// so evaluating a saved report again gives the same result.
/// </summary>
internal static class PolicyEvaluator
{
    public static PolicyEvaluation Evaluate(GatePolicy policy, ScanReport report)
    {
        var document = policy.Document;
        var today = DateOnly.FromDateTime(policy.Time.GetUtcNow().UtcDateTime);
        var subjects = report.Findings.Where(f => !IsPolicyFinding(f.Rule)).ToList();
        subjects.AddRange(FormatFindings(document, report));
        subjects.Sort(FindingOrder.Instance);

        var advisoryIds = AdvisoryIds(report);
        var matched = new int[document.Waivers.Length];
        var decided = new (FindingAction Action, string By, string? Message, PolicyRule? Rule)[subjects.Count];
        // A fingerprint is a SHA-256: computed once per finding, not once per waiver.
        var fingerprints = subjects.Select(f => f.Fingerprint).ToArray();
        PolicyFactsIndex? index = null;
        for (var i = 0; i < subjects.Count; i++)
        {
            var finding = subjects[i];
            PolicyWaiver? waiver = null;
            for (var w = 0; w < document.Waivers.Length; w++)
            {
                var candidate = document.Waivers[w];
                if (!Matches(candidate.Match, finding, fingerprints[i], report, advisoryIds))
                    continue;
                matched[w]++;
                if (waiver is null && today <= candidate.Expires)
                    waiver = candidate;
            }
            if (waiver is not null)
            {
                decided[i] = (FindingAction.Waived, $"waiver {waiver.Id}", waiver.Reason, null);
                continue;
            }
            var rule = document.Rules.IsEmpty ? null : FirstRule(policy, document, finding, index ??= PolicyFactsIndex.Build(report));
            decided[i] = rule is not null
                ? (rule.Action, $"rule {rule.Id}", rule.Message.Length > 0 ? rule.Message : null, rule)
                : ByThreshold(document, finding);
        }

        var policyFindings = new List<Finding>();
        var waiverOutcomes = new List<WaiverOutcome>();
        var expiredNotes = new List<string>();
        for (var w = 0; w < document.Waivers.Length; w++)
        {
            var waiver = document.Waivers[w];
            var expired = today > waiver.Expires;
            var status = expired ? WaiverStatus.Expired : matched[w] == 0 ? WaiverStatus.Stale : WaiverStatus.Applied;
            waiverOutcomes.Add(new WaiverOutcome(waiver.Id, status, matched[w]) { Reason = waiver.Reason, Owner = waiver.Owner, Expires = waiver.Expires });
            var date = waiver.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (expired)
            {
                var note = $"waiver {waiver.Id} expired on {date} ({waiver.Owner}) — its {Count(matched[w], "finding")} count again";
                expiredNotes.Add(note);
                policyFindings.Add(WaiverFinding(policy, waiver, Rules.WaiverExpired, note));
            }
            else if (matched[w] == 0)
            {
                policyFindings.Add(WaiverFinding(policy, waiver, Rules.WaiverStale,
                    $"waiver {waiver.Id} (owner {waiver.Owner}, until {date}) matched no finding: remove it before it hides a future one"));
            }
        }

        // Policy findings are decided by the thresholds alone: a waiver cannot excuse itself.
        var all = new List<(Finding Finding, FindingAction Action, string By, string? Message, PolicyRule? Rule)>(subjects.Count + policyFindings.Count);
        for (var i = 0; i < subjects.Count; i++)
            all.Add((subjects[i], decided[i].Action, decided[i].By, decided[i].Message, decided[i].Rule));
        foreach (var finding in policyFindings)
        {
            var (action, by, message, rule) = ByThreshold(document, finding);
            all.Add((finding, action, by, message, rule));
        }
        all.Sort((a, b) => FindingOrder.Instance.Compare(a.Finding, b.Finding));

        var verdict = all.Any(a => a.Action == FindingAction.Fail) ? Verdict.Fail
            : all.Any(a => a.Action == FindingAction.Warn) ? Verdict.Warn
            : Verdict.Pass;
        var reasons = Reasons(document, verdict, all, report.Findings.Count == 0 && all.Count == 0);
        reasons.AddRange(expiredNotes);
        var decision = new PolicyDecision(verdict, reasons)
        {
            Policy = policy.Display,
            Waivers = waiverOutcomes,
            Outcomes = [.. all.Select(a => new FindingOutcome(a.Finding.Fingerprint, a.Action, a.By) { Message = a.Message })],
        };
        return new PolicyEvaluation(decision, [.. policyFindings.Concat(subjects.Where(f => f.Rule == Rules.ModelFormatNotAllowed)).Order(FindingOrder.Instance)]);
    }

    internal static bool IsPolicyFinding(Rule rule) => rule.Id is "MG5001" or "MG5002" or "MG5003";

    private static PolicyRule? FirstRule(GatePolicy policy, PolicyDocument document, Finding finding, PolicyFactsIndex index)
    {
        var facts = PolicyFacts.For(finding, index);
        foreach (var rule in document.Rules)
        {
            try
            {
                if (rule.Condition.Evaluate(facts))
                    return rule;
            }
            catch (PolicyConditionException ex)
            {
                throw PolicyException.At(policy.Display, rule.Line, 1,
                    $"rule {rule.Id} failed on finding {finding.Fingerprint} ({finding.Rule.Id}{Where(finding)}): {ex.Message}");
            }
        }
        return null;
    }

    private static string Where(Finding finding) =>
        finding.Location is { } l ? $" at {l}" : finding.Package is { } p ? $" in {p}" : finding.Artifact is { } a ? $" in {a}" : "";

    private static (FindingAction Action, string By, string? Message, PolicyRule? Rule) ByThreshold(PolicyDocument document, Finding finding)
    {
        var kind = ReportNames.Of(finding.Kind);
        var thresholds = document.Thresholds[finding.Kind];
        if (thresholds.Fail is { } fail && finding.Severity >= fail)
            return (FindingAction.Fail, $"threshold {kind}: fail at {GatePolicy.Name(fail)}", null, null);
        if (thresholds.Warn is { } warn && finding.Severity >= warn)
            return (FindingAction.Warn, $"threshold {kind}: warn at {GatePolicy.Name(warn)}", null, null);
        var lowest = thresholds.Warn ?? thresholds.Fail;
        var below = lowest is { } s ? GatePolicy.Name(s) : "every threshold (none)";
        return (FindingAction.Pass, $"threshold {kind}: below {below}", null, null);
    }

    private static List<string> Reasons(PolicyDocument document, Verdict verdict, List<(Finding Finding, FindingAction Action, string By, string? Message, PolicyRule? Rule)> all, bool noFindings)
    {
        if (verdict == Verdict.Pass)
        {
            if (noFindings)
                return ["no findings"];
            var uniform = document.Thresholds.Values.Distinct().ToList();
            return [uniform.Count == 1 && uniform[0].Warn is { } w ? $"no finding at or above {GatePolicy.Name(w)}" : "no finding reaches a warn or fail threshold"];
        }
        var action = verdict == Verdict.Fail ? FindingAction.Fail : FindingAction.Warn;
        var verb = verdict == Verdict.Fail ? "fail" : "warn";
        var deciding = all.Where(a => a.Action == action).ToList();
        var reasons = new List<string>();
        foreach (var rule in document.Rules)
        {
            var count = deciding.Count(a => a.Rule == rule);
            if (count == 0)
                continue;
            var message = rule.Message.Length > 0 ? $": {rule.Message}" : "";
            reasons.Add($"{Count(count, "finding")} {(count == 1 ? verb + "s" : verb)} by rule {rule.Id}{message}");
        }
        foreach (var group in deciding.Where(a => a.Rule is null).GroupBy(a => (a.Finding.Rule.Id, a.Finding.Kind)).OrderBy(g => g.Key.Id, StringComparer.Ordinal))
        {
            var thresholds = document.Thresholds[group.Key.Kind];
            var level = verdict == Verdict.Fail ? thresholds.Fail : thresholds.Warn;
            reasons.Add($"{Count(group.Count(), group.Key.Id + " finding")} at or above {(level is { } l ? GatePolicy.Name(l) : "none")} ({ReportNames.Of(group.Key.Kind)} threshold)");
        }
        return reasons;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static Finding WaiverFinding(GatePolicy policy, PolicyWaiver waiver, Rule rule, string message) => new()
    {
        Rule = rule,
        Severity = rule.DefaultSeverity,
        Title = rule.Title,
        Message = message,
        Location = new SourceLocation(policy.Display, waiver.Line),
        Discriminator = waiver.Id,
        Evidence = [$"reason: {waiver.Reason}", $"owner: {waiver.Owner}", $"expires: {waiver.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"],
        Remediation = rule.Help,
    };

    private static IEnumerable<Finding> FormatFindings(PolicyDocument document, ScanReport report)
    {
        var required = document.Lists.RequiredModelFormats;
        if (required.IsEmpty)
            yield break;
        IEnumerable<(string Path, string Format)> files = report.ArtifactsScanned
            ? report.Artifacts.Where(a => a.Container is null).Select(a => (a.Path, a.Format))
            : report.Inventory.ModelArtifacts.Select(a => (a.Source.Path, a.Format));
        var allowed = string.Join(", ", required);
        foreach (var (path, format) in files)
        {
            if (ModelFormatFamilies.Allows(required, format))
                continue;
            yield return new Finding
            {
                Rule = Rules.ModelFormatNotAllowed,
                Severity = Rules.ModelFormatNotAllowed.DefaultSeverity,
                Title = Rules.ModelFormatNotAllowed.Title,
                Message = $"{path} is in format {format}; the policy requires {allowed}",
                Location = new SourceLocation(path),
                Artifact = path,
                Discriminator = format,
                Evidence = [$"format: {format}", $"required: {allowed}"],
                Remediation = Rules.ModelFormatNotAllowed.Help,
            };
        }
    }

    /// <summary>Every advisory id → all the ids (aliases included) of the vulnerabilities that carry it.</summary>
    private static Dictionary<string, HashSet<string>> AdvisoryIds(ScanReport report)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var vulnerability in report.Vulnerabilities)
        {
            foreach (var id in vulnerability.Ids)
            {
                if (!result.TryGetValue(id, out var set))
                    result[id] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                set.UnionWith(vulnerability.Ids);
            }
        }
        return result;
    }

    private static bool Matches(WaiverMatch match, Finding finding, string findingFingerprint, ScanReport report, Dictionary<string, HashSet<string>> advisoryIds)
    {
        if (match.Finding is { } fingerprint && !string.Equals(fingerprint, findingFingerprint, StringComparison.OrdinalIgnoreCase))
            return false;
        if (match.Rule is { } rule && !string.Equals(rule, finding.Rule.Id, StringComparison.OrdinalIgnoreCase))
            return false;
        if (match.Advisory is { } advisory)
        {
            var id = finding.Discriminator;
            if (id is null || !(string.Equals(id, advisory, StringComparison.OrdinalIgnoreCase) || (advisoryIds.TryGetValue(id, out var aliases) && aliases.Contains(advisory))))
                return false;
        }
        if (match.Package is { } package && !MatchesPackage(package, finding, report))
            return false;
        if (match.Path is { } glob)
        {
            var path = finding.Location?.Path ?? finding.Artifact;
            if (path is null || !Glob.IsMatch(glob, path))
                return false;
        }
        return true;
    }

    private static bool MatchesPackage(string wanted, Finding finding, ScanReport report)
    {
        if (finding.Package is null)
            return false;
        var (wantedName, wantedVersion) = SplitPackage(wanted);
        var (name, version) = SplitPackage(finding.Package);
        if (!string.Equals(PackageName.Normalize(wantedName), PackageName.Normalize(name), StringComparison.Ordinal))
            return false;
        if (wantedVersion is null)
            return true;
        if (version is not null)
            return string.Equals(version, wantedVersion, StringComparison.OrdinalIgnoreCase);
        // The finding names the package only: its version is the one of the vulnerable line or of the manifest entry.
        var normalized = PackageName.Normalize(name);
        var versions = report.Vulnerabilities
            .Where(v => PackageName.Normalize(v.Package.Name) == normalized && (finding.Discriminator is null || v.Ids.Contains(finding.Discriminator, StringComparer.OrdinalIgnoreCase)))
            .Select(v => v.Package.Version)
            .Concat(report.Inventory.Packages
                .Where(p => PackageName.Normalize(p.Name) == normalized && (finding.Location is null || p.Source.Path == finding.Location.Path))
                .Select(p => p.Version));
        return versions.Any(v => string.Equals(v, wantedVersion, StringComparison.OrdinalIgnoreCase));
    }

    private static (string Name, string? Version) SplitPackage(string text)
    {
        var at = text.IndexOf("==", StringComparison.Ordinal);
        return at < 0 ? (text.Trim(), null) : (text[..at].Trim(), text[(at + 2)..].Trim());
    }
}
