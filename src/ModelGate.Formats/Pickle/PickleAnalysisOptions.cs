namespace ModelGate.Formats.Pickle;

/// <summary>Options for <see cref="PickleAnalyzer.Analyze"/>.</summary>
public sealed class PickleAnalysisOptions
{
    /// <summary>Keep an annotated listing of every instruction (for <c>modelgate model --explain</c>).</summary>
    public bool RecordListing { get; init; }

    /// <summary>The bounds.</summary>
    public PickleLimits Limits { get; init; } = PickleLimits.Default;

    /// <summary>Skip joblib arrays written inline after a <c>NumpyArrayWrapper</c> (joblib's NumpyPickler layout).</summary>
    public bool JoblibArrays { get; init; } = true;
}
