namespace ModelGate.Formats.ModelCards;

/// <summary>The sections of Hugging Face's model card template (<c>huggingface_hub/templates/modelcard_template.md</c>).</summary>
public enum ModelCardSectionKind
{
    Other,
    ModelDetails,
    Uses,
    DirectUse,
    DownstreamUse,
    OutOfScopeUse,
    BiasRisksLimitations,
    Recommendations,
    TrainingData,
    TrainingProcedure,
    Evaluation,
    Results,
    EnvironmentalImpact,
    TechnicalSpecifications,
    Citation,
    HowToGetStarted,
    ModelCardContact,
    Glossary,
}
