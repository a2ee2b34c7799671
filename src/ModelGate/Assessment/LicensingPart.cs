using ModelGate.Cards;
using ModelGate.Findings;
using ModelGate.Inventory;

namespace ModelGate.Assessment;

/// <summary>
/// Licensing and IP: the declared licence identified and categorised, the licence files read and compared
/// with it, the policy's allow and deny lists applied, restrictive clauses quoted, access terms and the
/// datasets' licences noted. No licence at all fails: nothing is granted.
/// </summary>
internal static class LicensingPart
{
    private static readonly string[] LicenseFileStems = ["license", "licence", "copying", "use_policy", "notice", "responsible_use_guide"];

    public sealed record Result(AssessmentPart Part, string? License, string Category, IReadOnlyList<LicenseClause> Clauses);

    public static Result Assess(AssessmentInput input)
    {
        var evidence = new List<string>();
        var recommendations = new List<string>();
        var verdicts = new List<AssessmentVerdict>();
        var meta = input.Entry?.Card.Metadata;
        var cardPath = input.Entry?.Path;
        var cardLocation = cardPath is null ? null : new SourceLocation(cardPath);
        var declared = meta?.License;

        // The licence files beside the model, and the one license_link names inside the repository.
        var licenseFiles = input.Folder.Files.Where(f => ModelFolder.AtTop(f) && IsLicenseFileName(f)).ToList();
        if (meta?.LicenseLink is { } link && !link.Contains("://", StringComparison.Ordinal))
        {
            var relative = link.TrimStart('.', '/');
            var inRepo = input.Folder.Files.FirstOrDefault(f => f.Equals(relative, StringComparison.Ordinal));
            if (inRepo is not null && !licenseFiles.Contains(inRepo))
                licenseFiles.Add(inRepo);
        }
        var identified = new List<(string Path, string? Id)>();
        var clauses = new List<LicenseClause>();
        foreach (var file in licenseFiles)
        {
            var text = input.Folder.ReadText(file);
            if (text is null)
            {
                evidence.Add($"{input.ReportPath(file)}: could not be read");
                verdicts.Add(AssessmentVerdict.Warn);
                continue;
            }
            var id = LicenseTextIdentifier.Identify(text);
            identified.Add((file, id));
            clauses.AddRange(ClauseFinder.Find(text, input.ReportPath(file)));
        }
        if (input.CardText is not null && cardPath is not null)
            clauses.AddRange(ClauseFinder.Find(input.CardText, cardPath));

        // What governs: the declared id; for "other" (or an unknown id) the licence name, else the licence text.
        var info = LicenseCatalog.Find(declared);
        var fromText = identified.Select(i => i.Id).FirstOrDefault(i => i is not null);
        LicenseInfo? effective = info;
        if (declared is null)
        {
            evidence.Add("declared licence: none (no license field in the card)");
        }
        else
        {
            evidence.Add(info is null
                ? $"declared licence: {declared} (not a licence id ModelGate knows)"
                : $"declared licence: {declared} — {info.Name}, {info.CategoryName}");
            if (meta!.Licenses.Count > 1)
                evidence.Add($"several licences declared: {string.Join(", ", meta.Licenses)}; the first is assessed, the others may also apply");
        }
        if (meta?.LicenseName is { } name)
            evidence.Add($"license_name: {name}" + (meta.LicenseLink is { } l ? $", license_link: {l}" : string.Empty));
        else if (meta?.LicenseLink is { } onlyLink)
            evidence.Add($"license_link: {onlyLink}");
        if (effective is null || effective.Category == LicenseCategory.Other)
        {
            var byName = LicenseCatalog.Find(meta?.LicenseName);
            var byText = LicenseCatalog.Find(fromText);
            var resolved = byName is not null && byName.Category is not (LicenseCategory.Other or LicenseCategory.Unknown) ? byName : byText;
            if (resolved is not null)
            {
                evidence.Add($"the licence is read as {resolved.Id} ({resolved.CategoryName}) from its " + (resolved == byName ? "license_name" : "text"));
                effective = resolved;
            }
        }
        foreach (var (file, id) in identified)
            evidence.Add(id is null ? $"{input.ReportPath(file)}: present; text not matched to a known licence" : $"{input.ReportPath(file)}: present; reads as {id}");
        if (licenseFiles.Count == 0)
            evidence.Add("licence file: none in the repository (LICENSE, LICENSE.md, LICENCE.txt, USE_POLICY.md, ...)");

        var findings = new List<Finding>();
        string category;
        if (effective is null && declared is null && licenseFiles.Count == 0)
        {
            category = "unknown";
            findings.Add(AssessmentInput.Make(Rules.LicenseMissing, "The model declares no licence: the card has no license field and there is no licence file.", cardLocation, [.. evidence],
                "Ask the publisher for a licence; without one no use is granted."));
            recommendations.Add("Do not use the model until its publisher states a licence.");
            verdicts.Add(AssessmentVerdict.Fail);
        }
        else if (effective is null || effective.Category is LicenseCategory.Other or LicenseCategory.Unknown)
        {
            category = effective?.CategoryName ?? "other";
            findings.Add(AssessmentInput.Make(Rules.LicenseUnidentified,
                $"The licence '{declared ?? meta?.LicenseName ?? "(licence file)"}' could not be matched to a licence ModelGate knows; a person must read its terms.", cardLocation, [.. evidence],
                "Read license_name, license_link and the licence text, and record the decision (a policy waiver, or the licence id in lists.licenses.allow)."));
            recommendations.Add("Have the licence text reviewed: ModelGate could not identify it.");
            verdicts.Add(AssessmentVerdict.Warn);
        }
        else
        {
            category = effective.CategoryName;
            if (effective.Duties.Count > 0)
                evidence.Add($"duties: {string.Join(", ", effective.Duties.Select(LicenseCatalog.DutyName))}");
            verdicts.Add(CategoryFindings(effective, cardLocation, evidence, recommendations, findings));
        }

        // The declared id against the licence text.
        if (info is not null && info.Category is not (LicenseCategory.Other or LicenseCategory.Unknown))
        {
            foreach (var (file, id) in identified)
            {
                if (id is null || SameLicense(info.Id, id))
                    continue;
                findings.Add(AssessmentInput.Make(Rules.LicenseFileInconsistent,
                    $"The card declares {info.Id}, but {input.ReportPath(file)} reads as {id}.", new SourceLocation(input.ReportPath(file)), [$"declared: {info.Id}", $"{input.ReportPath(file)}: {id}"],
                    "Ask the publisher which licence governs; until then assume the stricter.", discriminator: id));
                recommendations.Add($"Resolve which licence governs: the card says {info.Id}, {input.ReportPath(file)} reads as {id}.");
                verdicts.Add(AssessmentVerdict.Warn);
            }
        }

        // The policy's lists.
        var names = new[] { declared, effective?.Id, effective?.SpdxId }.OfType<string>().ToList();
        var denied = input.Settings.DeniedLicenses.FirstOrDefault(d => names.Contains(d, StringComparer.OrdinalIgnoreCase));
        if (denied is not null)
        {
            findings.Add(AssessmentInput.Make(Rules.LicenseNotAllowed, $"The licence {denied} is on the policy's deny list.", cardLocation, [$"lists.licenses.deny: {string.Join(", ", input.Settings.DeniedLicenses)}"],
                "Choose another model, or change the policy with the licence owner's agreement.", discriminator: denied));
            evidence.Add($"policy: {denied} is denied");
            verdicts.Add(AssessmentVerdict.Fail);
        }
        else if (input.Settings.AllowedLicenses.Count > 0 && names.Count > 0 && !input.Settings.AllowedLicenses.Any(a => names.Contains(a, StringComparer.OrdinalIgnoreCase)))
        {
            findings.Add(AssessmentInput.Make(Rules.LicenseNotAllowed, $"The licence {names[0]} is not among the licences the policy allows.", cardLocation, [$"lists.licenses.allow: {string.Join(", ", input.Settings.AllowedLicenses)}"],
                "Choose a model under an allowed licence, or extend lists.licenses.allow after legal review.", discriminator: names[0]));
            evidence.Add($"policy: {names[0]} is not in the allow list");
            verdicts.Add(AssessmentVerdict.Fail);
        }
        else if (input.Settings.AllowedLicenses.Count > 0 && names.Count > 0)
        {
            evidence.Add("policy: the licence is in the allow list");
        }

        // Clauses, one finding per file and kind.
        foreach (var group in clauses.GroupBy(c => (c.Path, c.Kind)))
        {
            var first = group.First();
            var severity = ClauseSeverity(first.Kind);
            findings.Add(AssessmentInput.Make(Rules.RestrictiveClause, $"{first.Path} line {first.Line} has a {first.Kind} clause: \"{first.Text}\"",
                new SourceLocation(first.Path, first.Line), [.. group.Select(c => $"line {c.Line}: \"{c.Text}\"")], ClauseAdvice(first.Kind), discriminator: first.Kind, severity: severity));
            if (severity >= Severity.High)
                verdicts.Add(AssessmentVerdict.Fail);
            else if (severity >= Severity.Medium)
                verdicts.Add(AssessmentVerdict.Warn);
        }
        if (clauses.Count > 0)
            evidence.Add($"restrictive clauses: {string.Join(", ", clauses.Select(c => c.Kind).Distinct(StringComparer.Ordinal))}");

        // Access terms.
        if (meta is { Gated: true })
        {
            var prompt = meta.GatedPrompt is null ? "(no prompt text)" : ClauseFinder.Quote(meta.GatedPrompt.ReplaceLineEndings(" "), 0, 0);
            var fields = meta.GatedFields.Count == 0 ? "none" : string.Join(", ", meta.GatedFields);
            findings.Add(AssessmentInput.Make(Rules.GatedModel, "Access to the model requires accepting the publisher's terms (extra_gated_prompt).", cardLocation,
                [$"prompt: {prompt}", $"fields asked: {fields}"], "Have the person who accepts the terms confirm they cover the intended use."));
            evidence.Add($"gated: access requires accepting terms; fields asked: {fields}");
            verdicts.Add(AssessmentVerdict.Warn);
        }

        // Datasets.
        foreach (var dataset in meta?.Datasets ?? [])
        {
            var known = DatasetLicenses.Find(dataset);
            evidence.Add(known is null ? $"dataset {dataset}: licence not known to ModelGate" : $"dataset {known.Describe()}");
            if (known is { NonCommercial: true })
            {
                findings.Add(AssessmentInput.Make(Rules.DatasetLicenseRestricted, $"The training dataset {dataset} is licensed for non-commercial or research use only.", cardLocation,
                    [known.Describe()], "Have legal review decide whether the dataset's terms bind the model's use.", discriminator: dataset));
                verdicts.Add(AssessmentVerdict.Warn);
            }
        }

        foreach (var finding in findings)
            input.Context.Report(finding);
        var verdict = verdicts.Count == 0 ? AssessmentVerdict.Pass : ModelAssessment.Combine([.. verdicts]);
        return new Result(new AssessmentPart(verdict, evidence, recommendations.Distinct(StringComparer.Ordinal).ToList()), declared, category, clauses);
    }

