using ModelGate.Provenance;

namespace ModelGate.Assessment;

/// <summary>
/// Provenance and authenticity: publisher and trust, revision pinned, file hashes verified, signature,
/// paper linked, base-model lineage. Built on what the scan's provenance machinery recorded (Hub resolution,
/// lock verification); a folder with neither is judged on what it shows and never passes.
/// </summary>
internal static partial class ProvenancePart
{
    public static (AssessmentPart Part, string? Repo) Assess(AssessmentInput input)
    {
        var evidence = new List<string>();
        var recommendations = new List<string>();
        var verdicts = new List<AssessmentVerdict>();
        var all = input.Context.Provenance;
        var provenance = all.Count > 0 ? all[0] : null;

        // Publisher.
        var repo = provenance?.Repo;
        if (repo is null)
        {
            evidence.Add("publisher: unknown (a local folder that no lock names; assess hf://owner/name or give --lock)");
            recommendations.Add("Name the model's Hub repository: assess hf://owner/name@commit, or lock the snapshot (modelgate lock) so its origin is recorded.");
            verdicts.Add(AssessmentVerdict.Warn);
        }
        else
        {
            var owner = repo.Contains('/', StringComparison.Ordinal) ? repo[..repo.IndexOf('/', StringComparison.Ordinal)] : null;
            var trusted = input.Settings.TrustedOrganizations;
            if (owner is null)
            {
                evidence.Add($"publisher: {repo} has no organization (a legacy top-level repository)");
                verdicts.Add(AssessmentVerdict.Warn);
            }
            else if (trusted.Count == 0)
            {
                evidence.Add($"publisher: {owner} (no trusted-organizations list in the policy to judge it by)");
                recommendations.Add("List the organizations you trust in the policy (lists.trusted-organizations) or with --trusted-org.");
                verdicts.Add(AssessmentVerdict.Warn);
            }
            else if (trusted.Contains(owner, StringComparer.OrdinalIgnoreCase))
            {
                evidence.Add($"publisher: {owner}, a trusted organization");
            }
            else
            {
                evidence.Add($"publisher: {owner}, not among the trusted organizations ({string.Join(", ", trusted)})");
                recommendations.Add($"Review {owner} as a publisher before use, or use the model from a trusted organization.");
                verdicts.Add(AssessmentVerdict.Warn);
            }
        }

        // Revision pin and file hashes.
        if (provenance is null)
        {
            evidence.Add("revision: unpinned (no lock names this snapshot's commit)");
            evidence.Add("file hashes: not verified (no lock and no Hub metadata)");
            recommendations.Add("Pin the commit and the file hashes with modelgate lock, then assess with --lock.");
            verdicts.Add(AssessmentVerdict.Warn);
        }
        else
        {
            var pin = provenance.Pin switch
            {
                ProvenancePin.Lock => $"pinned to commit {provenance.Commit} by {provenance.LockFile ?? "a lock file"}",
                ProvenancePin.Reference => $"pinned to commit {provenance.Commit} by the reference",
                _ => $"unpinned: {provenance.RequestedRevision ?? "the default branch"} resolved to commit {provenance.Commit} for this run",
            };
            evidence.Add($"revision: {pin}");
            if (provenance.Pin == ProvenancePin.None)
            {
                recommendations.Add($"Pin commit {provenance.Commit} (hf://{provenance.Repo}@{provenance.Commit}) or lock it with modelgate lock.");
                verdicts.Add(AssessmentVerdict.Warn);
            }
            var files = provenance.Files;
            var bad = files.Count(f => f.Status is ProvenanceFileStatus.Changed or ProvenanceFileStatus.Missing or ProvenanceFileStatus.Unexpected);
            var unverifiable = files.Count(f => f.Status == ProvenanceFileStatus.Unverifiable);
            var verified = files.Count(f => f.Status == ProvenanceFileStatus.Verified);
            evidence.Add($"file hashes: {verified} of {files.Count} verified" + (bad > 0 ? $", {bad} changed, missing or unexpected" : string.Empty) + (unverifiable > 0 ? $", {unverifiable} without a published hash" : string.Empty));
            if (bad > 0)
            {
                recommendations.Add("Do not use this snapshot: its bytes differ from what was pinned (see the MG3003-MG3005 findings).");
                verdicts.Add(AssessmentVerdict.Fail);
            }
            else if (unverifiable > 0 || files.Count == 0)
            {
                verdicts.Add(AssessmentVerdict.Warn);
            }
        }

        // Signature: one place, to be wired to the verifier.
        var signature = SignatureProbe.Check(input.Folder);
        evidence.Add(signature.Evidence);
        if (signature.Recommendation is not null)
            recommendations.Add(signature.Recommendation);
        verdicts.Add(signature.Verdict);

        // Paper and lineage, from the card.
        var card = input.Entry?.Card;
        var paper = card is null ? null : FindPaper(card);
        evidence.Add(paper is null ? "paper: none linked (no arXiv id or DOI in the card)" : $"paper: {paper}");
        var bases = card?.Metadata.BaseModels ?? [];
        evidence.Add(bases.Count == 0
            ? "base model: none named (base_model absent: a base model itself, or its lineage is undocumented)"
            : $"base model: {string.Join(", ", bases)}" + (card!.Metadata.BaseModelRelation is { } relation ? $" ({relation})" : string.Empty));

        return (new AssessmentPart(verdicts.Count == 0 ? AssessmentVerdict.Pass : ModelAssessment.Combine([.. verdicts]), evidence, recommendations), repo);
    }

    /// <summary>The first arXiv abstract link, arXiv id or DOI in the card's sections.</summary>
    internal static string? FindPaper(Formats.ModelCards.ModelCard card)
    {
        foreach (var section in card.Sections)
        {
            var match = Paper().Match(section.Text);
            if (match.Success)
                return match.Value.TrimEnd('.', ')', ',');
        }
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"https?://arxiv\.org/(abs|pdf)/\d{4}\.\d{4,5}(v\d+)?|\barXiv:\s?\d{4}\.\d{4,5}|https?://(dx\.)?doi\.org/10\.\d{4,9}/[^\s)]{1,200}|\bdoi:\s?10\.\d{4,9}/[^\s)]{1,200}", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Paper();
}
