namespace ModelGate.Formats.Cvss;

/// <summary>One metric of a vector string: its abbreviation, the values the specification allows, and whether
/// the metric is a mandatory Base metric.</summary>
internal sealed class CvssMetric(string name, bool mandatory, params string[] values)
{
    public string Name { get; } = name;

    public bool Mandatory { get; } = mandatory;

    public IReadOnlyList<string> Values { get; } = values;

    public bool Allows(ReadOnlySpan<char> value)
    {
        foreach (var allowed in Values)
        {
            if (value.SequenceEqual(allowed))
                return true;
        }
        return false;
    }

    public string AllowedText => string.Join(", ", Values);
}

/// <summary>
/// The metrics of each vector-string grammar, in the order the specifications list them: CVSS v3.0 section 6 and
/// v3.1 Table 15 (the same 22 metrics), CVSS v4.0 section 7, Table 23 (32 metrics). The position in the list is the
/// metric's index in a parsed vector.
/// </summary>
internal static class CvssMetrics
{
    // v3.0/v3.1 Base metrics (section 2), Temporal (section 3) and Environmental (section 4).
    public const int V3AttackVector = 0;
    public const int V3AttackComplexity = 1;
    public const int V3PrivilegesRequired = 2;
    public const int V3UserInteraction = 3;
    public const int V3Scope = 4;
    public const int V3Confidentiality = 5;
    public const int V3Integrity = 6;
    public const int V3Availability = 7;

    public static readonly CvssMetric[] V3 =
    [
        new("AV", true, "N", "A", "L", "P"),
        new("AC", true, "L", "H"),
        new("PR", true, "N", "L", "H"),
        new("UI", true, "N", "R"),
        new("S", true, "U", "C"),
        new("C", true, "H", "L", "N"),
        new("I", true, "H", "L", "N"),
        new("A", true, "H", "L", "N"),
        new("E", false, "X", "H", "F", "P", "U"),
        new("RL", false, "X", "U", "W", "T", "O"),
        new("RC", false, "X", "C", "R", "U"),
        new("CR", false, "X", "H", "M", "L"),
        new("IR", false, "X", "H", "M", "L"),
        new("AR", false, "X", "H", "M", "L"),
        new("MAV", false, "X", "N", "A", "L", "P"),
        new("MAC", false, "X", "L", "H"),
        new("MPR", false, "X", "N", "L", "H"),
        new("MUI", false, "X", "N", "R"),
        new("MS", false, "X", "U", "C"),
        new("MC", false, "X", "H", "L", "N"),
        new("MI", false, "X", "H", "L", "N"),
        new("MA", false, "X", "H", "L", "N"),
    ];

    // v4.0 Base metrics (section 2): exploitability AV..UI, vulnerable system VC/VI/VA, subsequent system SC/SI/SA.
    public const int V4AttackVector = 0;
    public const int V4AttackComplexity = 1;
    public const int V4AttackRequirements = 2;
    public const int V4PrivilegesRequired = 3;
    public const int V4UserInteraction = 4;
    public const int V4VulnerableConfidentiality = 5;
    public const int V4VulnerableIntegrity = 6;
    public const int V4VulnerableAvailability = 7;
    public const int V4SubsequentConfidentiality = 8;
    public const int V4SubsequentIntegrity = 9;
    public const int V4SubsequentAvailability = 10;

    /// <summary>Threat metric Exploit Maturity (section 3).</summary>
    public const int V4ExploitMaturity = 11;

    /// <summary>Security requirements CR, IR, AR (section 4.1).</summary>
    public const int V4ConfidentialityRequirement = 12;
    public const int V4IntegrityRequirement = 13;
    public const int V4AvailabilityRequirement = 14;

    /// <summary>Modified base metrics (section 4.2) follow in the same order as the Base metrics: the modified form
    /// of Base metric <c>i</c> is at <c>V4FirstModified + i</c>.</summary>
    public const int V4FirstModified = 15;

    public static readonly CvssMetric[] V4 =
    [
        new("AV", true, "N", "A", "L", "P"),
        new("AC", true, "L", "H"),
        new("AT", true, "N", "P"),
        new("PR", true, "N", "L", "H"),
        new("UI", true, "N", "P", "A"),
        new("VC", true, "H", "L", "N"),
        new("VI", true, "H", "L", "N"),
        new("VA", true, "H", "L", "N"),
        new("SC", true, "H", "L", "N"),
        new("SI", true, "H", "L", "N"),
        new("SA", true, "H", "L", "N"),
        new("E", false, "X", "A", "P", "U"),
        new("CR", false, "X", "H", "M", "L"),
        new("IR", false, "X", "H", "M", "L"),
        new("AR", false, "X", "H", "M", "L"),
        new("MAV", false, "X", "N", "A", "L", "P"),
        new("MAC", false, "X", "L", "H"),
        new("MAT", false, "X", "N", "P"),
        new("MPR", false, "X", "N", "L", "H"),
        new("MUI", false, "X", "N", "P", "A"),
        new("MVC", false, "X", "H", "L", "N"),
        new("MVI", false, "X", "H", "L", "N"),
        new("MVA", false, "X", "H", "L", "N"),
        new("MSC", false, "X", "H", "L", "N"),
        new("MSI", false, "X", "S", "H", "L", "N"),
        new("MSA", false, "X", "S", "H", "L", "N"),
        new("S", false, "X", "N", "P"),
        new("AU", false, "X", "N", "Y"),
        new("R", false, "X", "A", "U", "I"),
        new("V", false, "X", "D", "C"),
        new("RE", false, "X", "L", "M", "H"),
        new("U", false, "X", "Clear", "Green", "Amber", "Red"),
    ];
}