    private static AssessmentVerdict CategoryFindings(LicenseInfo license, SourceLocation? at, List<string> evidence, List<string> recommendations, List<Finding> findings)
    {
        IReadOnlyList<string> facts = [$"{license.Id}: {license.Name} ({license.CategoryName})"];
        switch (license.Category)
        {
            case LicenseCategory.Permissive:
                return AssessmentVerdict.Pass;
            case LicenseCategory.NonCommercial:
            case LicenseCategory.NonCommercialResearch:
                findings.Add(AssessmentInput.Make(Rules.LicenseNonCommercial, $"The licence {license.Id} forbids commercial use.", at, facts,
                    "Use the model only for non-commercial work, or obtain a commercial licence from the licensor.", discriminator: license.Id));
                recommendations.Add($"{license.Id} does not allow commercial use: obtain a commercial licence or choose another model.");
                return AssessmentVerdict.Fail;
            case LicenseCategory.UseRestricted:
                findings.Add(AssessmentInput.Make(Rules.LicenseUseRestricted, $"The licence {license.Id} restricts how the model may be used.", at,
                    [.. facts, $"duties: {string.Join(", ", license.Duties.Select(LicenseCatalog.DutyName))}"],
                    "Have legal review confirm the product complies with the use restrictions, and pass them on to your users.", discriminator: license.Id));
                recommendations.Add($"Review the {license.Id} terms with legal: use restrictions apply and must be passed downstream.");
                return AssessmentVerdict.Warn;
            case LicenseCategory.NoDerivatives:
                findings.Add(AssessmentInput.Make(Rules.LicenseNoDerivatives, $"The licence {license.Id} forbids sharing modified versions.", at, facts,
                    "Do not distribute fine-tuned or converted versions.", discriminator: license.Id));
                recommendations.Add("Do not distribute modified versions of the model.");
                return AssessmentVerdict.Warn;
            default:
                var weak = license.Category == LicenseCategory.WeakCopyleft;
                findings.Add(AssessmentInput.Make(Rules.LicenseCopyleft, $"The licence {license.Id} is {license.CategoryName}: modified versions must be shared under it.", at, facts,
                    "Keep modifications separate, or be ready to publish them under the same licence.", discriminator: license.Id, severity: weak ? Severity.Low : Severity.Medium));
                recommendations.Add($"{license.Id} is copyleft: check the distribution model with legal.");
                evidence.Add(weak ? "copyleft applies to the licensed files only" : "copyleft applies to derivatives as a whole");
                return AssessmentVerdict.Warn;
        }
    }

