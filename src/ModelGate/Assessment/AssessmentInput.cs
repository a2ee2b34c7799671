using ModelGate.Analyzers;
using ModelGate.Cards;
using ModelGate.Findings;
using ModelGate.Inventory;

namespace ModelGate.Assessment;

/// <summary>What the four parts read: the scan so far, the model folder, its card and the policy's lists.</summary>
internal sealed record AssessmentInput(AnalysisContext Context, ModelFolder Folder, ModelCardEntry? Entry, string? CardText, AssessmentSettings Settings)
{
    /// <summary>Paths the folder's files have in the report (relative to the scan root).</summary>
    public string Prefix { get; init; } = string.Empty;

    public string ReportPath(string folderRelative) => Prefix.Length == 0 ? folderRelative : $"{Prefix}/{folderRelative}";

    public static Finding Make(Rule rule, string message, SourceLocation? location, IReadOnlyList<string> evidence, string? remediation, string? discriminator = null, Severity? severity = null) => new()
    {
        Rule = rule,
        Severity = severity ?? rule.DefaultSeverity,
        Title = rule.Title,
        Message = message,
        Location = location,
        Evidence = evidence,
        Remediation = remediation,
        Discriminator = discriminator,
    };
}

/// <summary>The policy lists the assessment applies, and the organizations trusted from the command line.</summary>
internal sealed record AssessmentSettings
{
    public IReadOnlyList<string> AllowedLicenses { get; init; } = [];

    public IReadOnlyList<string> DeniedLicenses { get; init; } = [];

    public IReadOnlyList<string> TrustedOrganizations { get; init; } = [];
}
