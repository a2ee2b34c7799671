namespace ModelGate.Assessment;

/// <summary>The verdict of one part of a model assessment, or of the whole.</summary>
public enum AssessmentVerdict
{
    Pass,
    Warn,
    Fail,

    /// <summary>The part could not be judged (the machinery or the input is missing); never read as a pass.</summary>
    NotAssessed,
}
