using System.Globalization;
using System.Text;

namespace ModelGate.Threats;

/// <summary>
/// Renders a <see cref="ThreatModel"/> as Markdown: scope, asset inventory, a table per asset, then the threats
/// with evidence. Deterministic: the same model gives the same bytes.
/// </summary>
internal static class ThreatModelMarkdown
{
    public static string Render(ThreatModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sb = new StringBuilder();
        sb.Append("# Threat model: ").Append(Cell(model.Target)).Append("\n\n");
        sb.Append("## Scope\n\n");
        sb.Append("- Target: ").Append(Cell(model.Target)).Append('\n');
        sb.Append("- Scanned: ").Append(model.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("- Tool: ").Append(model.Tool.Name).Append(' ').Append(model.Tool.Version).Append('\n');
        sb.Append("- Advisories: ").Append(model.AdvisorySource is null ? "none consulted" : Cell(model.AdvisorySource)).Append('\n');
        sb.Append("- Threats: OWASP ML Top 10, OWASP Top 10 for LLM Applications 2025, MITRE ATLAS, CWE (docs/threats.md)\n\n");
        var all = model.Assets.SelectMany(a => a.Threats).ToList();
        sb.Append(string.Create(CultureInfo.InvariantCulture,
            $"{all.Count(t => t.Status == ThreatStatus.Evidence)} with evidence, {all.Count(t => t.Status == ThreatStatus.Mitigated)} mitigated, {all.Count(t => t.Status == ThreatStatus.NotDetermined)} not determined, over {model.Assets.Count} assets.\n\n"));

        sb.Append("## Assets\n\n| # | asset | kind | what the scan knows |\n|---|---|---|---|\n");
        for (var i = 0; i < model.Assets.Count; i++)
        {
            var a = model.Assets[i];
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"| {i + 1} | {Cell(a.Name)} | {Kind(a)} | {Cell(a.Description)} |\n"));
        }
        sb.Append('\n');

        for (var i = 0; i < model.Assets.Count; i++)
        {
            var a = model.Assets[i];
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"## {i + 1}. {Cell(a.Name)}\n\n"));
            sb.Append("| threat | status | evidence |\n|---|---|---|\n");
            foreach (var t in a.Threats)
                sb.Append("| ").Append(Threat(t.Threat)).Append(" | ").Append(Status(t.Status)).Append(" | ").Append(Cell(t.Detail)).Append(" |\n");
            sb.Append('\n');
        }

        sb.Append("## Threats with evidence\n\n");
        var withEvidence = model.ThreatsWithEvidence();
        if (withEvidence.Count == 0)
        {
            sb.Append("The scan found evidence of none of the threats above.\n");
        }
        else
        {
            sb.Append("| threat | assets | rules |\n|---|---|---|\n");
            foreach (var (threat, assets) in withEvidence)
            {
                sb.Append("| ").Append(Threat(threat)).Append(" | ")
                    .Append(string.Join(", ", assets.Select(x => Cell(x.Asset.Name)))).Append(" | ")
                    .Append(string.Join(", ", assets.SelectMany(x => x.Detail.Split(", ")).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)))
                    .Append(" |\n");
            }
        }
        return sb.ToString();
    }

    private static string Threat(ThreatEntry t) => $"[{t.Id}]({t.Url}) {Cell(t.DisplayName)}";

    private static string Status(ThreatStatus status) => status switch
    {
        ThreatStatus.Evidence => "**evidence**",
        ThreatStatus.Mitigated => "mitigated",
        _ => "not determined",
    };

    private static string Kind(ThreatAsset a) => a.AssetType switch
    {
        "weights-code" => "weight file (can run code)",
        "weights-data" => "weight file (data only)",
        "packages" => "packages",
        _ => a.AssetType,
    };

    /// <summary>Table cell text: paths and names come from the target, so nothing in them may end the cell or open HTML.</summary>
    internal static string Cell(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '|' => sb.Append("\\|"),
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                '\\' => sb.Append("\\\\"),
                '`' => sb.Append('\''),
                _ when char.IsControl(c) => sb.Append(' '),
                _ => sb.Append(c),
            };
        }
        return sb.ToString();
    }
}
