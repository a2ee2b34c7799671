using static ModelGate.Formats.Cvss.CvssMetrics;

namespace ModelGate.Formats.Cvss;

/// <summary>
/// The CVSS v3.0 and v3.1 Base score (v3.1 section 7.1 and 7.4; v3.0 section 8.1 and 8.4). Temporal and
/// Environmental metrics never change the Base score, so they are not read here.
/// </summary>
internal static class Cvss3Score
{
    /// <summary>Returns the Base score in tenths (0 to 100).</summary>
    public static int BaseScoreTenths(string?[] values, CvssVersion version)
    {
        var scopeChanged = values[V3Scope] == "C";

        // Section 7.4 (v3.1) / 8.4 (v3.0), metric values.
        var attackVector = values[V3AttackVector] switch
        {
            "N" => 0.85,
            "A" => 0.62,
            "L" => 0.55,
            _ => 0.2,
        };
        var attackComplexity = values[V3AttackComplexity] == "L" ? 0.77 : 0.44;
        var privilegesRequired = values[V3PrivilegesRequired] switch
        {
            "N" => 0.85,
            "L" => scopeChanged ? 0.68 : 0.62,
            _ => scopeChanged ? 0.5 : 0.27,
        };
        var userInteraction = values[V3UserInteraction] == "N" ? 0.85 : 0.62;
        var confidentiality = ImpactWeight(values[V3Confidentiality]);
        var integrity = ImpactWeight(values[V3Integrity]);
        var availability = ImpactWeight(values[V3Availability]);

        // ISS (v3.1) = ISCBase (v3.0) = 1 - [(1 - C) x (1 - I) x (1 - A)]
        var iss = 1 - ((1 - confidentiality) * (1 - integrity) * (1 - availability));

        // Scope Unchanged: 6.42 x ISS. Scope Changed: 7.52 x (ISS - 0.029) - 3.25 x (ISS - 0.02)^15
        var impact = scopeChanged
            ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15))
            : 6.42 * iss;

        // 8.22 x AttackVector x AttackComplexity x PrivilegesRequired x UserInteraction
        var exploitability = 8.22 * attackVector * attackComplexity * privilegesRequired * userInteraction;

        if (impact <= 0)
            return 0;

        var sum = scopeChanged
            ? Math.Min(1.08 * (impact + exploitability), 10)
            : Math.Min(impact + exploitability, 10);

        return version == CvssVersion.V3_0 ? RoundupV30(sum) : RoundupV31(sum);
    }

    private static double ImpactWeight(string? value) => value switch
    {
        "H" => 0.56,
        "L" => 0.22,
        _ => 0,
    };

    /// <summary>
    /// CVSS v3.1 Appendix A: Roundup returns the smallest number, to one decimal place, equal to or higher than
    /// its input, computed on an integer (the input times 100,000, rounded to the nearest integer) so that a value
    /// such as 4.000000000000001, which is 4.0 up to floating-point error, is not raised to 4.1.
    /// </summary>
    internal static int RoundupV31(double input)
    {
        var integer = (long)Math.Round(input * 100_000, MidpointRounding.AwayFromZero);
        return integer % 10_000 == 0 ? (int)(integer / 10_000) : (int)(integer / 10_000) + 1;
    }

    /// <summary>
    /// CVSS v3.0 section 8.1: "Round up is defined as the smallest number, specified to one decimal place, that is
    /// equal to or higher than its input", applied to the floating-point result as is (a plain ceiling of the value
    /// times ten). Floating-point error can therefore raise a score by 0.1 where v3.1 would not.
    /// </summary>
    internal static int RoundupV30(double input) => (int)Math.Ceiling(input * 10);
}
