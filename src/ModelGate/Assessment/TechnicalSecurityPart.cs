using ModelGate.Artifacts;
using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Policy;

namespace ModelGate.Assessment;

/// <summary>
/// Technical security: the artifact scanner's verdict for every weight file, pickle weights with or without a
/// safetensors equivalent, custom code that needs <c>trust_remote_code</c>, and the Python packages the model
/// needs (config.json's transformers_version, requirements files) against the advisories.
/// </summary>
internal static class TechnicalSecurityPart
{
    public static AssessmentPart Assess(AssessmentInput input)
    {
        var context = input.Context;
        var evidence = new List<string>();
        var recommendations = new List<string>();
        var verdicts = new List<AssessmentVerdict>();

        // Weight files and their scan verdicts.
        var weights = context.Artifacts.Where(a => a.Container is null).ToList();
        if (!context.ArtifactsScanned)
        {
            evidence.Add("weights: not scanned (the artifact scanner did not run)");
            verdicts.Add(AssessmentVerdict.NotAssessed);
        }
        else if (weights.Count == 0)
        {
            evidence.Add("weights: no model weight files found");
            recommendations.Add("Assess the folder that holds the model's weights.");
            verdicts.Add(AssessmentVerdict.NotAssessed);
        }
        foreach (var weight in weights)
        {
            evidence.Add($"{weight.Path} ({weight.Format}): {Name(weight.Verdict)}" + (weight.Findings.Count > 0 ? $" — {string.Join("; ", weight.Findings.Take(3))}" : string.Empty));
            switch (weight.Verdict)
            {
                case ArtifactVerdict.Malicious:
                    recommendations.Add($"Do not load {weight.Path}: it holds code known to be dangerous.");
                    verdicts.Add(AssessmentVerdict.Fail);
                    break;
                case ArtifactVerdict.Error:
                    recommendations.Add($"{weight.Path} could not be fully analysed; do not load it until it can be.");
                    verdicts.Add(AssessmentVerdict.Fail);
                    break;
                case ArtifactVerdict.Suspicious:
                    recommendations.Add($"Review {weight.Path}: the scan found something outside the safe lists.");
                    verdicts.Add(AssessmentVerdict.Warn);
                    break;
            }
        }

        // Pickle weights, with or without a safetensors equivalent.
        var pickles = weights.Where(w => ModelFormatFamilies.Allows(["pickle"], w.Format)).ToList();
        var safetensors = weights.Where(w => w.Format == "safetensors").ToList();
        if (pickles.Count > 0 && safetensors.Count > 0)
        {
            var pickleNames = string.Join(", ", pickles.Select(p => p.Path));
            var safeNames = string.Join(", ", safetensors.Select(s => s.Path));
            evidence.Add($"pickle weights {pickleNames} also exist as safetensors ({safeNames})");
            recommendations.Add($"Load {safeNames} (use_safetensors=True) and leave {pickleNames} out of downloads.");
            foreach (var pickle in pickles)
            {
                context.Report(AssessmentInput.Make(Rules.PickleBesideSafetensors,
                    $"{pickle.Path} is a pickle-based copy of weights that also exist as {safeNames}: load the safetensors file instead.",
                    new SourceLocation(pickle.Path), [$"{pickle.Path}: {pickle.Format}", $"safetensors: {safeNames}"],
                    $"Load {safeNames} (from_pretrained(..., use_safetensors=True)); exclude {pickle.Path} from downloads (allow_patterns / --include).") with { Artifact = pickle.Path });
            }
            verdicts.Add(AssessmentVerdict.Warn);
        }
        else if (pickles.Count > 0)
        {
            evidence.Add($"pickle weights only: {string.Join(", ", pickles.Select(p => p.Path))} (no safetensors equivalent)");
            recommendations.Add("Prefer a safetensors release of the model, or convert the weights in an isolated environment.");
            foreach (var pickle in pickles)
            {
                context.Report(AssessmentInput.Make(Rules.PickleOnlyWeights, $"{pickle.Path} is pickle-based and no safetensors equivalent is shipped.",
                    new SourceLocation(pickle.Path), [$"{pickle.Path}: {pickle.Format}"], "Use a safetensors release, or convert the weights in an isolated environment.") with { Artifact = pickle.Path });
            }
            verdicts.Add(AssessmentVerdict.Warn);
        }

        // Custom code.
        var pythonFiles = input.Folder.Files.Where(f => f.EndsWith(".py", StringComparison.OrdinalIgnoreCase)).ToList();
        var autoMap = input.Entry?.Config?.AutoMap ?? new Dictionary<string, string>();
        if (pythonFiles.Count > 0 || autoMap.Count > 0)
        {
            var facts = new List<string>();
            facts.AddRange(autoMap.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"config.json auto_map {a.Key} → {a.Value}"));
            facts.AddRange(pythonFiles.Take(20).Select(p => $"Python file {input.ReportPath(p)}"));
            var where = autoMap.Count > 0 ? ConfigPath(input) : input.ReportPath(pythonFiles[0]);
            context.Report(AssessmentInput.Make(Rules.RemoteCodeRequired,
                $"Loading this model runs its repository's Python code (trust_remote_code=True): {(autoMap.Count > 0 ? "config.json maps Auto classes to it" : "the repository ships Python files")}.",
                new SourceLocation(where), facts, "Review the code at a pinned commit before loading it, or use a model the library supports natively."));
            evidence.Add($"custom code: {(autoMap.Count > 0 ? $"auto_map names {string.Join(", ", autoMap.Values.Distinct(StringComparer.Ordinal).Take(5))}" : "no auto_map")}; {pythonFiles.Count} Python file(s)");
            recommendations.Add("Review the repository's Python code before loading it with trust_remote_code=True.");
            verdicts.Add(AssessmentVerdict.Fail);
        }
        else
        {
            evidence.Add("custom code: none (no auto_map in config.json, no Python files): loads without trust_remote_code");
        }

