using System.Text;
using ModelGate.Findings;

namespace ModelGate.Threats;

/// <summary>Renders docs/threats.md from the embedded tables, so the document cannot drift from what findings carry.</summary>
internal static class ThreatDocs
{
    public static string Render()
    {
        var sb = new StringBuilder();
        sb.Append("# Threat mapping\n\n");
        sb.Append("Every rule carries the threats a finding of it is evidence of: the OWASP Machine Learning Security Top 10 (ML),\n");
        sb.Append("the OWASP Top 10 for LLM Applications 2025 (LLM), MITRE ATLAS techniques (AML, with the 2025 \"AI\" names) and CWE.\n");
        sb.Append("The data lives in `src/ModelGate/Threats/` (`threat-catalog.tsv`, `rule-threats.tsv`, `asset-threats.tsv`);\n");
        sb.Append("this page is generated from it by a test (`MODELGATE_UPDATE_GOLDEN=1` rewrites it). Do not edit it by hand.\n\n");
        sb.Append("## Rules\n\n| rule | title | threats |\n|---|---|---|\n");
        foreach (var rule in Rules.All.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            sb.Append("| ").Append(rule.Id).Append(" | ").Append(rule.Title).Append(" | ")
                .Append(string.Join("<br>", ThreatCatalog.For(rule).Select(t => $"{t.Id} {t.Name}")))
                .Append(" |\n");
        }
        sb.Append("\n## Assets (`modelgate threats`)\n\n| asset type | threats weighed |\n|---|---|\n");
        foreach (var type in ThreatCatalog.AssetTypes.Order(StringComparer.Ordinal))
            sb.Append("| ").Append(type).Append(" | ").Append(string.Join("<br>", ThreatCatalog.ForAsset(type).Select(t => $"{t.Id} {t.DisplayName}"))).Append(" |\n");
        sb.Append("\n## Catalogue\n\n| taxonomy | id | name |\n|---|---|---|\n");
        foreach (var e in ThreatCatalog.Entries)
            sb.Append("| ").Append(e.Taxonomy).Append(" | [").Append(e.Id).Append("](").Append(e.Url).Append(") | ").Append(e.Name.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
        return sb.ToString();
    }
}
