using ModelGate.Findings;
using ModelGate.Formats.ModelCards;
using ModelGate.Inventory;

namespace ModelGate.Assessment;

/// <summary>
/// Operational risk: what the card documents of Hugging Face's template (uses, out-of-scope use, bias, risks
/// and limitations, training data, evaluation, citation), scored 0–100 with the reason for every point lost,
/// and tags that mark risky content.
/// </summary>
internal static class OperationalRiskPart
{
    public const int PassScore = 70;
    public const int FailScore = 40;

    private static readonly string[] RiskyTags = ["not-for-all-audiences", "nsfw", "uncensored", "abliterated", "jailbreak", "deepfake"];

    public static (AssessmentPart Part, int Score) Assess(AssessmentInput input)
    {
        var evidence = new List<string>();
        var recommendations = new List<string>();
        var verdicts = new List<AssessmentVerdict>();
        var card = input.Entry?.Card;
        var score = 100;
        var lost = new List<string>();

        if (card is null)
        {
            score = 0;
            lost.Add("-100: no model card (README.md)");
        }
        else
        {
            var meta = card.Metadata;
            var sections = card.Sections;
            void Check(bool present, int points, string what, string found)
            {
                if (present)
                {
                    evidence.Add($"{what}: {found}");
                }
                else
                {
                    score -= points;
                    lost.Add($"-{points}: {what} missing");
                }
            }

            bool Has(params ModelCardSectionKind[] kinds) => sections.Any(s => kinds.Contains(s.Kind) && s.Text.Length > 0);
            string Where(params ModelCardSectionKind[] kinds) => sections.Where(s => kinds.Contains(s.Kind)).Select(s => $"\"{s.Heading}\" (line {s.Line})").FirstOrDefault() ?? string.Empty;
            bool HeadingSays(string word) => sections.Any(s => s.Heading.Contains(word, StringComparison.OrdinalIgnoreCase) && s.Text.Length > 0);

            Check(card.HasFrontMatter && card.FrontMatterError is null, 10, "card metadata", card.HasFrontMatter ? "front matter read" : string.Empty);
            Check(meta.License is not null, 10, "licence in metadata", meta.License ?? string.Empty);
            var description = sections.FirstOrDefault(s => s.Kind == ModelCardSectionKind.ModelDetails || (s.Level <= 1 && s.Text.Length >= 80));
            Check(description is not null, 10, "model description", description is null ? string.Empty : $"\"{(description.Heading.Length == 0 ? "(introduction)" : description.Heading)}\" (line {description.Line})");
            var uses = new[] { ModelCardSectionKind.Uses, ModelCardSectionKind.DirectUse, ModelCardSectionKind.DownstreamUse };
            Check(Has(uses), 15, "intended uses", Where(uses));
            Check(Has(ModelCardSectionKind.OutOfScopeUse) || OutOfScopeMentioned(sections), 5, "out-of-scope uses", Has(ModelCardSectionKind.OutOfScopeUse) ? Where(ModelCardSectionKind.OutOfScopeUse) : "mentioned in the uses");
            var limitations = sections.FirstOrDefault(s => s.Kind == ModelCardSectionKind.BiasRisksLimitations && s.Text.Length > 0)
                ?? sections.FirstOrDefault(s => s.Text.Length > 0 && (s.Heading.Contains("limitation", StringComparison.OrdinalIgnoreCase) || s.Heading.Contains("bias", StringComparison.OrdinalIgnoreCase)));
            Check(limitations is not null, 20, "limitations and bias", limitations is null ? string.Empty : $"\"{limitations.Heading}\" (line {limitations.Line})");
            var trainingData = Has(ModelCardSectionKind.TrainingData) || HeadingSays("training data");
            Check(trainingData || meta.Datasets.Count > 0, 15, "training data",
                (meta.Datasets.Count > 0 ? $"datasets {string.Join(", ", meta.Datasets)}" : string.Empty) + (trainingData ? (meta.Datasets.Count > 0 ? "; " : string.Empty) + Where(ModelCardSectionKind.TrainingData) : string.Empty));
            var evaluation = new[] { ModelCardSectionKind.Evaluation, ModelCardSectionKind.Results };
            Check(Has(evaluation) || meta.Results.Count > 0, 10, "evaluation results",
                meta.Results.Count > 0 ? $"{meta.Results.Count} model-index result(s)" : Where(evaluation));
            var paper = ProvenancePart.FindPaper(card);
            Check(Has(ModelCardSectionKind.Citation) || paper is not null, 5, "citation or paper", paper ?? Where(ModelCardSectionKind.Citation));
        }

        evidence.Add($"documentation score: {score}/100");
        evidence.AddRange(lost.Select(l => $"points lost: {l}"));
        if (score < PassScore)
        {
            var severity = score < FailScore ? Severity.Medium : Severity.Low;
            input.Context.Report(AssessmentInput.Make(Rules.LowDocumentationScore, $"The model card scores {score}/100 for documentation.",
                input.Entry is null ? null : new SourceLocation(input.Entry.Path), [$"score {score}/100", .. lost],
                "Ask the publisher to complete the card (Hugging Face's model card template), or document the gaps in your own review.", severity: severity));
            recommendations.Add("Document what the card leaves out (" + string.Join("; ", lost.Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 2)..])) + ") before relying on the model.");
            verdicts.Add(score < FailScore ? AssessmentVerdict.Fail : AssessmentVerdict.Warn);
        }

        var tags = input.Entry?.Card.Metadata.Tags ?? [];
        var risky = tags.Where(t => RiskyTags.Contains(t.ToLowerInvariant())).ToList();
        foreach (var tag in risky)
        {
            input.Context.Report(AssessmentInput.Make(Rules.RiskyTag, $"The model card is tagged '{tag}'.", new SourceLocation(input.Entry!.Path), [$"tags: {string.Join(", ", tags)}"],
                "Confirm the use case tolerates this content, and add output filtering.", discriminator: tag));
        }
        if (risky.Count > 0)
        {
            evidence.Add($"risky tags: {string.Join(", ", risky)}");
            recommendations.Add("Filter the model's output: its card marks it as producing content not suitable for all audiences.");
            verdicts.Add(AssessmentVerdict.Warn);
        }
        else if (tags.Count > 0)
        {
            evidence.Add($"tags: {string.Join(", ", tags.Take(20))} (none known to be risky)");
        }
        return (new AssessmentPart(verdicts.Count == 0 ? AssessmentVerdict.Pass : ModelAssessment.Combine([.. verdicts]), evidence, recommendations), score);
    }

    private static bool OutOfScopeMentioned(IReadOnlyList<ModelCardSection> sections) =>
        sections.Any(s => s.Kind is ModelCardSectionKind.Uses or ModelCardSectionKind.DirectUse
            && (s.Text.Contains("out-of-scope", StringComparison.OrdinalIgnoreCase) || s.Text.Contains("out of scope", StringComparison.OrdinalIgnoreCase)
                || s.Text.Contains("should not be used", StringComparison.OrdinalIgnoreCase) || s.Text.Contains("not intended", StringComparison.OrdinalIgnoreCase)));
}