        // Packages needed to run it.
        var packages = context.Inventory.Packages;
        if (input.Entry?.Card.Metadata.LibraryName is { } library)
            evidence.Add($"library_name: {library}");
        if (packages.Count == 0)
        {
            evidence.Add("packages: none named (no transformers_version in config.json, no requirements file)");
        }
        else if (context.AdvisorySource is null)
        {
            evidence.Add($"packages: {string.Join(", ", packages.Select(Describe))} — not audited (no advisory source)");
            verdicts.Add(AssessmentVerdict.NotAssessed);
        }
        else
        {
            var vulnerable = context.Findings.Where(f => f.Rule == Rules.KnownVulnerability || f.Rule == Rules.PossiblyVulnerable).ToList();
            evidence.Add($"packages: {string.Join(", ", packages.Select(Describe))} audited against {context.AdvisorySource}: " +
                (vulnerable.Count == 0 ? "no known vulnerabilities" : $"{vulnerable.Count} known vulnerabilit{(vulnerable.Count == 1 ? "y" : "ies")} ({string.Join(", ", vulnerable.Select(v => v.Package).Distinct(StringComparer.Ordinal).Take(10))})"));
            if (vulnerable.Count > 0)
            {
                recommendations.Add("Upgrade the packages the model needs to versions without known vulnerabilities (see the MG1001 findings).");
                verdicts.Add(vulnerable.Any(v => v.Severity >= Severity.High) ? AssessmentVerdict.Fail : AssessmentVerdict.Warn);
            }
        }
        foreach (var skipped in context.Inventory.Skipped)
            evidence.Add($"package {skipped.Package.Name} not audited: {skipped.Reason}");

        return new AssessmentPart(verdicts.Count == 0 ? AssessmentVerdict.Pass : ModelAssessment.Combine([.. verdicts]), evidence, recommendations.Distinct(StringComparer.Ordinal).ToList());
    }

    private static string ConfigPath(AssessmentInput input) =>
        input.Entry is { Folder.Length: > 0 } e ? $"{e.Folder}/config.json" : "config.json";

    private static string Describe(InventoryPackage p) => p.Version is null ? p.Name : $"{p.Name}=={p.Version} ({p.Source.Path})";

    private static string Name(ArtifactVerdict verdict) => verdict switch
    {
        ArtifactVerdict.Clean => "clean",
        ArtifactVerdict.Suspicious => "suspicious",
        ArtifactVerdict.Malicious => "malicious",
        _ => "not fully analysed",
    };
}
