namespace ModelGate.Formats.Cvss;

/// <summary>
/// Data of the CVSS v4.0 scoring algorithm (specification section 8.2, "CVSS v4.0 Scoring"), as FIRST publishes
/// it with the specification and its reference calculator: the score of every MacroVector, the highest-severity
/// vectors of each equivalence-set level, and the depth (maximal severity distance, plus one) of each level.
/// </summary>
internal static class Cvss4Tables
{
    /// <summary>Number of MacroVectors that exist: 3 x 2 x (3 x 3 x 3 x 2 - 9) for EQ1 x EQ2 x (EQ3..EQ6), since
    /// EQ3 level 2 (no High impact on the vulnerable system) cannot combine with EQ6 level 0.</summary>
    public const int MacroVectorCount = 270;

    /// <summary>
    /// MacroVector scores in tenths. Each row is one EQ1 EQ2 EQ3 prefix. A row for EQ3 level 0 or 1 holds 18
    /// scores for the suffixes EQ4 EQ5 EQ6 = 000, 001, 010, 011, 020, 021, 100, ..., 221; a row for EQ3 level 2
    /// holds 9, for the suffixes with EQ6 = 1 only (001, 011, 021, 101, ..., 221).
    /// </summary>
    private static readonly (string Prefix, int[] Tenths)[] MacroVectorRows =
    [
        ("000", [100, 99, 98, 95, 95, 92, 100, 96, 93, 87, 91, 81, 93, 90, 89, 80, 81, 68]),
        ("001", [98, 95, 95, 92, 90, 84, 93, 92, 89, 81, 81, 65, 88, 80, 78, 70, 69, 48]),
        ("002", [92, 82, 72, 79, 69, 50, 69, 55, 27]),
        ("010", [99, 97, 95, 92, 92, 85, 95, 91, 90, 83, 84, 71, 92, 81, 82, 71, 72, 53]),
        ("011", [95, 93, 92, 85, 85, 73, 92, 82, 80, 72, 70, 59, 84, 70, 71, 52, 50, 30]),
        ("012", [86, 75, 52, 71, 52, 29, 63, 29, 17]),
        ("100", [98, 95, 94, 87, 91, 81, 94, 89, 86, 74, 77, 64, 87, 75, 74, 63, 63, 49]),
        ("101", [94, 89, 88, 77, 76, 67, 86, 76, 74, 58, 59, 50, 72, 57, 57, 52, 52, 25]),
        ("102", [83, 70, 54, 65, 58, 26, 53, 21, 13]),
        ("110", [95, 90, 88, 76, 76, 70, 90, 77, 75, 62, 61, 53, 77, 66, 68, 59, 52, 30]),
        ("111", [89, 78, 76, 67, 62, 58, 74, 59, 57, 57, 47, 23, 61, 52, 57, 29, 24, 16]),
        ("112", [71, 59, 30, 58, 26, 15, 23, 13, 6]),
        ("200", [93, 87, 86, 72, 75, 58, 86, 74, 74, 61, 56, 34, 70, 54, 52, 40, 40, 22]),
        ("201", [85, 75, 74, 55, 62, 51, 72, 57, 55, 41, 46, 19, 53, 36, 34, 19, 19, 8]),
        ("202", [64, 51, 20, 47, 21, 11, 24, 9, 4]),
        ("210", [88, 75, 73, 53, 60, 50, 73, 55, 59, 40, 41, 20, 54, 43, 45, 22, 20, 11]),
        ("211", [75, 55, 58, 45, 40, 21, 61, 51, 48, 18, 20, 9, 46, 18, 17, 7, 8, 2]),
        ("212", [53, 24, 14, 24, 12, 5, 10, 3, 1]),
    ];

    private static readonly int[] Scores = BuildScores();

    /// <summary>The MacroVector's score in tenths, or -1 when no such MacroVector exists (a level beyond the last
    /// of an equivalence set, or EQ3 = 2 with EQ6 = 0).</summary>
    public static int MacroVectorScore(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6)
    {
        if ((uint)eq1 > 2 || (uint)eq2 > 1 || (uint)eq3 > 2 || (uint)eq4 > 2 || (uint)eq5 > 2 || (uint)eq6 > 1)
            return -1;
        return Scores[Index(eq1, eq2, eq3, eq4, eq5, eq6)];
    }

    private static int Index(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) =>
        (((((((eq1 * 2) + eq2) * 3) + eq3) * 3 + eq4) * 3 + eq5) * 2) + eq6;

