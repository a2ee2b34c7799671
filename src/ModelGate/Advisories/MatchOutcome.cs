namespace ModelGate.Advisories;

/// <summary>What the matcher could say about one advisory for one package version.</summary>
internal enum MatchOutcome
{
    /// <summary>The version is inside a range of the advisory or listed in its <c>versions</c>.</summary>
    Affected,

    /// <summary>
    /// The advisory has ranges for the package, but the version cannot be placed on them: the audited
    /// version is not valid PEP 440 (a legacy string such as <c>2013-01-21</c>), or a range event's version
    /// cannot be read. Never read as "not affected": the engine reports it as a diagnostic.
    /// </summary>
    CannotEvaluate,
}