    private static bool IsLicenseFileName(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var stem = (dot < 0 ? name : name[..dot]).ToLowerInvariant();
        var ext = dot < 0 ? string.Empty : name[(dot + 1)..].ToLowerInvariant();
        return (LicenseFileStems.Contains(stem) || stem.StartsWith("license-", StringComparison.Ordinal) || stem.StartsWith("license_", StringComparison.Ordinal))
            && ext is "" or "md" or "txt" or "rst";
    }

    // A family id ("bsd", "gpl", "openrail", "llama3") is consistent with its members ("bsd-3-clause", "llama3.1").
    private static bool SameLicense(string declared, string found) =>
        declared == found || found.StartsWith(declared, StringComparison.Ordinal) || declared.StartsWith(found, StringComparison.Ordinal);

    private static Severity ClauseSeverity(string kind) => kind switch
    {
        "non-commercial" or "research-only" => Severity.High,
        "share-alike" or "naming" => Severity.Low,
        "attribution" => Severity.Info,
        _ => Severity.Medium,
    };

    private static string ClauseAdvice(string kind) => kind switch
    {
        "non-commercial" => "Commercial use is not granted: obtain a commercial licence, or use the model for non-commercial work only.",
        "research-only" => "Only research use is granted: a product needs another licence.",
        "user-threshold" => "Check the product's user count (or revenue) against the threshold; above it, a separate licence is needed.",
        "acceptable-use" => "Every use must comply with the acceptable-use policy: review it against the use case and pass it on to users.",
        "field-of-use" => "Review the forbidden uses against the use case and include them in your own terms of use.",
        "no-derivatives" => "Do not distribute modified versions.",
        "share-alike" => "Derivatives must be shared under the same licence.",
        "naming" => "Show the required name or \"Built with\" notice in the product.",
        _ => "Keep the licence and attribution notices with the model.",
    };
}