    private static int[] BuildScores()
    {
        var scores = new int[3 * 2 * 3 * 3 * 3 * 2];
        Array.Fill(scores, -1);
        foreach (var (prefix, tenths) in MacroVectorRows)
        {
            int eq1 = prefix[0] - '0', eq2 = prefix[1] - '0', eq3 = prefix[2] - '0';
            var i = 0;
            for (var eq4 = 0; eq4 < 3; eq4++)
            {
                for (var eq5 = 0; eq5 < 3; eq5++)
                {
                    for (var eq6 = eq3 == 2 ? 1 : 0; eq6 < 2; eq6++)
                        scores[Index(eq1, eq2, eq3, eq4, eq5, eq6)] = tenths[i++];
                }
            }
        }
        return scores;
    }

    // Severity levels of metric values, in steps of 0.1 of the specification's scale: 0 is the most severe
    // value. Used to measure how far a vector lies from the highest-severity vector of its MacroVector.

    /// <summary>Highest-severity (AV, PR, UI) levels of each EQ1 level: AV:N/PR:N/UI:N; AV:A/PR:N/UI:N,
    /// AV:N/PR:L/UI:N, AV:N/PR:N/UI:P; AV:P/PR:N/UI:N, AV:A/PR:L/UI:P.</summary>
    public static readonly int[][][] Eq1Maxima =
    [
        [[0, 0, 0]],
        [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
        [[3, 0, 0], [1, 1, 1]],
    ];

    /// <summary>Highest-severity (AC, AT) levels of each EQ2 level: AC:L/AT:N; AC:H/AT:N, AC:L/AT:P.</summary>
    public static readonly int[][][] Eq2Maxima =
    [
        [[0, 0]],
        [[1, 0], [0, 1]],
    ];

    /// <summary>
    /// Highest-severity (VC, VI, VA, CR, IR, AR) levels of each EQ3 and EQ6 level pair (indexed [eq3 * 2 + eq6]):
    /// 00 VC:H/VI:H/VA:H/CR:H/IR:H/AR:H;
    /// 01 VC:H/VI:H/VA:L/CR:M/IR:M/AR:H, VC:H/VI:H/VA:H/CR:M/IR:M/AR:M;
    /// 10 VC:L/VI:H/VA:H/CR:H/IR:H/AR:H, VC:H/VI:L/VA:H/CR:H/IR:H/AR:H;
    /// 11 VC:L/VI:H/VA:L/CR:H/IR:M/AR:H, VC:L/VI:H/VA:H/CR:H/IR:M/AR:M, VC:H/VI:L/VA:H/CR:M/IR:H/AR:M,
    ///    VC:H/VI:L/VA:L/CR:M/IR:H/AR:H, VC:L/VI:L/VA:H/CR:H/IR:H/AR:M;
    /// 21 VC:L/VI:L/VA:L/CR:H/IR:H/AR:H.
    /// </summary>
    public static readonly int[][][] Eq3Eq6Maxima =
    [
        [[0, 0, 0, 0, 0, 0]],
        [[0, 0, 1, 1, 1, 0], [0, 0, 0, 1, 1, 1]],
        [[1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0]],
        [[1, 0, 1, 0, 1, 0], [1, 0, 0, 0, 1, 1], [0, 1, 0, 1, 0, 1], [0, 1, 1, 1, 0, 0], [1, 1, 0, 0, 0, 1]],
        [],
        [[1, 1, 1, 0, 0, 0]],
    ];

    /// <summary>Highest-severity (SC, SI, SA) levels of each EQ4 level: SC:H/SI:S/SA:S; SC:H/SI:H/SA:H;
    /// SC:L/SI:L/SA:L.</summary>
    public static readonly int[][][] Eq4Maxima =
    [
        [[1, 0, 0]],
        [[1, 1, 1]],
        [[2, 2, 2]],
    ];

    /// <summary>Depth of each EQ1 level: its maximal severity distance plus one.</summary>
    public static readonly int[] Eq1Depth = [1, 4, 5];

    /// <summary>Depth of each EQ2 level.</summary>
    public static readonly int[] Eq2Depth = [1, 2];

    /// <summary>Depth of each EQ3 and EQ6 level pair, indexed [eq3 * 2 + eq6]; the pair 20 does not exist.</summary>
    public static readonly int[] Eq3Eq6Depth = [7, 6, 8, 8, 0, 10];

    /// <summary>Depth of each EQ4 level.</summary>
    public static readonly int[] Eq4Depth = [6, 5, 4];
}
