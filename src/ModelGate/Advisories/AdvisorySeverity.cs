using ModelGate.Findings;
using ModelGate.Formats.Cvss;
using ModelGate.Formats.Osv;

namespace ModelGate.Advisories;

/// <summary>
/// How bad an advisory group is. From the CVSS vectors in <c>severity[]</c> (v3.0, v3.1, v4.0; the base
/// score computed here, never taken from prose), else <c>database_specific.severity</c>, else unknown.
/// Where a group carries several vectors (a PYSEC and a GHSA entry, a v3.1 and a v4.0 vector), the highest
/// base score wins: the conservative reading.
/// </summary>
internal static class AdvisorySeverity
{
    public static (Severity? Severity, CvssRating? Cvss) Of(IEnumerable<OsvAdvisory> group, string normalizedPackage)
    {
        CvssVector? best = null;
        string? databaseSeverity = null;
        foreach (var advisory in group)
        {
            var entries = advisory.Affected.Where(a => a.Package is { } p && Formats.Pep508.PackageName.Normalize(p.Name) == normalizedPackage).ToList();
            foreach (var severity in advisory.Severity.Concat(entries.SelectMany(e => e.Severity)))
            {
                if (severity.Type is not ("CVSS_V3" or "CVSS_V4") || !CvssVector.TryParse(severity.Score, out var vector, out _))
                    continue;
                if (best is null || vector.BaseScore > best.BaseScore)
                    best = vector;
            }
            databaseSeverity ??= advisory.DatabaseSeverity ?? entries.Select(e => e.DatabaseSeverity).FirstOrDefault(s => s is not null);
        }
        if (best is not null)
            return (FromCvss(best.Severity), new CvssRating(best.Vector, best.BaseScore));
        return (FromDatabase(databaseSeverity), null);
    }

    private static Severity FromCvss(CvssSeverity severity) => severity switch
    {
        CvssSeverity.Critical => Severity.Critical,
        CvssSeverity.High => Severity.High,
        CvssSeverity.Medium => Severity.Medium,
        CvssSeverity.Low => Severity.Low,
        _ => Severity.Info,
    };

    /// <summary>GitHub's ratings (LOW, MODERATE, HIGH, CRITICAL) and the obvious synonyms.</summary>
    private static Severity? FromDatabase(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "CRITICAL" => Severity.Critical,
        "HIGH" or "IMPORTANT" => Severity.High,
        "MODERATE" or "MEDIUM" => Severity.Medium,
        "LOW" => Severity.Low,
        "NONE" or "NEGLIGIBLE" => Severity.Info,
        _ => null,
    };
}
