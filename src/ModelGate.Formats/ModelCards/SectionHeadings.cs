using System.Text;

namespace ModelGate.Formats.ModelCards;

/// <summary>
/// Maps a heading onto a section of Hugging Face's model card template, tolerating the spellings real cards
/// use ("Limitations and bias", "Intended uses &amp; limitations", "3. Training Data", "🔧 How to use").
/// </summary>
internal static class SectionHeadings
{
    // Checked in order: the first pattern found at a word start in the normalized heading wins, so the specific come first.
    private static readonly (string Words, ModelCardSectionKind Kind)[] Patterns =
    [
        ("out of scope", ModelCardSectionKind.OutOfScopeUse),
        ("outofscope", ModelCardSectionKind.OutOfScopeUse),
        ("misuse", ModelCardSectionKind.OutOfScopeUse),
        ("malicious use", ModelCardSectionKind.OutOfScopeUse),
        ("prohibited use", ModelCardSectionKind.OutOfScopeUse),
        ("direct use", ModelCardSectionKind.DirectUse),
        ("downstream use", ModelCardSectionKind.DownstreamUse),
        ("intended use", ModelCardSectionKind.Uses),
        ("intended purpose", ModelCardSectionKind.Uses),
        ("bias", ModelCardSectionKind.BiasRisksLimitations),
        ("limitation", ModelCardSectionKind.BiasRisksLimitations),
        ("risks", ModelCardSectionKind.BiasRisksLimitations),
        ("ethic", ModelCardSectionKind.BiasRisksLimitations),
        ("safety", ModelCardSectionKind.BiasRisksLimitations),
        ("fairness", ModelCardSectionKind.BiasRisksLimitations),
        ("recommendation", ModelCardSectionKind.Recommendations),
        ("training data", ModelCardSectionKind.TrainingData),
        ("training and evaluation data", ModelCardSectionKind.TrainingData),
        ("pretraining data", ModelCardSectionKind.TrainingData),
        ("pre training data", ModelCardSectionKind.TrainingData),
        ("train data", ModelCardSectionKind.TrainingData),
        ("datasets", ModelCardSectionKind.TrainingData),
        ("dataset", ModelCardSectionKind.TrainingData),
        ("data sources", ModelCardSectionKind.TrainingData),
        ("training", ModelCardSectionKind.TrainingProcedure),
        ("fine tuning", ModelCardSectionKind.TrainingProcedure),
        ("finetuning", ModelCardSectionKind.TrainingProcedure),
        ("preprocessing", ModelCardSectionKind.TrainingProcedure),
        ("hyperparameter", ModelCardSectionKind.TrainingProcedure),
        ("pretraining", ModelCardSectionKind.TrainingProcedure),
        ("environmental", ModelCardSectionKind.EnvironmentalImpact),
        ("carbon", ModelCardSectionKind.EnvironmentalImpact),
        ("emission", ModelCardSectionKind.EnvironmentalImpact),
        ("evaluation", ModelCardSectionKind.Evaluation),
        ("benchmark", ModelCardSectionKind.Evaluation),
        ("testing data", ModelCardSectionKind.Evaluation),
        ("metrics", ModelCardSectionKind.Evaluation),
        ("performance", ModelCardSectionKind.Evaluation),
        ("results", ModelCardSectionKind.Results),
        ("technical specification", ModelCardSectionKind.TechnicalSpecifications),
        ("architecture", ModelCardSectionKind.TechnicalSpecifications),
        ("compute infrastructure", ModelCardSectionKind.TechnicalSpecifications),
        ("hardware", ModelCardSectionKind.TechnicalSpecifications),
        ("citation", ModelCardSectionKind.Citation),
        ("bibtex", ModelCardSectionKind.Citation),
        ("cite", ModelCardSectionKind.Citation),
        ("reference", ModelCardSectionKind.Citation),
        ("get started", ModelCardSectionKind.HowToGetStarted),
        ("getting started", ModelCardSectionKind.HowToGetStarted),
        ("how to use", ModelCardSectionKind.HowToGetStarted),
        ("quick start", ModelCardSectionKind.HowToGetStarted),
        ("quickstart", ModelCardSectionKind.HowToGetStarted),
        ("usage", ModelCardSectionKind.HowToGetStarted),
        ("uses", ModelCardSectionKind.Uses),
        ("use cases", ModelCardSectionKind.Uses),
        ("contact", ModelCardSectionKind.ModelCardContact),
        ("model card authors", ModelCardSectionKind.ModelCardContact),
        ("glossary", ModelCardSectionKind.Glossary),
        ("model details", ModelCardSectionKind.ModelDetails),
        ("model description", ModelCardSectionKind.ModelDetails),
        ("model summary", ModelCardSectionKind.ModelDetails),
        ("model information", ModelCardSectionKind.ModelDetails),
        ("model overview", ModelCardSectionKind.ModelDetails),
        ("overview", ModelCardSectionKind.ModelDetails),
        ("introduction", ModelCardSectionKind.ModelDetails),
        ("description", ModelCardSectionKind.ModelDetails),
    ];

    public static ModelCardSectionKind Classify(string heading)
    {
        var normalized = $" {Normalize(heading)} ";
        foreach (var (words, kind) in Patterns)
        {
            // A pattern starts at a word: " uses" is not found in "causes".
            if (normalized.Contains(" " + words, StringComparison.Ordinal))
                return kind;
        }
        return ModelCardSectionKind.Other;
    }

    /// <summary>Lower case letters and digits, "&amp;" as "and", everything else one space; leading numbering dropped.</summary>
    internal static string Normalize(string heading)
    {
        var text = new StringBuilder(heading.Length);
        var space = true;
        foreach (var c in heading.Length > 200 ? heading[..200] : heading)
        {
            if (char.IsLetter(c))
            {
                text.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (c == '&')
            {
                text.Append(space ? "and " : " and ");
                space = true;
            }
            else if (char.IsDigit(c) && text.Length > 0)
            {
                text.Append(c);
                space = false;
            }
            else if (!space)
            {
                text.Append(' ');
                space = true;
            }
        }
        return text.ToString().Trim();
    }
}
