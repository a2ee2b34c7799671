using static ModelGate.Formats.Cvss.CvssMetrics;

namespace ModelGate.Formats.Cvss;

/// <summary>
/// The CVSS v4.0 score (specification section 8.2): the vector is placed in a MacroVector by the six equivalence
/// sets EQ1..EQ6, which gives a score from the MacroVector table; the score is then lowered by the mean, over the
/// equivalence sets that have a next-lower MacroVector, of the score gap to that MacroVector scaled by how far the
/// vector lies from the highest-severity vector of its own MacroVector (severity distance over depth).
/// </summary>
/// <remarks>
/// Every value is computed exactly, as integers in tenths with one common denominator, and rounded half up to one
/// decimal. FIRST's reference implementations compute in floating point and lift the result by 10^-6 before
/// rounding so that exact ties such as 8.55 are rounded up rather than landing one unit in the last place below
/// the tie; exact arithmetic gives the same result by construction.
/// Threat and Environmental metrics take part when present (the score is then CVSS-BT, CVSS-BE or CVSS-BTE);
/// absent ones are Not Defined: E:X counts as E:A (Attacked), CR/IR/AR:X as High, and a modified metric that is
/// absent or X leaves the Base metric's value in place (section 4.2).
/// </remarks>
internal static class Cvss4Score
{
    /// <summary>Returns the score in tenths (0 to 100).</summary>
    public static int ScoreTenths(string?[] values)
    {
        var m = new EffectiveMetrics(values);

        // "No impact" exception: no confidentiality, integrity or availability impact on either system scores 0.
        if (m.VC == 'N' && m.VI == 'N' && m.VA == 'N' && m.SC == 'N' && m.SI == 'N' && m.SA == 'N')
            return 0;

        var eq1 = (m.AV, m.PR, m.UI) switch
        {
            ('N', 'N', 'N') => 0,
            (var av, var pr, var ui) when (av == 'N' || pr == 'N' || ui == 'N') && av != 'P' => 1,
            _ => 2,
        };
        var eq2 = m.AC == 'L' && m.AT == 'N' ? 0 : 1;
        var eq3 = m.VC == 'H' && m.VI == 'H' ? 0 : m.VC == 'H' || m.VI == 'H' || m.VA == 'H' ? 1 : 2;
        var eq4 = m.SI == 'S' || m.SA == 'S' ? 0 : m.SC == 'H' || m.SI == 'H' || m.SA == 'H' ? 1 : 2;
        var eq5 = m.E switch
        {
            'A' => 0,
            'P' => 1,
            _ => 2,
        };
        var eq6 = (m.CR == 'H' && m.VC == 'H') || (m.IR == 'H' && m.VI == 'H') || (m.AR == 'H' && m.VA == 'H') ? 0 : 1;

        var score = Cvss4Tables.MacroVectorScore(eq1, eq2, eq3, eq4, eq5, eq6);

        // Scores of the next-lower MacroVector in each equivalence set; -1 where there is none. EQ3 and EQ6 are
        // stepped together: 00 has two next-lower MacroVectors (01 and 10) and the higher-scoring one is used;
        // 01 -> 11, 10 -> 11, 11 -> 21, and 21 is the lowest.
        var lowerEq1 = Cvss4Tables.MacroVectorScore(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
        var lowerEq2 = Cvss4Tables.MacroVectorScore(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
        var lowerEq3Eq6 = (eq3, eq6) switch
        {
            (0, 0) => Math.Max(
                Cvss4Tables.MacroVectorScore(eq1, eq2, 0, eq4, eq5, 1),
                Cvss4Tables.MacroVectorScore(eq1, eq2, 1, eq4, eq5, 0)),
            (0, 1) => Cvss4Tables.MacroVectorScore(eq1, eq2, 1, eq4, eq5, 1),
            (1, 0) => Cvss4Tables.MacroVectorScore(eq1, eq2, 1, eq4, eq5, 1),
            (1, 1) => Cvss4Tables.MacroVectorScore(eq1, eq2, 2, eq4, eq5, 1),
            _ => -1,
        };
        var lowerEq4 = Cvss4Tables.MacroVectorScore(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
        var lowerEq5 = Cvss4Tables.MacroVectorScore(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

        // Severity distances from the first highest-severity vector of the MacroVector that is at least as
        // severe as the scored vector in every metric.
        var distances = FindDistances(m.Levels(), eq1, eq2, eq3 * 2 + eq6, eq4);
        var distanceEq1 = distances[0] + distances[1] + distances[2];
        var distanceEq2 = distances[3] + distances[4];
        var distanceEq3Eq6 = distances[5] + distances[6] + distances[7] + distances[8] + distances[9] + distances[10];
        var distanceEq4 = distances[11] + distances[12] + distances[13];

        var depthEq1 = Cvss4Tables.Eq1Depth[eq1];
        var depthEq2 = Cvss4Tables.Eq2Depth[eq2];
        var depthEq3Eq6 = Cvss4Tables.Eq3Eq6Depth[eq3 * 2 + eq6];
        var depthEq4 = Cvss4Tables.Eq4Depth[eq4];
        long product = depthEq1 * depthEq2 * depthEq3Eq6 * depthEq4;

        // Sum over existing lower MacroVectors of (score - lower) x distance / depth, over the common denominator
        // `product`. EQ5's proportion is always 0 (the vector always equals its level's highest-severity value),
        // but an existing lower EQ5 MacroVector still counts towards the mean.
        long numerator = 0;
        var existing = 0;
        Accumulate(lowerEq1, distanceEq1, depthEq1);
        Accumulate(lowerEq2, distanceEq2, depthEq2);
        Accumulate(lowerEq3Eq6, distanceEq3Eq6, depthEq3Eq6);
        Accumulate(lowerEq4, distanceEq4, depthEq4);
        if (lowerEq5 >= 0)
            existing++;

        if (existing == 0)
            return score;

        // result = score - numerator / (product x existing), kept as the fraction value / denominator.
        var denominator = product * existing;
        var value = (score * denominator) - numerator;
        if (value <= 0)
            return 0;
        if (value >= 100 * denominator)
            return 100;
        return (int)(((2 * value) + denominator) / (2 * denominator));

        void Accumulate(int lower, int distance, int depth)
        {
            if (lower < 0)
                return;
            existing++;
            numerator += (long)(score - lower) * distance * (product / depth);
        }
    }

    /// <summary>
    /// Per-metric distances (AV, PR, UI, AC, AT, VC, VI, VA, CR, IR, AR, SC, SI, SA) between the vector and the
    /// first candidate highest-severity vector, in the order the candidates combine (EQ1, then EQ2, EQ3+EQ6, EQ4),
    /// with no negative distance. The candidates of each level always include one; should none fit, the last
    /// candidate's distances are used, as the reference calculator does.
    /// </summary>
    private static int[] FindDistances(int[] levels, int eq1, int eq2, int eq3Eq6, int eq4)
    {
        var distances = new int[14];
        foreach (var max1 in Cvss4Tables.Eq1Maxima[eq1])
        {
            foreach (var max2 in Cvss4Tables.Eq2Maxima[eq2])
            {
                foreach (var max36 in Cvss4Tables.Eq3Eq6Maxima[eq3Eq6])
                {
                    foreach (var max4 in Cvss4Tables.Eq4Maxima[eq4])
                    {
                        var fits = true;
                        var i = 0;
                        foreach (var max in (ReadOnlySpan<int[]>)[max1, max2, max36, max4])
                        {
                            foreach (var level in max)
                            {
                                distances[i] = levels[i] - level;
                                fits &= distances[i] >= 0;
                                i++;
                            }
                        }
                        if (fits)
                            return distances;
                    }
                }
            }
        }
        return distances;
    }

    /// <summary>The metric values the score uses, after Threat and Environmental metrics are applied.</summary>
    private readonly struct EffectiveMetrics
    {
        public EffectiveMetrics(string?[] values)
        {
            AV = Effective(values, V4AttackVector);
            AC = Effective(values, V4AttackComplexity);
            AT = Effective(values, V4AttackRequirements);
            PR = Effective(values, V4PrivilegesRequired);
            UI = Effective(values, V4UserInteraction);
            VC = Effective(values, V4VulnerableConfidentiality);
            VI = Effective(values, V4VulnerableIntegrity);
            VA = Effective(values, V4VulnerableAvailability);
            SC = Effective(values, V4SubsequentConfidentiality);
            SI = Effective(values, V4SubsequentIntegrity);
            SA = Effective(values, V4SubsequentAvailability);
            E = Defined(values[V4ExploitMaturity], 'A');
            CR = Defined(values[V4ConfidentialityRequirement], 'H');
            IR = Defined(values[V4IntegrityRequirement], 'H');
            AR = Defined(values[V4AvailabilityRequirement], 'H');
        }

        public char AV { get; }
        public char AC { get; }
        public char AT { get; }
        public char PR { get; }
        public char UI { get; }
        public char VC { get; }
        public char VI { get; }
        public char VA { get; }
        public char SC { get; }

        /// <summary>May be S (Safety), which only MSI can give.</summary>
        public char SI { get; }

        /// <summary>May be S (Safety), which only MSA can give.</summary>
        public char SA { get; }
        public char E { get; }
        public char CR { get; }
        public char IR { get; }
        public char AR { get; }

        /// <summary>Severity levels in the order of <see cref="FindDistances"/>.</summary>
        public int[] Levels() =>
        [
            Level(AV, "NALP"), Level(PR, "NLH"), Level(UI, "NPA"),
            Level(AC, "LH"), Level(AT, "NP"),
            Level(VC, "HLN"), Level(VI, "HLN"), Level(VA, "HLN"),
            Level(CR, "HML"), Level(IR, "HML"), Level(AR, "HML"),
            Level(SC, "SHLN"), Level(SI, "SHLN"), Level(SA, "SHLN"),
        ];

        private static int Level(char value, string mostToLeastSevere) => mostToLeastSevere.IndexOf(value, StringComparison.Ordinal);

        private static char Effective(string?[] values, int baseIndex)
        {
            var modified = values[V4FirstModified + baseIndex];
            return modified is null or "X" ? values[baseIndex]![0] : modified[0];
        }

        private static char Defined(string? value, char notDefined) => value is null or "X" ? notDefined : value[0];
    }
}
