using ModelGate.Analyzers;
using ModelGate.Cards;
using ModelGate.Findings;
using ModelGate.Inventory;

namespace ModelGate.Assessment;

/// <summary>
/// The four-part assessment of the model the target holds (<c>modelgate assess</c>). Runs after every other
/// analyzer, because it reads their results: artifact verdicts, vulnerabilities, provenance.
/// </summary>
internal sealed partial class AssessmentAnalyzer(AssessmentSettings settings) : IAnalyzer
{
    public string Name => "assessment";

    public IReadOnlyList<Rule> Rules { get; } =
    [
        Findings.Rules.ModelCardMissing, Findings.Rules.ModelCardFrontMatterBroken, Findings.Rules.LicenseMissing, Findings.Rules.LicenseNotAllowed,
        Findings.Rules.LicenseNonCommercial, Findings.Rules.LicenseUseRestricted, Findings.Rules.LicenseCopyleft, Findings.Rules.LicenseNoDerivatives,
        Findings.Rules.LicenseUnidentified, Findings.Rules.LicenseFileInconsistent, Findings.Rules.RestrictiveClause, Findings.Rules.RemoteCodeRequired,
        Findings.Rules.PickleBesideSafetensors, Findings.Rules.PickleOnlyWeights, Findings.Rules.GatedModel, Findings.Rules.RiskyTag,
        Findings.Rules.LowDocumentationScore, Findings.Rules.DatasetLicenseRestricted,
    ];

    public ValueTask AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken)
    {
        var folder = ModelFolder.List(context.Root);
        var entry = PickCard(context.Inventory.ModelCards);
        var cardText = entry is null ? null : folder.ReadText(entry.Path);
        var input = new AssessmentInput(context, folder, entry, cardText, settings);

        if (entry is null)
        {
            context.Report(AssessmentInput.Make(Findings.Rules.ModelCardMissing, "The model has no model card (README.md with metadata, or beside config.json).", null,
                [$"{folder.Files.Count} file(s) in the folder, none a model card"], "Ask the publisher for a model card, or document the model yourself before use."));
        }
        else if (entry.Card.FrontMatterError is { } error)
        {
            context.Report(AssessmentInput.Make(Findings.Rules.ModelCardFrontMatterBroken, $"The metadata of {entry.Path} cannot be read: {error}", new SourceLocation(entry.Path, LineOf(error)),
                [error], "Fix the card's YAML front matter (spaces, not tabs; closed quotes; no type tags)."));
        }

        var (provenance, repo) = ProvenancePart.Assess(input);
        var licensing = LicensingPart.Assess(input);
        var technical = TechnicalSecurityPart.Assess(input);
        var (operational, score) = OperationalRiskPart.Assess(input);
        context.Assessment = new ModelAssessment
        {
            Verdict = ModelAssessment.Combine(provenance.Verdict, licensing.Part.Verdict, technical.Verdict, operational.Verdict),
            Subject = repo ?? (folder.Root.TrimEnd(Path.DirectorySeparatorChar) is var r && Path.GetFileName(r) is { Length: > 0 } name ? name : "."),
            Card = entry?.Path,
            Provenance = provenance,
            Licensing = licensing.Part,
            TechnicalSecurity = technical,
            OperationalRisk = operational,
            License = licensing.License,
            LicenseCategory = licensing.Category,
            Clauses = licensing.Clauses,
            DocumentationScore = score,
        };
        return ValueTask.CompletedTask;
    }

    /// <summary>The card at the top of the target; else the only one; else the first in path order.</summary>
    private static ModelCardEntry? PickCard(IReadOnlyList<ModelCardEntry> cards) =>
        cards.FirstOrDefault(c => c.Folder.Length == 0) ?? (cards.Count > 0 ? cards[0] : null);

    private static int? LineOf(string error) =>
        error.StartsWith("line ", StringComparison.Ordinal) && int.TryParse(error.AsSpan(5, Math.Max(0, error.IndexOf(',', StringComparison.Ordinal) - 5)), out var line) ? line : null;
}
